/**
 * Legibility of the graph view in Chromium: measures labelled by reference and first clause, label
 * density that stays readable at "Many", the statistics panel (counts, density, communities, top
 * nodes by PageRank) and colour and size by an attribute with the legend's scale. What the canvas
 * draws is read through the SVG export, which keeps the labels the canvas shows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PALETTE, OTHER_COLOR } from '../../client/src/views/graph/stats/styling';
import { parseCsv } from '../../testkit/csv';
import {
  describeInChromium,
  SCREENSHOTS,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';
import type { PageDomParser } from '../../testkit/page-dom';

/** The page's, used inside page.evaluate. */
declare const DOMParser: PageDomParser;

async function download(page: Page, item: string): Promise<string> {
  await page.locator('[data-action="export"]').click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-export="${item}"]`).click(),
  ]);
  const target = path.join(SCREENSHOTS, `legibility-${item}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  return readFileSync(target, 'utf8');
}

interface Drawing {
  labels: string[];
  fills: string[];
  radii: number[];
}

/** The view as drawn: the labels shown, each circle's colour and radius. */
async function drawing(page: Page): Promise<Drawing> {
  const xml = await download(page, 'svg');
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const circles = [...doc.querySelectorAll('g.nodes circle')];
    return {
      labels: [...doc.querySelectorAll('g.nodes text')].map((e) => e.textContent ?? ''),
      fills: circles.map((c) => c.getAttribute('fill') ?? ''),
      radii: circles.map((c) => Number(c.getAttribute('r'))),
    };
  }, xml);
}

async function visibleCount(page: Page): Promise<number> {
  const text = await page.locator('.filters__count').innerText();
  return Number(/^([\d,]+)/.exec(text)?.[1]?.replace(/,/g, ''));
}

describeInChromium('legibility and statistics of the graph view', () => {
  let session: ExplorerSession;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  it('labels measures by reference and first clause, and "Many" labels stay apart and capped', async () => {
    await openGraph(page, `${session.base}/?lang=en`);
    const counts: Record<string, number> = {};
    let many: string[] = [];
    for (const density of ['few', 'normal', 'many']) {
      await page.locator('[data-action="labels"]').selectOption(density);
      const { labels } = await drawing(page);
      counts[density] = labels.length;
      if (density === 'many') many = labels;
    }
    expect(counts.few).toBeLessThan(counts.normal!);
    expect(counts.normal).toBeLessThan(counts.many!);
    // A measure's label: `三（一）16 支持兩地保險機構合作…`, never "Measure N".
    const measures = many.filter((label) => /^\S*\d+ \p{Script=Han}/u.test(label));
    expect(measures.length).toBeGreaterThan(3);
    expect(many.filter((label) => /^Measure\b/.test(label))).toEqual([]);
    for (const label of measures) expect(label.length).toBeLessThanOrEqual(24);
    // At most one label per 70 px cell of the canvas, not a hairball.
    const box = (await page.locator('.stage__canvas').boundingBox())!;
    expect(counts.many).toBeLessThanOrEqual(Math.ceil(box.width / 70) * Math.ceil(box.height / 70));
    await session.shot('legibility-many-labels');
  });

  it('shows the statistics of the drawn graph and selects a top node', async () => {
    await openGraph(page, `${session.base}/?lang=en`);
    const visible = await visibleCount(page);
    await page.locator('.stats > summary').click();
    const stat = async (key: string) =>
      Number((await page.locator(`.stats [data-stat="${key}"] dd`).innerText()).replace(/,/g, ''));
    expect(await stat('nodes')).toBe(visible);
    expect(await stat('edges')).toBeGreaterThan(50);
    const density = await stat('density');
    expect(density).toBeGreaterThan(0);
    expect(density).toBeLessThan(0.1);
    expect(await stat('communities')).toBeGreaterThan(1);
    const top = page.locator('.stats__top li');
    expect(await top.count()).toBe(8);
    const values = (await page.locator('.stats__value').allInnerTexts()).map(Number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const first = await top.first().getAttribute('data-node');
    await top.first().locator('button').click();
    await page.waitForURL((url) => url.searchParams.get('node') === first);
    // Fewer nodes drawn, fewer counted.
    await page.locator('.legend [data-node="Measure"] input').uncheck();
    await page.locator('.stats [data-stat="nodes"] dd', { hasNotText: String(visible) }).waitFor();
    expect(await stat('nodes')).toBe(await visibleCount(page));
    expect(await stat('nodes')).toBeLessThan(visible);
    // The CSV of nodes carries the statistics once computed.
    const nodes = parseCsv(await download(page, 'nodes-csv'));
    expect(nodes.every((n) => n.pagerank !== '' && n.community !== '')).toBe(true);
  });

  it('colours by community or PageRank and sizes by degree, with the legend showing the scale', async () => {
    await openGraph(page, `${session.base}/?lang=en`);
    await page.locator('[data-style="color"]').selectOption('community');
    const categories = page.locator('.legend__categories li');
    await categories.first().waitFor();
    expect(await categories.count()).toBeGreaterThan(1);
    await expect(categories.first().innerText()).resolves.toBe('Community 1');
    const byCommunity = await drawing(page);
    expect(new Set(byCommunity.fills).size).toBeGreaterThan(1);
    for (const fill of byCommunity.fills) expect([...PALETTE, OTHER_COLOR]).toContain(fill);

    await page.locator('[data-style="color"]').selectOption('pagerank');
    const scale = page.locator('.legend__scale');
    await scale.waitFor();
    expect(Number(await scale.getAttribute('data-min'))).toBeLessThan(
      Number(await scale.getAttribute('data-max')),
    );
    await expect(scale.innerText()).resolves.toMatch(/^From .+ \(light\) to .+ \(dark\)$/);

    const before = await drawing(page);
    await page.locator('[data-style="size"]').selectOption('degree');
    await expect(page.locator('.legend').innerText()).resolves.not.toContain('Node size');
    const after = await drawing(page);
    expect(after.radii).not.toEqual(before.radii);
    await session.shot('legibility-pagerank-degree');

    // Back to the default: the type colours and the server's sizes.
    await page.locator('[data-style="color"]').selectOption('type');
    await page.locator('[data-style="size"]').selectOption('default');
    await expect(page.locator('.legend__scale').count()).resolves.toBe(0);
  });
});
