/**
 * Defects of issue 17 outside the canvas and the console, in Chromium against the seed: a measure in a
 * subsection shows its whole section path; ArrowDown+Enter in the search picks the first suggestion;
 * the overlap view's tooltips name plans by title and year, never by their slug.
 */
import type { Page } from 'playwright-core';
import {
  SEED_DOC,
  describeInChromium,
  openGraph,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

describeInChromium('defects outside the canvas (issue 17)', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  it('shows a subsection measure under its whole section path (三 › （一）金融業合作)', async () => {
    // Measure 12 stands in （一）金融業合作 under 三、促進現代服務業合作.
    await openGraph(page, `${base}/?lang=zh-Hant`);
    await page.locator('.search__input').fill('粵港金融合作機制');
    await page.locator('.search__hit').first().waitFor();
    await page.locator('.search__input').press('Enter');
    await page.locator('.details__name').filter({ hasText: '12' }).waitFor();
    const path = await page.locator('.details .section-path').first().innerText();
    expect(path).toMatch(/三、促進現代服務業合作[\s\S]*›[\s\S]*（一）金融業合作/);
    // The entity's measure cards say the same.
    await page.locator('.details__body .chip', { hasText: '金融' }).first().waitFor();
  });

  it('ArrowDown then Enter picks the first suggestion', async () => {
    await openGraph(page, `${base}/?lang=en`);
    const input = page.locator('.search__input');
    await input.fill('港珠澳');
    await page.locator('.search__hit').nth(1).waitFor();
    const first = await page.locator('.search__hit').first().getAttribute('data-key');
    await input.press('ArrowDown');
    await expect(page.locator('.search__hit').first().getAttribute('aria-selected')).resolves.toBe('true');
    await input.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('node') === first);
  });

  it('names plans by title and year in the overlap tooltips, never by slug', async () => {
    await openView(page, `${base}/?view=overlaps&lang=en`, '.heatmap__cell');
    const titles = await page
      .locator('.heatmap [title]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('title') ?? ''));
    expect(titles.length).toBeGreaterThan(3);
    for (const title of titles) expect(title).not.toContain(SEED_DOC);
    expect(titles.filter((title) => /2020/.test(title)).length).toBeGreaterThan(0);
    const cellTitle = (await page.locator('.heatmap__cell').first().getAttribute('title')) ?? '';
    expect(cellTitle).toMatch(/2020/);
    await page.locator('.heatmap__cell').first().click();
    const card = page.locator('.overlaps__selection .overlaps__measure .measure-card__number').first();
    await card.waitFor();
    const cardTitle = (await card.getAttribute('title')) ?? '';
    expect(cardTitle).not.toContain(SEED_DOC);
    expect(cardTitle).toMatch(/2020/);
  });
});
