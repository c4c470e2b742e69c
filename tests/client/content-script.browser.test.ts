/**
 * The content-script switch in Chromium (issue 17) against the seed, which is written in Traditional:
 * switching to 简体 shows the bridge's measures in Simplified in the details (the mention still marked
 * on the same characters) and in the measures table, the bridge's label on the canvas and in the
 * search suggestions; a link with script=simplified shows the same, and switching back shows the
 * texts as written again.
 */
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openGraph,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

const BRIDGE = '港珠澳大桥'; // the entity's key
const WRITTEN = '港珠澳大橋'; // its name, as the seed writes it
const SIMPLIFIED = '港珠澳大桥';

interface InPage {
  explorerCanvas?: { drawn(node: string): { label: string | null } | null };
}

describeInChromium('the content script', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  const script = () => new URL(page.url()).searchParams.get('script');
  const historyLength = () =>
    page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length);

  /** The bridge's label as the canvas draws it, once it is `label`. */
  const canvasLabel = (label: string) =>
    page.waitForFunction(
      ([node, expected]) =>
        (globalThis as unknown as InPage).explorerCanvas?.drawn(node as string)?.label === expected,
      [BRIDGE, label],
    );

  /** The focused mention of the bridge in measure 2's card, and the card's text. */
  async function measureTwo(): Promise<{ mark: string; text: string; start: string | null }> {
    const card = page.locator('.details__body .measure-card[data-measure-number="2"]').first();
    const mark = card.locator('mark.mention--focus').first();
    return {
      mark: await mark.innerText(),
      text: await card.innerText(),
      start: await mark.getAttribute('data-start'),
    };
  }

  async function switchTo(value: 'written' | 'traditional' | 'simplified'): Promise<void> {
    await page.locator('select[data-action="script"]').selectOption(value);
    await page.waitForFunction(
      (v) =>
        new URL((globalThis as unknown as { location: { href: string } }).location.href).searchParams.get(
          'script',
        ) === v,
      value,
    );
  }

  it('switches the details, the canvas and the search to Simplified and back', async () => {
    await openGraph(page, `${base}/?lang=en&node=${encodeURIComponent(BRIDGE)}`);
    const select = page.locator('select[data-action="script"]');
    await expect(select.getAttribute('aria-label')).resolves.toMatch(/script/i);
    await expect(select.inputValue()).resolves.toBe('written');
    await canvasLabel(WRITTEN);
    await expect(page.locator('.details__name').innerText()).resolves.toBe(WRITTEN);
    const before = await measureTwo();
    expect(before.mark).toBe(WRITTEN);
    expect(before.text).toContain('研究完善港珠澳大橋跨境車輛通行政策');

    // Keyboard: the switch is reachable from the language switch and chosen with the arrow keys.
    await page.locator('select[data-action="lang"]').focus();
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { dataset: { action?: string } } } })
            .document.activeElement.dataset.action,
      ),
    ).resolves.toBe('script');
    const entries = await historyLength();
    await switchTo('simplified');
    // A display preference: it replaces the history entry rather than adding an undo step.
    await expect(historyLength()).resolves.toBe(entries);
    expect(script()).toBe('simplified');

    await page.locator('.details__name', { hasText: SIMPLIFIED }).waitFor();
    const after = await measureTwo();
    // The mention is still marked on the bridge's characters, now in Simplified.
    expect(after.mark).toBe(SIMPLIFIED);
    expect(after.start).toBe(before.start);
    expect(after.text).toContain('研究完善港珠澳大桥跨境车辆通行政策');
    await canvasLabel(SIMPLIFIED);

    // Search suggestions name the bridge in Simplified, whichever script is typed.
    await page.locator('.search__input').fill('港珠澳大橋');
    await page.locator('.search__hit .search__name', { hasText: SIMPLIFIED }).first().waitFor();
    // A measure's excerpt too, the match still marked on the bridge's characters.
    await page.locator('.search__hit .search__meta mark', { hasText: SIMPLIFIED }).first().waitFor();
    await session.shot('content-script-simplified');
    await page.keyboard.press('Escape');

    // A link with script=simplified shows the same; switching back shows the texts as written.
    await openGraph(page, `${base}/?lang=en&script=simplified&node=${encodeURIComponent(BRIDGE)}`);
    await expect(select.inputValue()).resolves.toBe('simplified');
    await canvasLabel(SIMPLIFIED);
    expect((await measureTwo()).mark).toBe(SIMPLIFIED);
    await switchTo('written');
    await page.locator('.details__name', { hasText: WRITTEN }).waitFor();
    expect(await measureTwo()).toEqual(before);
    await canvasLabel(WRITTEN);
  });

  it('shows the measures table in the chosen script', async () => {
    const table = `${base}/?lang=en&view=measures&of=${encodeURIComponent(BRIDGE)}`;
    await openView(page, table, '.measure-table__text');
    const texts = () => page.locator('.measure-table__text').allInnerTexts();
    expect((await texts()).join('\n')).toContain(WRITTEN);
    await switchTo('simplified');
    await page.locator('.measure-table__text', { hasText: SIMPLIFIED }).first().waitFor();
    const simplified = (await texts()).join('\n');
    expect(simplified).not.toContain(WRITTEN);
    expect(simplified).toContain('研究完善港珠澳大桥跨境车辆通行政策');
    // The table's CSV is what it shows (the server converts it the same way).
    await expect(page.locator('.measures__csv').getAttribute('href')).resolves.toContain('script=simplified');
    // The entities column names the bridge in Simplified too.
    await expect(page.locator('td[data-label]', { hasText: SIMPLIFIED }).count()).resolves.toBeGreaterThan(1);

    // The choice is kept: the same table opened without script= is still in Simplified.
    await openView(page, table, '.measure-table__text');
    await page.locator('.measure-table__text', { hasText: SIMPLIFIED }).first().waitFor();
    await switchTo('traditional');
    await page.locator('.measure-table__text', { hasText: WRITTEN }).first().waitFor();
    expect((await texts()).join('\n')).not.toContain('研究完善港珠澳大桥');
  });
});
