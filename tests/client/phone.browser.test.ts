/**
 * The explorer on a phone (390×844, issue 17): choosing a node opens its details as a bottom sheet
 * on screen (they sat 1,850 px down, under the canvas and the panels), which Escape closes; the
 * panels start folded behind one button, and open to be used.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../testkit/chromium';
import {
  describeInChromium,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

describeInChromium('the explorer on a phone', () => {
  let session: ExplorerSession;
  let browser: Browser;

  beforeAll(async () => {
    session = await startExplorerSession();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await session?.close();
  });

  /** The explorer's graph view on a phone, and the page's errors. */
  async function onPhone(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${session.base}/?lang=en`);
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
    return { page, errors, close: () => context.close() };
  }

  it('opens the details of a chosen node as a bottom sheet in view', async () => {
    const { page, errors, close } = await onPhone();

    await page.locator('.search__input').fill('港珠澳大橋');
    await page.locator('.search__hit').first().waitFor();
    await page.locator('.search__input').press('Enter');
    const sheet = page.locator('.details[data-state="selected"]');
    await sheet.waitFor();
    await expect(page.locator('.details__name').innerText()).resolves.toBe('港珠澳大橋');
    // On screen without scrolling: the sheet's top is inside the viewport and it ends at its bottom.
    const box = await sheet.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y).toBeLessThan(844);
    expect(Math.round(box!.y + box!.height)).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
    await page.screenshot({ path: 'test-results/screenshots/phone-details.png' });

    await page.keyboard.press('Escape');
    await page.locator('.details[data-state="empty"]').waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await close();
  });

  it('starts with the panels folded under the graph, and opens them to filter', async () => {
    const { page, errors, close } = await onPhone();
    const toggle = page.getByRole('button', { name: 'Filters, legend and more' });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.locator('.sidebar--left').isVisible()).resolves.toBe(false);
    await expect(page.locator('.details[data-state="empty"]').isVisible()).resolves.toBe(false);
    // Folded, the page is the graph and the button: nothing scrolls far below it, nor sideways.
    // Runs in the page (this program has no DOM types).
    const size = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollHeight: number; scrollWidth: number } };
        }
      ).document.documentElement;
      return { height: root.scrollHeight, width: root.scrollWidth };
    });
    expect(size.height).toBeLessThan(844 * 1.5);
    expect(size.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/screenshots/phone-folded.png', fullPage: true });

    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const legend = page.locator('.legend');
    await legend.waitFor();
    // Open, the panels work: hiding a node type filters the graph.
    const summary = page.locator('.filters__count');
    const before = await summary.innerText();
    await legend.locator('li[data-node="Measure"] input[type="checkbox"]').uncheck();
    await page.waitForFunction(
      (text) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }
        ).document.querySelector('.filters__count')?.textContent !== text,
      before,
    );

    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.locator('.sidebar--left').isVisible()).resolves.toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  it('lists the nodes from the toolbar, on screen, and selects one by keyboard', async () => {
    const { page, errors, close } = await onPhone();
    await page.locator('[data-action="node-list"]').click();
    const options = page.locator('#node-list [role="option"]');
    await options.first().waitFor();
    const box = await page.locator('#node-list').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844).toBe(
      true,
    );
    await page.screenshot({ path: 'test-results/screenshots/phone-node-list.png' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const node = await options.nth(1).getAttribute('data-node');
    await page.waitForURL((url) => url.searchParams.get('node') === node);
    await page.locator('.details[data-state="selected"]').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the panels, and no fold button, on a wide screen', async () => {
    await session.page.goto(`${session.base}/?lang=en`);
    await session.page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
    await expect(session.page.locator('.legend').isVisible()).resolves.toBe(true);
    await expect(session.page.locator('.panels-toggle').isVisible()).resolves.toBe(false);
  });
});
