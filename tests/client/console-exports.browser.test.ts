/**
 * The console's exports and its result graph (issue 17), in Chromium against the real app and the
 * seed: the table as CSV and JSON, each read back; the result graph as PNG (its header, and twice the
 * canvas's size, with the title band drawn on) and SVG (parsed, the nodes' labels in it); and the
 * result graph's hover, click and drag. Files are kept in test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  describeInChromium,
  openView,
  SCREENSHOTS,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';
import { parseCsv } from '../../testkit/csv';
import { decodePng } from '../../testkit/png';
import type { PageDomParser } from '../../testkit/page-dom';

/** The page's, used inside page.evaluate. */
declare const DOMParser: PageDomParser;

interface Point {
  x: number;
  y: number;
}

/** window.consoleGraph (client/src/views/cypher/ResultGraph.ts), as the tests call it. */
interface InPage {
  consoleGraph?: {
    nodes(): string[];
    edges(): string[];
    point(key: string): Point | null;
    color(node: string): string | null;
    position(node: string): Point | null;
  };
}

const QUERY =
  "MATCH (m:Measure)-[r:MENTIONS]->(e:Entity) WHERE e.key IN ['东莞港', '香港'] RETURN e, r, m LIMIT 6";

describeInChromium('the Cypher console: exports and the result graph', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  const frame = () => page.locator('.cypher-frame').first();

  async function runQuery(query: string): Promise<void> {
    await openView(page, `${base}/?view=cypher&lang=en`, '.cm-content');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(query);
    await page.keyboard.press('Control+Enter');
    await frame().locator('.result-table tbody tr').first().waitFor();
  }

  async function save(button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const file = path.join(SCREENSHOTS, `console-export-${download.suggestedFilename()}`);
    await download.saveAs(file);
    return { name: download.suggestedFilename(), bytes: readFileSync(file) };
  }

  async function showGraph(): Promise<void> {
    await frame().locator('[data-result="graph"]').click();
    await frame().locator('.cypher__graph[data-ready="true"] canvas').first().waitFor();
    await page.waitForFunction(
      () => ((globalThis as unknown as InPage).consoleGraph?.nodes().length ?? 0) > 0,
    );
  }

  const graph = <T>(call: string) => page.evaluate<T>(`window.consoleGraph.${call}`);

  it('writes the table as CSV and as JSON, both read back', async () => {
    await runQuery(
      QUERY.replace(
        'RETURN e, r, m',
        'RETURN e, r, m.number AS number, e.name AS name, \'=HYPERLINK("http://x")\' AS formula, -3 AS negative',
      ),
    );
    const rows = await frame().locator('.result-table tbody tr').count();

    const csv = await save(frame().locator('[data-export="csv"]'));
    expect(csv.name).toMatch(/^cypher-table-.*\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(parsed).toHaveLength(rows);
    expect(Object.keys(parsed[0]!)).toEqual(['e', 'r', 'number', 'name', 'formula', 'negative']);
    for (const row of parsed) {
      // The node as the table's chip reads: main label and name.
      expect(row.e).toMatch(new RegExp(`^[A-Z][a-z]+ ${row.name}$`));
      expect(row.r).toBe(':MENTIONS');
      expect(row.number).toMatch(/^\d+$/);
      // A text a spreadsheet would run as a formula is quoted; a negative number is left alone.
      expect(row.formula).toBe('\'=HYPERLINK("http://x")');
      expect(row.negative).toBe('-3');
    }

    const json = await save(frame().locator('[data-export="json"]'));
    expect(json.name).toMatch(/^cypher-table-.*\.json$/);
    const data = JSON.parse(json.bytes.toString('utf8')) as {
      query: string;
      columns: string[];
      rows: { e: { labels: string[]; properties: { key: string } }; name: string }[];
    };
    expect(data.query).toContain('MATCH (m:Measure)');
    expect(data.columns).toEqual(['e', 'r', 'number', 'name', 'formula', 'negative']);
    expect(data.rows).toHaveLength(rows);
    expect(data.rows.map((r) => r.e.properties.key).sort()).toEqual(
      parsed.map((r) => (r.name === '東莞港' ? '东莞港' : r.name)).sort(),
    );
  });

  it('writes the result graph as a PNG at twice its size with a title band, and as an SVG with the labels', async () => {
    await runQuery(QUERY);
    await showGraph();
    const box = (await frame().locator('.cypher__canvas').boundingBox())!;
    const png = await save(frame().locator('[data-export="png"]'));
    expect(png.name).toMatch(/^cypher-graph-.*\.png$/);
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const image = decodePng(png.bytes);
    expect(image.width).toBe(Math.round(box.width) * 2);
    expect(image.height).toBe(Math.round(box.height) * 2);
    // The title is drawn in dark ink near the top left (on its white band).
    let ink = 0;
    for (let y = 24; y < 60; y++)
      for (let x = 24; x < 300; x++) {
        const i = (y * image.width + x) * 4;
        if (image.pixels[i]! < 90 && image.pixels[i + 1]! < 90 && image.pixels[i + 2]! < 90) ink++;
      }
    expect(ink).toBeGreaterThan(50);

    const svg = await save(frame().locator('[data-export="svg"]'));
    expect(svg.name).toMatch(/^cypher-graph-.*\.svg$/);
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
      const texts = (selector: string) => [...doc.querySelectorAll(selector)].map((e) => e.textContent ?? '');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        circles: doc.querySelectorAll('g.nodes circle').length,
        lines: doc.querySelectorAll('g.edges line').length,
        labels: texts('g.nodes text'),
        legend: texts('g.legend text'),
        title: doc.querySelector('text.title')?.textContent ?? '',
        source: doc.querySelector('text.source')?.textContent ?? '',
      };
    }, svg.bytes.toString('utf8'));
    expect(parsed.error).toBeNull();
    const nodes = await graph<string[]>('nodes()');
    expect(parsed.circles).toBe(nodes.length);
    expect(parsed.lines).toBeGreaterThan(0);
    expect(parsed.labels).toEqual(expect.arrayContaining(['東莞港', '香港']));
    expect(parsed.legend).toEqual(expect.arrayContaining(['Measure']));
    expect(parsed.title).toContain('MATCH (m:Measure)');
    expect(parsed.source).toMatch(/^Policy graph explorer · Cypher · \d{4}-\d{2}-\d{2}$/);
  });

  it('highlights on hover, shows properties on click, moves a node by drag', async () => {
    await runQuery(QUERY);
    await showGraph();
    const nodes = await graph<string[]>('nodes()');
    // 東莞港 and a measure that does not mention it.
    const port = '东莞港';
    expect(nodes).toContain(port);
    const edges = await page.evaluate(() => {
      const g = (globalThis as unknown as InPage).consoleGraph!;
      return g.edges();
    });
    expect(edges.length).toBeGreaterThan(0);
    const colorBefore = await graph<string>(`color(${JSON.stringify('香港')})`);

    // Hover: the port and its measures stand out, 香港 (not its neighbour) is muted.
    const at = (await graph<Point>(`point(${JSON.stringify(port)})`))!;
    await page.mouse.move(at.x, at.y);
    await page.waitForFunction(
      () => (globalThis as unknown as InPage).consoleGraph!.color('香港') === '#e4e7eb',
    );
    await session.shot('console-graph-hover');
    await page.mouse.move(at.x + 400, at.y + 400);
    await page.mouse.move(5, 5);
    await page.waitForFunction(
      (color) => (globalThis as unknown as InPage).consoleGraph!.color('香港') === color,
      colorBefore,
    );

    // Click: its properties beside the drawing.
    await page.mouse.click(at.x, at.y);
    const inspect = frame().locator('.cypher__inspect:not([hidden])');
    await inspect.waitFor();
    await expect(inspect.getAttribute('data-kind')).resolves.toBe('node');
    await expect(inspect.innerText()).resolves.toMatch(/Port[\s\S]*東莞港[\s\S]*nameEn[\s\S]*Dongguan Port/);
    await session.shot('console-graph-click');
    await inspect.locator('.cypher__inspect-close').click();
    await expect(frame().locator('.cypher__inspect').isHidden()).resolves.toBe(true);

    // Drag: the node goes where it is dropped; the others stay.
    const other = nodes.find((n) => n !== port)!;
    const otherBefore = await graph<Point>(`position(${JSON.stringify(other)})`);
    const before = (await graph<Point>(`position(${JSON.stringify(port)})`))!;
    const from = (await graph<Point>(`point(${JSON.stringify(port)})`))!;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + 20, { steps: 5 });
    await page.mouse.move(from.x + 60, from.y + 40, { steps: 5 });
    await page.mouse.up();
    const after = (await graph<Point>(`position(${JSON.stringify(port)})`))!;
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(0);
    const dropped = (await graph<Point>(`point(${JSON.stringify(port)})`))!;
    expect(Math.abs(dropped.x - (from.x + 60))).toBeLessThan(6);
    expect(Math.abs(dropped.y - (from.y + 40))).toBeLessThan(6);
    await expect(graph<Point>(`position(${JSON.stringify(other)})`)).resolves.toEqual(otherBefore);
    // A drag is not a click: nothing was selected by it.
    await expect(frame().locator('.cypher__inspect').isHidden()).resolves.toBe(true);

    // A relationship: click its middle (away from the dropped node).
    let clicked = false;
    for (const edge of edges) {
      const p = await graph<Point | null>(`point(${JSON.stringify(edge)})`);
      if (!p || Math.hypot(p.x - dropped.x, p.y - dropped.y) < 20) continue;
      // sigma takes a second click within 300 ms (the drag ended in one) for a double click.
      await page.waitForTimeout(350);
      await page.mouse.click(p.x, p.y);
      if (await inspect.isVisible()) {
        clicked = true;
        break;
      }
    }
    expect(clicked).toBe(true);
    await expect(inspect.getAttribute('data-kind')).resolves.toBe('edge');
    await expect(inspect.innerText()).resolves.toMatch(/MENTIONS[\s\S]*spans/);
  });
});
