/**
 * The overlap view end to end (issue 5): the real app, the test Neo4j with the seed, Debian's
 * Chromium through playwright-core. Same setup as explorer.browser.test.ts. Screenshot:
 * test-results/screenshots/overlaps.png.
 */
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

describeInChromium('the overlap view in Chromium', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  const shot = (name: string) => session.shot(name);

  const open = (url: string, ready: string) => openView(page, url, ready);

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  it('renders the entities × sections matrix and a cell click selects the measures behind it', async () => {
    await open(`${base}/?view=overlaps&lang=en`, '.heatmap__cell');
    await expect(
      page.locator('.tabs__tab[data-view="overlaps"]').getAttribute('aria-selected'),
    ).resolves.toBe('true');
    expect(await page.locator('.heatmap__cell').count()).toBeGreaterThan(3);
    expect(await page.locator('.heatmap__row').count()).toBeGreaterThan(1);
    expect(await page.locator('.overlaps__list li').count()).toBeGreaterThan(1);

    const cell = page.locator('.heatmap__cell').first();
    const row = await cell.getAttribute('data-row');
    const count = Number(await cell.getAttribute('data-count'));
    await cell.click();
    await expect(cell.getAttribute('aria-pressed')).resolves.toBe('true');
    const cards = page.locator('.overlaps__selection .overlaps__measure');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(count);
    // The measures' text, with the row's entity marked.
    expect((await cards.first().locator('.overlaps__text').innerText()).length).toBeGreaterThan(5);
    expect(await page.locator('.overlaps__selection mark.mention').first().innerText()).toBe(row);
    // The selection is the app's: the first measure is selected (in the URL too).
    const measure = (await cards.first().getAttribute('data-measure')) as string;
    await expect(cards.first().getAttribute('aria-current')).resolves.toBe('true');
    expect(page.url()).toContain(`node=${encodeURIComponent(measure)}`);
    await shot('overlaps');

    // … and the graph view shows it.
    await cards.first().locator('[data-action="show-in-graph"]').click();
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
    await expect(page.locator('.tabs__tab[data-view="graph"]').getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await expect(page.locator('.details__name').innerText()).resolves.toMatch(/\d/);
    expect(page.url()).not.toContain('view=');
  });

  it('reads the text of the measures a cell lists that the answer’s graph leaves out', async () => {
    await open(`${base}/?view=overlaps&lang=en`, '.heatmap__cell');
    // The view asks for a few paths per entity; the largest cell (香港 in section 三 of the seed: 10
    // measures) lists more measures than those paths hold.
    const counts = await page
      .locator('.heatmap__cell')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
    const n = Math.max(...counts);
    expect(n).toBeGreaterThan(5);
    const read = page.waitForResponse((r) => r.url().includes('/api/measures/') && r.ok());
    await page.locator('.heatmap__cell').nth(counts.indexOf(n)).click();
    await read;
    const cards = page.locator('.overlaps__selection .overlaps__measure');
    expect(await cards.count()).toBe(n);
    await page
      .locator('.overlaps__selection .overlaps__measure[aria-busy]')
      .first()
      .waitFor({ state: 'detached' });
    // Every card with its text and the row's entity marked in it.
    expect(await cards.locator('.overlaps__text').count()).toBe(n);
    for (const card of await cards.all())
      expect(await card.locator('mark.mention').first().innerText()).toBe('香港');
  });

  it('says in words that the seed names no units', async () => {
    await open(`${base}/?view=overlaps&lang=en`, '.heatmap__cell');
    await page.locator('.overlaps__mode[data-mode="units"]').click();
    const empty = page.locator('.overlaps__empty[data-empty="units"]');
    await empty.waitFor();
    await expect(empty.innerText()).resolves.toMatch(/no responsible units/);
    expect(await page.locator('.heatmap__cell').count()).toBe(0);
    await shot('overlaps-units-empty');
  });
});
