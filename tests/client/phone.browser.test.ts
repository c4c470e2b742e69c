/**
 * The explorer on a phone (390×844, issue 17): choosing a node opens its details as a bottom sheet
 * on screen (they sat 1,850 px down, under the canvas and the panels), which Escape closes.
 */
import type { Browser } from 'playwright-core';
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

  it('opens the details of a chosen node as a bottom sheet in view', async () => {
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
    await page.locator('.details[data-state="empty"]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
