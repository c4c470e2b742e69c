/**
 * The main graph's canvas in Chromium against the seed (issue 17): the fit leaves room for labels;
 * a 2-hop ego view draws its second ring as nodes and brings the camera onto it; dragging a node
 * moves and pins it (no pan) and a pinned node keeps its place through the layout; double-click
 * expands; the context menu (mouse and keyboard) hides and pins; shift-click chooses several nodes.
 * Where a node is drawn comes from `window.explorerCanvas` (views/graph/gestures/inspect.ts).
 */
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

const BRIDGE = '港珠澳大桥';
const BACKGROUND = [0xfb, 0xfc, 0xfd];
const MUTED = '#e9edf1';

type Point = { x: number; y: number };
/** The page's `window.explorerCanvas`, as the predicates below (run in the page) see it. */
interface Canvas {
  shown(): string[];
  position(node: string): Point | null;
  picked(): string[];
}
type InPage = { explorerCanvas?: Canvas };

describeInChromium('canvas gestures (issue 17)', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  /** Asks the page's canvas inspector (no DOM types on this side: the call is a string). */
  const inspect = <T>(call: string) => page.evaluate<T>(`window.explorerCanvas.${call}`);
  const point = (node: string) => inspect<Point | null>(`point(${JSON.stringify(node)})`);
  const position = (node: string) => inspect<Point | null>(`position(${JSON.stringify(node)})`);
  const shown = () => inspect<string[]>('shown()');
  const picked = () => inspect<string[]>('picked()');
  // Predicates as self-contained functions: a string would be eval'd in the page, which its CSP forbids.
  const drawnReady = () =>
    page.waitForFunction(() => ((globalThis as unknown as InPage).explorerCanvas?.shown().length ?? 0) > 0);
  const param = (name: string) => new URL(page.url()).searchParams.get(name);
  const params = (name: string) => new URL(page.url()).searchParams.getAll(name);

  /** Opens a URL with a fixed camera, so nodes stay where they are drawn. */
  async function open(query: string): Promise<void> {
    await openGraph(page, `${base}/?lang=en&cam=0.5,0.5,1${query ? `&${query}` : ''}`);
    await drawnReady();
  }

  /** A shown node other than `not`, well inside the canvas (none of the toolbars over it). */
  async function nodeInside(not: string[] = []): Promise<string> {
    const box = await page.locator('.stage__canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    for (const node of await shown()) {
      if (not.includes(node)) continue;
      const p = await point(node);
      if (
        p &&
        p.x > box.x + 80 &&
        p.x < box.x + box.width - 200 &&
        p.y > box.y + 130 &&
        p.y < box.y + box.height - 80
      )
        return node;
    }
    throw new Error('no node inside the canvas');
  }

  /** Counts the stage's pixels drawn on, and those within `strip` px of its right edge. */
  async function pixels(strip = 0): Promise<{ ink: number; rightInk: number }> {
    const png = (await page.locator('.stage__canvas').screenshot()).toString('base64');
    return page.evaluate<{ ink: number; rightInk: number }>(`(async () => {
      const image = new Image();
      image.src = 'data:image/png;base64,${png}';
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const near = (i, [r, g, b], t) => Math.abs(data[i] - r) <= t && Math.abs(data[i + 1] - g) <= t && Math.abs(data[i + 2] - b) <= t;
      let ink = 0, rightInk = 0;
      for (let y = 0; y < canvas.height; y++)
        for (let x = 0; x < canvas.width; x++) {
          const i = (y * canvas.width + x) * 4;
          const drawn = !near(i, ${JSON.stringify(BACKGROUND)}, 6);
          if (drawn) ink++;
          // Below the toolbars over the canvas.
          if (drawn && x >= canvas.width - ${strip} && y > 130) rightInk++;
        }
      return { ink, rightInk };
    })()`);
  }

  /** Drags with the left button from `from` by (dx, dy), in steps as a hand would. */
  async function drag(
    from: Point,
    dx: number,
    dy: number,
    modifiers: { shift?: boolean } = {},
  ): Promise<void> {
    if (modifiers.shift) await page.keyboard.down('Shift');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 5 });
    await page.mouse.move(from.x + dx, from.y + dy, { steps: 5 });
    await page.mouse.up();
    if (modifiers.shift) await page.keyboard.up('Shift');
  }

  it('fits the graph with its labels inside the canvas', async () => {
    await openGraph(page, `${base}/?lang=en&labels=many&cam=0.3,0.5,0.6`);
    await page.locator('[data-action="fit"]').click();
    // The fitted camera goes into the URL once the animation settles.
    await page.waitForURL((url) => {
      const cam = url.searchParams.get('cam');
      return !!cam && cam !== '0.3,0.5,0.6';
    });
    await drawnReady();
    const { ink, rightInk } = await pixels(4);
    expect(ink).toBeGreaterThan(1000);
    // Nothing drawn in the last 4 px: no label runs off the right edge.
    expect(rightInk).toBe(0);
    const box = await page.locator('.stage__canvas').boundingBox();
    for (const node of await shown()) {
      const p = await point(node);
      expect(p!.x).toBeLessThan(box!.x + box!.width);
      expect(p!.x).toBeGreaterThan(box!.x);
    }
    await session.shot('gestures-fit');
  });

  it('draws a 2-hop ego view as nodes, not pale dots, and brings the camera onto it', async () => {
    await openGraph(page, `${base}/?lang=en&node=${encodeURIComponent(BRIDGE)}&cam=0.5,0.5,3`);
    await page.locator('.ego [data-depth="2"]').click();
    await page.waitForURL(
      (url) => url.searchParams.get('depth') === '2' && url.searchParams.get('cam') !== '0.5,0.5,3',
    );
    const ring = await shown();
    expect(ring.length).toBeGreaterThan(5);
    // The second ring is drawn as nodes in their colours, none as a muted grey dot.
    const muted = [];
    for (const node of ring) {
      const drawn = await inspect<{ color: string } | null>(`drawn(${JSON.stringify(node)})`);
      if (drawn?.color === MUTED) muted.push(node);
    }
    expect(muted).toEqual([]);
    const box = await page.locator('.stage__canvas').boundingBox();
    for (const node of ring) {
      const p = await point(node);
      expect(p!.x).toBeGreaterThanOrEqual(box!.x);
      expect(p!.x).toBeLessThanOrEqual(box!.x + box!.width);
      expect(p!.y).toBeGreaterThanOrEqual(box!.y);
      expect(p!.y).toBeLessThanOrEqual(box!.y + box!.height);
    }
    await session.shot('gestures-ego-2');
  });

  it('drags a node to move and pin it without panning; the pin holds through the layout; unpin all', async () => {
    await open('');
    const node = await nodeInside();
    const other = await nodeInside([node]);
    const from = (await point(node))!;
    const otherBefore = (await point(other))!;
    await drag(from, 90, 50);
    await page.waitForURL((url) => url.searchParams.has('pin'));
    const to = (await point(node))!;
    expect(Math.abs(to.x - (from.x + 90))).toBeLessThan(4);
    expect(Math.abs(to.y - (from.y + 50))).toBeLessThan(4);
    // The camera did not move: another node is where it was.
    expect(await point(other)).toEqual(otherBefore);
    expect(param('pin')?.startsWith(`${node}@`)).toBe(true);
    const pinned = (await position(node))!;
    const otherPosition = (await position(other))!;

    // The layout moves the others, not the pinned node.
    await page.locator('[data-action="layout"]').click();
    await page.waitForFunction(
      ({ key, was }) => {
        const now = (globalThis as unknown as InPage).explorerCanvas?.position(key);
        return !!now && Math.hypot(now.x - was.x, now.y - was.y) > 1;
      },
      { key: other, was: otherPosition },
    );
    await page.locator('[data-action="layout"]').click();
    await expect(page.locator('[data-action="layout"]').getAttribute('aria-pressed')).resolves.toBe('false');
    const after = (await position(node))!;
    expect(after.x).toBeCloseTo(pinned.x, 3);
    expect(after.y).toBeCloseTo(pinned.y, 3);

    // The link reproduces the pin.
    const link = page.url();
    await openGraph(page, link);
    await drawnReady();
    const reopened = (await position(node))!;
    expect(reopened.x).toBeCloseTo(pinned.x, 0);
    expect(reopened.y).toBeCloseTo(pinned.y, 0);

    const unpin = page.locator('[data-action="unpin-all"]');
    await expect(unpin.innerText()).resolves.toContain('(1)');
    await unpin.click();
    await page.waitForURL((url) => !url.searchParams.has('pin'));
    await expect(unpin.isDisabled()).resolves.toBe(true);
  });

  it('double-clicking a node expands its neighbours instead of zooming', async () => {
    await open(`node=${encodeURIComponent(BRIDGE)}&ego=${encodeURIComponent(BRIDGE)}&depth=1`);
    const before = new Set(await shown());
    // A neighbour of the bridge with neighbours of its own beyond the ego view.
    let target: string | null = null;
    for (const node of before) {
      if (node === BRIDGE) continue;
      const p = await point(node);
      if (!p) continue;
      target = node;
      break;
    }
    if (!target) throw new Error('no neighbour shown');
    const p = (await point(target))!;
    await page.mouse.dblclick(p.x, p.y);
    await page.waitForURL((url) => url.searchParams.getAll('expand').length > 0);
    const after = await shown();
    expect(after.length).toBeGreaterThan(before.size);
    expect(params('expand').every((node) => after.includes(node))).toBe(true);
  });

  it('opens a context menu on right-click and from the keyboard; hides and pins from it; undo brings it back', async () => {
    await open('');
    const node = await nodeInside();
    const p = (await point(node))!;
    const menu = page.locator('.node-menu');
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await menu.waitFor();
    // Focus on the first item; the arrows move it; Escape closes.
    const focused = () => page.evaluate<string | undefined>('document.activeElement?.dataset.action');
    await expect(focused()).resolves.toBe('expand');
    await page.keyboard.press('ArrowDown');
    await expect(focused()).resolves.toBe('hide');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });

    // A click outside closes it too.
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await menu.waitFor();
    await page.locator('.brand__title').click();
    await menu.waitFor({ state: 'hidden' });

    // Pin from the menu.
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await page.locator('.node-menu [data-action="pin"]').click();
    await page.waitForURL((url) => url.searchParams.has('pin'));

    // Hide from the menu, opened with the keyboard on the selected node.
    await page.mouse.click(p.x, p.y);
    await page.waitForURL((url) => url.searchParams.get('node') === node);
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await page.locator('.node-menu [data-action="hide"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('hide') === node);
    expect(param('node')).toBeNull();
    await expect(point(node)).resolves.toBeNull();
    await expect(page.locator('[data-action="show-hidden"]').innerText()).resolves.toContain('(1)');

    // Ctrl-Z brings it back; Ctrl-Shift-Z hides it again; the toolbar's buttons do the same.
    await page.keyboard.press('Control+z');
    await page.waitForURL((url) => !url.searchParams.has('hide'));
    await expect(point(node)).resolves.not.toBeNull();
    await page.keyboard.press('Control+Shift+z');
    await page.waitForURL((url) => url.searchParams.get('hide') === node);
    await page.locator('[data-action="undo"]').click();
    await page.waitForURL((url) => !url.searchParams.has('hide'));
    await page.locator('[data-action="redo"]').click();
    await page.waitForURL((url) => url.searchParams.get('hide') === node);
    await page.locator('[data-action="show-hidden"]').click();
    await page.waitForURL((url) => !url.searchParams.has('hide'));
    await expect(point(node)).resolves.not.toBeNull();
  });

  it('shift-click chooses several nodes; a plain click chooses one again', async () => {
    await open('');
    const first = await nodeInside();
    const second = await nodeInside([first]);
    const border = (node: string) => inspect<string | null>(`drawn(${JSON.stringify(node)}).border`);
    const a = (await point(first))!;
    await page.mouse.click(a.x, a.y);
    await page.waitForURL((url) => url.searchParams.get('node') === first);
    const b = (await point(second))!;
    await page.keyboard.down('Shift');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.up('Shift');
    await page.waitForFunction(
      (key) => (globalThis as unknown as InPage).explorerCanvas?.picked().includes(key) ?? false,
      second,
    );
    expect(await border(second)).toBe('#111827');
    expect(param('node')).toBe(first);
    await page.mouse.click(b.x, b.y);
    await page.waitForURL((url) => url.searchParams.get('node') === second);
    await expect(picked()).resolves.toEqual([]);
  });
});
