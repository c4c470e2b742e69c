/**
 * Plans across years in Chromium, on the seed's series (2020–2022) and the Macao plans: the Measures
 * table (filter, sort, page, CSV, open in the graph, a phone's cards), the Compare view (pairs with
 * their changes marked, added and dropped lists), a measure's lineage strip and an entity's timeline,
 * in both interface languages.
 */
import { type Page } from 'playwright-core';
import { LINEAGE_FILES } from '../../testkit/lineage';
import { lineageGold } from '../../ingest/lineage/eval';
import {
  describeInChromium,
  openGraph,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

const Y2020 = '2020-guangdong-hong-kong-cooperation-work-plan';
const Y2021 = '2021-guangdong-hong-kong-key-work-continued';
const gold = lineageGold().find((g) => g.document.includes(Y2021))!.comparisons[0]!;

describeInChromium('plans across years in the explorer', () => {
  let session: ExplorerSession;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession({ files: LINEAGE_FILES });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  it('lists measures, filters them by plan and lineage, sorts and pages, and opens one in the graph', async () => {
    await openView(page, `${session.base}/?view=measures&lang=en`, '.measure-table tbody tr');
    const status = page.locator('.measures__status');
    await expect(status.innerText()).resolves.toMatch(/^1–50 of \d+ measures$/);
    await page.locator('.measures__next').click();
    await page.locator('.measures__status', { hasText: /^51–100 of/ }).waitFor();
    await page.locator('.measures__document').selectOption(Y2021);
    await page.locator('.measures__lineage').selectOption('new');
    await page
      .locator('.measures__status', { hasText: `1–${gold.new.length} of ${gold.new.length} measures` })
      .waitFor();
    const references = await page.locator('.measure-table__open').allInnerTexts();
    expect(references.sort()).toEqual([...gold.new].sort());
    await expect(page.locator('.measures__csv').getAttribute('href')).resolves.toContain('lineage=new');
    await page.locator('.measures__lineage').selectOption('');
    await page.locator('.measure-table__sort[data-sort="reference"]').click();
    await page.locator('th[aria-sort="ascending"] .measure-table__sort[data-sort="reference"]').waitFor();
    await page.locator('.measure-table__sort[data-sort="reference"]').click();
    await page.locator('th[aria-sort="descending"]').waitFor();
    await page.locator('.measure-table__open').first().click();
    await page.locator('.details__name', { hasText: 'Measure' }).waitFor();
    expect(new URL(page.url()).searchParams.get('node')).toMatch(new RegExp(`^${Y2021}/`));
  });

  it('compares two plans: pairs with inserted and deleted text, then what was added and dropped', async () => {
    await openView(page, `${session.base}/?view=compare&cmp=${Y2020},${Y2021}&lang=en`, '.compare-pair');
    await expect(page.locator('.compare-pair').count()).resolves.toBe(
      new Set(gold.pairs.map((p) => `${p.measure}>${p.continues}`)).size,
    );
    await expect(page.locator('.compare__summary').innerText()).resolves.toBe(
      `${gold.pairs.length} pairs · ${gold.new.length} added · ${gold.dropped.length} dropped`,
    );
    // A revised pair marks what changed on each side; a kept one marks nothing.
    const revised = page.locator('.compare-pair[data-kind="revised"]').first();
    await expect(revised.locator('ins, del').count()).resolves.toBeGreaterThan(0);
    const same = page.locator('.compare-pair[data-kind="same"]').first();
    await expect(same.locator('ins, del').count()).resolves.toBe(0);
    await expect(page.locator('.compare-added li').count()).resolves.toBe(gold.new.length);
    await expect(page.locator('.compare-dropped li').count()).resolves.toBe(gold.dropped.length);
    await page.locator('[data-action="lang"]').selectOption('zh-Hant');
    await page.locator('.compare__summary', { hasText: `${gold.pairs.length} 組對應` }).waitFor();
    await page.locator('[data-action="lang"]').selectOption('en');
  });

  it("shows a measure's lineage strip, each year one click away", async () => {
    const kept = gold.pairs.find((p) => p.kind === 'same')!;
    const key = `${Y2021}/m${kept.measure.split('、').pop()}`;
    await openGraph(page, `${session.base}/?node=${encodeURIComponent(key)}&lang=en`);
    const strip = page.locator('.lineage-strip__list');
    await strip.waitFor();
    await expect(page.locator('.lineage-strip__self').innerText()).resolves.toBe(`2021·${kept.measure}`);
    // Among several plans a measure is named with its plan's year.
    await expect(page.locator('.details__name').innerText()).resolves.toBe(`Measure 2021·${kept.measure}`);
    const older = page.locator('.lineage-strip__measure', { hasText: `2020·${kept.continues}` });
    await expect(older.locator('xpath=..').locator('.lineage-badge--same').count()).resolves.toBe(1);
    await older.click();
    await page.locator('.lineage-strip__self', { hasText: `2020·${kept.continues}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('node')).toBe(
      `${Y2020}/m${kept.continues.split('、').pop()}`,
    );
  });

  it("shows an entity's timeline by year in both languages; a bar lists that year's measures", async () => {
    await openGraph(page, `${session.base}/?node=${encodeURIComponent('港珠澳大桥')}&lang=en`);
    await page.locator('.timeline__bar').first().waitFor();
    const years = await page.locator('.timeline__year').allInnerTexts();
    expect(years).toEqual(expect.arrayContaining(['2020', '2021', '2022']));
    expect(years).toEqual([...years].sort());
    const bar = page.locator('.timeline__bar[data-year="2021"]');
    const count = Number(await bar.locator('.timeline__count').innerText());
    await bar.click();
    await expect(page.locator('.timeline__measure').count()).resolves.toBe(count);
    await expect(page.locator('.timeline__measure').first().innerText()).resolves.toMatch(/^2021·/);
    await page.locator('[data-action="lang"]').selectOption('zh-Hant');
    await page.locator('.details__heading', { hasText: '逐年分佈' }).waitFor();
    // The bar is named by its visible year and count; its title says it in words (once the
    // timeline has been drawn again in the new language).
    await page.locator('.timeline__bar[data-year="2021"][title^="2021年"]').waitFor();
    await expect(bar.getAttribute('title')).resolves.toMatch(/^2021年：\d+ 項措施$/);
    await page.locator('[data-action="lang"]').selectOption('en');
  });

  it('slices the graph by year, and plays the years one after another', async () => {
    await openGraph(page, `${session.base}/?lang=en`);
    const shown = async () => {
      const [, visible, total] =
        /(\d+) of (\d+)/.exec(await page.locator('.filters__count').innerText()) ?? [];
      return { visible: Number(visible), total: Number(total) };
    };
    const all = await shown();
    expect(all.visible).toBe(all.total);
    await page.locator('#filter-year').selectOption('2021');
    await page.waitForURL(/[?&]yr=2021/);
    const y2021 = await shown();
    // The 2021 plan's 55 measures, its sections and document, and the entities they touch; no other plan.
    expect(y2021.visible).toBeGreaterThan(55);
    expect(y2021.visible).toBeLessThan(all.total / 2);
    await page.locator('#filter-year').selectOption('');
    await page.locator('.filters__count', { hasText: `${all.total} of ${all.total}` }).waitFor();
    await page.locator('.year-slicer__play').click();
    for (const year of [2017, 2018, 2020, 2021, 2022]) await page.waitForURL(new RegExp(`[?&]yr=${year}`));
    await page.locator('.year-slicer__play[aria-pressed="false"]').waitFor();
    await expect(page.locator('#filter-year').inputValue()).resolves.toBe('2022');
  });

  it('groups the overlap matrix by plan and year, folds a plan, and reads entities and units by year', async () => {
    await openView(page, `${session.base}/?view=overlaps&lang=en`, '.heatmap__cell');
    const groups = await page.locator('.heatmap__fold').allInnerTexts();
    expect(groups.length).toBeGreaterThanOrEqual(2);
    // Plans in year order, each headed by its year.
    const years = groups.map((g) => Number(/(\d{4})/.exec(g)?.[1]));
    expect(years).toEqual([...years].sort());
    const columns = await page.locator('.heatmap__col').count();
    const first = page.locator('.heatmap__fold').first();
    const span = Number(await first.locator('xpath=..').getAttribute('colspan'));
    await first.click();
    await page.locator('.heatmap__fold[aria-expanded="false"]').waitFor();
    await expect(page.locator('.heatmap__col').count()).resolves.toBe(columns - span + 1);
    await page.locator('.heatmap__fold[aria-expanded="false"]').click();
    await page.locator('.heatmap__fold[aria-expanded="false"]').waitFor({ state: 'detached' });

    // One series only: the Macao plans.
    await page.locator('.overlaps__series').selectOption('macao');
    // The matrix read again: the Guangdong–Hong Kong plans (2020–2022) gone, the Macao ones there.
    await page
      .locator('.heatmap__fold', { hasText: /^▾ 202/ })
      .first()
      .waitFor({ state: 'detached' });
    await page.locator('.heatmap__fold', { hasText: /^▾ 2017/ }).waitFor();
    const macao = await page.locator('.heatmap__fold').allInnerTexts();
    expect(macao.length).toBeGreaterThan(0);
    expect(macao.every((g) => /^▾ 201[78] /.test(g))).toBe(true);
    await page.locator('.overlaps__series').selectOption('');
    await page
      .locator('.heatmap__fold', { hasText: /^▾ 202/ })
      .first()
      .waitFor();

    await page.locator('.overlaps__mode[data-mode="entityYears"]').click();
    await page.locator('.heatmap[data-mode="entityYears"] .heatmap__cell').first().waitFor();
    const yearColumns = await page.locator('.heatmap__col').allInnerTexts();
    expect(yearColumns).toEqual(['2017', '2018', '2020', '2021', '2022']);
    const cell = page.locator('.heatmap__cell').first();
    const count = Number(await cell.getAttribute('data-count'));
    await cell.click();
    await expect(page.locator('.overlaps__selection .overlaps__measure').count()).resolves.toBe(count);

    await page.locator('.overlaps__mode[data-mode="unitYears"]').click();
    await page.locator('.heatmap[data-mode="unitYears"] .heatmap__cell').first().waitFor();
    // Units are named in the Macao plans only.
    const unitYears = await page.locator('.heatmap__col').allInnerTexts();
    expect(unitYears.every((y) => ['2017', '2018', '2022'].includes(y))).toBe(true);
  });

  it('reads as cards on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openView(page, `${session.base}/?view=measures&lang=zh-Hant`, '.measure-table tbody tr');
      const cell = page.locator('.measure-table tbody tr').first().locator('td').first();
      await expect(
        cell.evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td).display),
      ).resolves.toBe('block');
      await expect(
        cell.evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td, '::before').content),
      ).resolves.toContain('計劃');
      const width = await page.locator('html').evaluate((html) => html.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});
