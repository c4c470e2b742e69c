/**
 * Box selection and filtering by statistics in Chromium against the seed (issue 17): shift-drag on
 * the empty canvas chooses the nodes drawn inside the box without moving the camera, Escape cancels
 * it; the statistics panel filters the view to chosen communities or to the top N by PageRank, in
 * the URL (a link reproduces it) and undone by Ctrl-Z. Where a node is drawn and its statistics come
 * from `window.explorerCanvas` (views/graph/gestures/inspect.ts). The node menu's "Show in measures
 * table" opens the table on exactly the bridge's measures, as the entity's API gives them.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

type Point = { x: number; y: number };
interface Canvas {
  shown(): string[];
  picked(): string[];
}
type InPage = {
  explorerCanvas?: Canvas;
  document: { querySelectorAll(selector: string): { length: number } };
};

describeInChromium('box selection and filters by statistics (issue 17)', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  const inspect = <T>(call: string) => page.evaluate<T>(`window.explorerCanvas.${call}`);
  const point = (node: string) => inspect<Point | null>(`point(${JSON.stringify(node)})`);
  const shown = () => inspect<string[]>('shown()');
  const statsOf = (node: string) =>
    inspect<{ pagerank: number | null; community: number | null }>(`stats(${JSON.stringify(node)})`);
  const drawnReady = () =>
    page.waitForFunction(() => ((globalThis as unknown as InPage).explorerCanvas?.shown().length ?? 0) > 0);
  const param = (name: string) => new URL(page.url()).searchParams.get(name);

  async function open(query = ''): Promise<void> {
    await openGraph(page, `${base}/?lang=en&cam=0.5,0.5,1${query ? `&${query}` : ''}`);
    await drawnReady();
  }

  /** The shown nodes and where they are drawn (page pixels). */
  async function drawnPoints(): Promise<Map<string, Point>> {
    const points = new Map<string, Point>();
    for (const node of await shown()) {
      const p = await point(node);
      if (p) points.set(node, p);
    }
    return points;
  }

  /**
   * A box around two nodes well inside the canvas whose corners lie on the empty background (a drag
   * from a node would move the node), the nodes drawn inside it and a node well inside the canvas
   * but outside the box.
   */
  async function boxAroundTwo(): Promise<{ from: Point; to: Point; inside: string[]; other: string }> {
    const canvas = await page.locator('.stage__canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const points = await drawnPoints();
    const within = [...points].filter(
      ([, p]) =>
        p.x > canvas.x + 100 &&
        p.x < canvas.x + canvas.width - 220 &&
        p.y > canvas.y + 150 &&
        p.y < canvas.y + canvas.height - 100,
    );
    const clear = (c: Point) => [...points.values()].every((p) => Math.hypot(p.x - c.x, p.y - c.y) > 24);
    for (const [, a] of within)
      for (const [, b] of within) {
        if (a === b || Math.abs(a.x - b.x) < 20 || Math.abs(a.y - b.y) < 20) continue;
        const from = { x: Math.min(a.x, b.x) - 15, y: Math.min(a.y, b.y) - 15 };
        const to = { x: Math.max(a.x, b.x) + 15, y: Math.max(a.y, b.y) + 15 };
        if (!clear(from) || !clear(to)) continue;
        const isInside = (p: Point) => p.x >= from.x && p.x <= to.x && p.y >= from.y && p.y <= to.y;
        const inside = [...points].filter(([, p]) => isInside(p)).map(([node]) => node);
        const other = within.find(([, p]) => !isInside(p))?.[0];
        if (other && inside.length >= 2 && inside.length < points.size / 2)
          return { from, to, inside, other };
      }
    throw new Error('no two nodes to draw a box around');
  }

  /** Shift-drags with the left button from `from` to `to`, in steps as a hand would. */
  async function shiftDrag(from: Point, to: Point, beforeRelease?: () => Promise<void>): Promise<void> {
    await page.keyboard.down('Shift');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await beforeRelease?.();
    await page.mouse.up();
    await page.keyboard.up('Shift');
  }

  /** Serious and critical axe violations inside `selector`. */
  async function axeIn(selector: string): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }

  /** The selected node and those chosen with it, from the URL. */
  const chosen = () =>
    [param('node'), ...(param('pick')?.split(',') ?? [])].filter((n): n is string => !!n).sort();

  it('shift-drag on the background adds the nodes inside the box to the choice, without panning; undo', async () => {
    await open();
    const { from, to, inside, other } = await boxAroundTwo();
    const was = (await point(other))!;
    await page.mouse.click(was.x, was.y);
    await page.waitForURL((url) => url.searchParams.get('node') === other);
    const box = page.locator('.box-select');
    await shiftDrag(from, to, async () => {
      // The rectangle is drawn while dragging.
      await expect(box.isVisible()).resolves.toBe(true);
    });
    await page.waitForURL((url) => url.searchParams.has('pick'));
    expect(param('node')).toBe(other);
    expect(chosen()).toEqual([...inside, other].sort());
    await expect(box.isVisible()).resolves.toBe(false);
    // The camera stayed: the node outside the box is drawn where it was.
    expect(await point(other)).toEqual(was);
    // Undo takes the box's choice back, as one step.
    await page.keyboard.press('Control+z');
    await page.waitForURL((url) => !url.searchParams.has('pick'));
    expect(param('node')).toBe(other);
  });

  it('Escape cancels a box being drawn: nothing of it is chosen', async () => {
    await open();
    const { from, to, inside, other } = await boxAroundTwo();
    const o = (await point(other))!;
    await page.mouse.click(o.x, o.y);
    await page.waitForURL((url) => url.searchParams.get('node') === other);
    await shiftDrag(from, to, async () => {
      await page.keyboard.press('Escape');
      await expect(page.locator('.box-select').isVisible()).resolves.toBe(false);
    });
    // A shift-click after it: the choice holds that node only, none of the box's.
    const node = inside[0]!;
    const p = (await point(node))!;
    await page.keyboard.down('Shift');
    await page.mouse.click(p.x, p.y);
    await page.keyboard.up('Shift');
    await page.waitForURL((url) => url.searchParams.has('pick'));
    expect(param('pick')).toBe(node);
    // Escape did not clear the selection either (it cancelled the box only).
    expect(param('node')).toBe(other);
  });

  it('filters the view to one community, then to the top N by PageRank; a link and undo keep up', async () => {
    await open();
    await page.locator('[data-panel="stats"] > summary').click();
    const first = page.locator('.stats__communities input[data-community="0"]');
    await first.waitFor();
    const before = await shown();
    const community = new Map<string, number | null>();
    for (const node of before) community.set(node, (await statsOf(node)).community);
    const members = before.filter((node) => community.get(node) === 0).sort();
    expect(members.length).toBeGreaterThan(1);
    expect(members.length).toBeLessThan(before.length);
    await expect(first.locator('xpath=..').innerText()).resolves.toContain(`(${members.length})`);

    // The filter's controls are labelled and reachable (axe, serious and critical).
    await expect(axeIn('[data-panel="stats"]')).resolves.toEqual([]);
    await first.check();
    await page.waitForURL((url) => url.searchParams.get('comm') === '0');
    await page.waitForFunction(
      (n) => (globalThis as unknown as InPage).explorerCanvas?.shown().length === n,
      members.length,
    );
    expect((await shown()).sort()).toEqual(members);
    // The communities are those of the graph the other filters show: not renumbered by the filter.
    await expect(page.locator('.stats__communities input[data-community="1"]').count()).resolves.toBe(1);

    // Top N by PageRank: the N first of the panel's list remain.
    await page.locator('.stats__communities button').click();
    await page.waitForURL((url) => !url.searchParams.has('comm'));
    const top = await page
      .locator('.stats__top li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-node') as string));
    const N = 5;
    await page.locator('#stats-top-rank').fill(String(N));
    await page.locator('#stats-top-rank').blur();
    await page.waitForURL((url) => url.searchParams.get('top') === String(N));
    await page.waitForFunction(
      (n) => (globalThis as unknown as InPage).explorerCanvas?.shown().length === n,
      N,
    );
    expect((await shown()).sort()).toEqual(top.slice(0, N).sort());

    // The link reproduces the filter.
    await openGraph(page, page.url());
    await drawnReady();
    expect((await shown()).sort()).toEqual(top.slice(0, N).sort());

    // Emptying the field takes the filter off; undo (the focus out of the field, where Ctrl-Z would
    // undo the typing) puts it back.
    await page.locator('[data-panel="stats"] > summary').click();
    await page.locator('#stats-top-rank').fill('');
    await page.locator('#stats-top-rank').blur();
    await page.waitForURL((url) => !url.searchParams.has('top'));
    await expect(shown()).resolves.toHaveLength(before.length);
    await page.keyboard.press('Control+z');
    await page.waitForURL((url) => url.searchParams.get('top') === String(N));
  });

  it('"Show in measures table" on the bridge lists exactly the measures touching it', async () => {
    const bridge = '港珠澳大桥';
    const entity = (await (await fetch(`${base}/api/entities/${encodeURIComponent(bridge)}`)).json()) as {
      measures: { key: string }[];
    };
    const expected = entity.measures.map((m) => m.key).sort();
    expect(expected.length).toBeGreaterThan(1);
    await open(`node=${encodeURIComponent(bridge)}`);
    // The menu of the selected node, from the keyboard.
    await page.keyboard.press('Shift+F10');
    await page.locator('.node-menu [data-action="measures"]').click();
    await page.waitForURL(
      (url) => url.searchParams.get('view') === 'measures' && url.searchParams.get('of') === bridge,
    );
    const rows = page.locator('.measure-table tbody tr');
    await page.locator('.measures__of').waitFor();
    await page.waitForFunction(
      (n) =>
        (globalThis as unknown as InPage).document.querySelectorAll('.measure-table tbody tr').length === n,
      expected.length,
    );
    const keys = await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
    expect(keys.sort()).toEqual(expected);
    await expect(page.locator('.measures__of').innerText()).resolves.toContain(bridge);
    await expect(axeIn('.measures__of')).resolves.toEqual([]);

    // "All measures" goes back to the whole table.
    await page.locator('.measures__all').click();
    await page.waitForURL((url) => !url.searchParams.has('of'));
    await page.waitForFunction(
      (n) =>
        (globalThis as unknown as InPage).document.querySelectorAll('.measure-table tbody tr').length > n,
      expected.length,
    );
    await expect(page.locator('.measures__of').isVisible()).resolves.toBe(false);
  });
});
