/**
 * The Export menu in Chromium, each file downloaded and read back (the code that writes them loaded
 * on first use, not with the page): the visible nodes and relationships as CSV, the PNG at twice the canvas's size with its title, legend and source line, the SVG with
 * its nodes' labels, and the measures of a selection as a citable list (CSV and text).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REL_TYPES } from '../../model/graph';
import { parseCsv } from '../../testkit/csv';
import { darkPixels, decodePng, pixelsNear } from '../../testkit/png';
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

/** Clicks the Export menu's `item` and returns the downloaded file's name and bytes. */
async function exportFile(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.locator('[data-action="export"]').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-export="${item}"]`).click(),
  ]);
  const file = path.join(SCREENSHOTS, `export-${item}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

/** The visible count the filters panel states (`87 of 131 nodes shown`). */
async function visibleCount(page: Page): Promise<number> {
  const text = await page.locator('.filters__count').innerText();
  return Number(/^([\d,]+)/.exec(text)?.[1]?.replace(/,/g, ''));
}

describeInChromium('exports of the graph view', () => {
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

  it('loads the exports and their libraries when an export is asked for, not with the page', async () => {
    const scripts: string[] = [];
    const record = (request: { url(): string; resourceType(): string }) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    };
    page.on('request', record);
    try {
      await openGraph(page, `${session.base}/?lang=en`);
      expect(scripts.some((s) => s.startsWith('/assets/index-'))).toBe(true);
      expect(scripts.filter((s) => /ExportController/.test(s))).toEqual([]);
      const { bytes } = await exportFile(page, 'nodes-csv');
      expect(parseCsv(bytes.toString('utf8')).length).toBe(await visibleCount(page));
      expect(scripts.filter((s) => /ExportController/.test(s))).toHaveLength(1);
    } finally {
      page.off('request', record);
    }
  });

  it('writes the visible nodes and the relationships between them as CSV', async () => {
    await openGraph(page, `${session.base}/?lang=en`);
    const nodes = parseCsv((await exportFile(page, 'nodes-csv')).bytes.toString('utf8'));
    expect(nodes.length).toBe(await visibleCount(page));
    expect(nodes.length).toBeGreaterThan(50);
    const keys = new Set(nodes.map((n) => n.key));
    expect(keys.size).toBe(nodes.length);
    expect(nodes.find((n) => n.key === '港珠澳大桥')).toMatchObject({
      type: 'Infrastructure',
      name: '港珠澳大橋',
    });

    const { name, bytes } = await exportFile(page, 'edges-csv');
    expect(name).toMatch(/^policy-graph-edges-.*\.csv$/);
    const edges = parseCsv(bytes.toString('utf8'));
    expect(edges.length).toBeGreaterThan(50);
    for (const edge of edges) {
      expect(keys.has(edge.source!)).toBe(true);
      expect(keys.has(edge.target!)).toBe(true);
      expect(REL_TYPES).toContain(edge.type);
    }
    // Key properties: the words a mention matched (and a unit's lead flag, tested on a small graph).
    expect(edges.some((e) => e.type === 'MENTIONS' && e.surface)).toBe(true);
    expect(edges.find((e) => e.target === '港珠澳大桥')?.target_name).toBe('港珠澳大橋');
    // What the filters hide is not exported.
    await page.locator('.legend [data-rel="MENTIONS"] input').uncheck();
    const fewer = parseCsv((await exportFile(page, 'edges-csv')).bytes.toString('utf8'));
    expect(fewer.length).toBeLessThan(edges.length);
    expect(fewer.filter((e) => e.type === 'MENTIONS')).toEqual([]);
  });

  it('draws the PNG at twice the canvas with a title, a legend and a source line', async () => {
    await openGraph(page, `${session.base}/?lang=en`);
    const box = (await page.locator('.stage__canvas').boundingBox())!;
    const { name, bytes } = await exportFile(page, 'png');
    expect(name).toMatch(/\.png$/);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, right after the chunk's length and type.
    expect(bytes.readUInt32BE(16)).toBe(Math.round(box.width) * 2);
    expect(bytes.readUInt32BE(20)).toBe(Math.round(box.height) * 2);
    // The decorations are drawn: dark text in the title band (top left), in the legend (top right)
    // and in the source line (bottom left), where the bare canvas had only the graph.
    const image = decodePng(bytes);
    const dark = {
      title: darkPixels(image, 24, 24, 300, 40),
      legend: darkPixels(image, image.width - 200, 24, 180, 40),
      source: darkPixels(image, 24, image.height - 56, 400, 34),
    };
    expect(dark.title).toBeGreaterThan(30);
    expect(dark.legend).toBeGreaterThan(30);
    expect(dark.source).toBeGreaterThan(30);
    // And the nodes' labels, in the label colour (#1f2933), below the title band and above the source
    // line (the first 2× export lost them: its renderer drew its labels twice in one task).
    const labelInk = pixelsNear(image, [0x1f, 0x29, 0x33], 12, [
      0,
      100,
      image.width - 420,
      image.height - 200,
    ]);
    expect(labelInk).toBeGreaterThan(500);
  });

  it('writes an SVG with a circle per visible node, its labels, the legend and the source line', async () => {
    await openGraph(page, `${session.base}/?lang=en`);
    const visible = await visibleCount(page);
    const { name, bytes } = await exportFile(page, 'svg');
    expect(name).toMatch(/\.svg$/);
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
      const texts = (selector: string) => [...doc.querySelectorAll(selector)].map((e) => e.textContent ?? '');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        circles: doc.querySelectorAll('g.nodes circle').length,
        lines: doc.querySelectorAll('g.edges line').length,
        labels: texts('g.nodes text'),
        names: texts('g.nodes title'),
        legend: texts('g.legend text'),
        source: doc.querySelector('text.source')?.textContent ?? '',
        width: doc.documentElement.getAttribute('width'),
      };
    }, bytes.toString('utf8'));
    expect(parsed.error).toBeNull();
    expect(parsed.circles).toBe(visible);
    expect(parsed.lines).toBeGreaterThan(50);
    expect(parsed.names).toContain('港珠澳大橋');
    expect(parsed.labels.length).toBeGreaterThan(5);
    expect(parsed.labels).toContain('港珠澳大橋');
    expect(parsed.legend).toEqual(expect.arrayContaining(['City', 'Infrastructure']));
    expect(parsed.source).toMatch(/^Policy graph explorer · .+ · \d{4}-\d{2}-\d{2}$/);
  });

  it('lists the measures of the selection as a citable CSV and as citations', async () => {
    await openGraph(page, `${session.base}/?lang=en&node=${encodeURIComponent('港珠澳大桥')}`);
    const csv = parseCsv((await exportFile(page, 'measures-csv')).bytes.toString('utf8'));
    expect(csv.length).toBeGreaterThan(0);
    for (const row of csv) {
      expect(Object.keys(row)).toEqual(['document', 'year', 'reference', 'text', 'script', 'key']);
      // The seed is Traditional, shown as written.
      expect(row.script).toBe('traditional');
      expect(row.document).toMatch(/\S/);
      expect(row.year).toBe('2020');
      expect(row.reference).toMatch(/\d/);
      expect(row.text!.length).toBeGreaterThan(5);
    }
    // The measures that mention the bridge or any of its names.
    expect(csv.some((row) => /港珠澳大橋|港珠澳大桥/.test(row.text!))).toBe(true);
    const text = (await exportFile(page, 'measures-txt')).bytes.toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(csv.length);
    lines.forEach((line, i) =>
      expect(line).toBe(`《${csv[i]!.document}》 (2020), ${csv[i]!.reference}: ${csv[i]!.text}`),
    );
  });
});
