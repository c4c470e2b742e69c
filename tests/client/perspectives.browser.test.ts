/**
 * Saved views and the browser history in Chromium against the seed (issue 17): Back and Forward
 * undo and redo a filter change, a selection, a hide and a colouring, and walk the same steps as
 * Undo; Back to an ego view brings back its camera; a saved view survives a reload and opening
 * it reproduces the visible nodes, the selection, the pinned places, the path, the camera and the colouring
 * (and its link); rename, delete, export (the file read back) and import (a good file adds, a bad one
 * is named and loses nothing), from the keyboard; no serious axe violation in the panel.
 * Where a node is drawn comes from `window.explorerCanvas` (views/graph/gestures/inspect.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

const BRIDGE = '港珠澳大桥';
const AIRPORT = '香港国际机场';
const FORMAT = 'policy-graph-explorer/saved-views';

type Point = { x: number; y: number };
interface Canvas {
  shown(): string[];
}
type InPage = { explorerCanvas?: Canvas };

describeInChromium('saved views and browser history (issue 17)', () => {
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
  const position = (node: string) => inspect<Point | null>(`position(${JSON.stringify(node)})`);
  const shown = async () => (await inspect<string[]>('shown()')).sort();
  const param = (name: string) => new URL(page.url()).searchParams.get(name);
  /** Waits until the canvas draws exactly `nodes` (sorted), then returns them. */
  const shownBecomes = async (nodes: string[]) => {
    await page.waitForFunction(
      (expected) =>
        JSON.stringify(((globalThis as unknown as InPage).explorerCanvas?.shown() ?? []).sort()) === expected,
      JSON.stringify(nodes),
    );
    return shown();
  };

  async function open(query: string): Promise<void> {
    await openGraph(page, `${base}/?lang=en&cam=0.5,0.5,1${query ? `&${query}` : ''}`);
    await page.waitForFunction(
      () => ((globalThis as unknown as InPage).explorerCanvas?.shown().length ?? 0) > 0,
    );
  }

  /** The saved-views panel, opened. */
  async function panel() {
    const details = page.locator('[data-panel="perspectives"]');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details;
  }

  it('Back and Forward undo and redo a filter change, a selection and a hide', async () => {
    await open('');
    const all = await shown();
    expect(all).toContain(BRIDGE);

    // A filter: measures off.
    await page.locator('.legend__row[data-node="Measure"] input[type="checkbox"]').uncheck();
    await page.waitForURL((url) => url.searchParams.has('types'));
    const filtered = await shown();
    expect(filtered.length).toBeLessThan(all.length);
    expect(filtered).toContain(BRIDGE);
    // A selection.
    const p = (await point(BRIDGE))!;
    await page.mouse.click(p.x, p.y);
    await page.waitForURL((url) => url.searchParams.get('node') === BRIDGE);
    // A hide, from the context menu on the selected node.
    await page.keyboard.press('Shift+F10');
    await page.locator('.node-menu [data-action="hide"]').click();
    await page.waitForURL((url) => url.searchParams.get('hide') === BRIDGE);
    await shownBecomes(filtered.filter((n) => n !== BRIDGE));
    // Colour by community (it was not in the URL, and Back skipped it).
    const colour = page.locator('[data-style="color"]');
    /** Waits until the legend's colour choice reads `value` (it follows the store after Back). */
    const colourBecomes = (value: string) =>
      page.locator(`[data-style="color"] option[value="${value}"]:checked`).waitFor({ state: 'attached' });
    await colour.selectOption('community');
    await page.waitForURL((url) => url.searchParams.get('style') === 'community,default');

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('style'));
    await colourBecomes('type');
    expect(param('hide')).toBe(BRIDGE);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('hide'));
    expect(param('node')).toBe(BRIDGE);
    await shownBecomes(filtered);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('node'));
    await expect(page.locator('.details').innerText()).resolves.not.toContain(BRIDGE);
    expect(param('types')).not.toBeNull();
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('types'));
    await shownBecomes(all);
    await page.locator('.legend__row[data-node="Measure"] input[type="checkbox"]:checked').waitFor();

    await page.goForward();
    await page.waitForURL((url) => url.searchParams.has('types'));
    await shownBecomes(filtered);
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('node') === BRIDGE);
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('hide') === BRIDGE);
    await shownBecomes(filtered.filter((n) => n !== BRIDGE));
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.has('style'));
    await colourBecomes('community');

    // Back and Undo walk the same steps: after Back (the colour), Undo takes back the hide before it,
    // and Redo brings it again; before, Undo undid the Back and brought the colour back.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('style'));
    await page.locator('[data-action="undo"]').click();
    await page.waitForURL((url) => !url.searchParams.has('hide'));
    expect(param('node')).toBe(BRIDGE);
    expect(param('style')).toBeNull();
    await colourBecomes('type');
    await page.locator('[data-action="redo"]').click();
    await page.waitForURL((url) => url.searchParams.get('hide') === BRIDGE);
    expect(param('style')).toBeNull();
  });

  it('Back to an ego view brings back its camera rather than fitting the ego view again', async () => {
    await open(`node=${encodeURIComponent(BRIDGE)}`);
    await page.locator('.ego [data-depth="1"]').click();
    await page.waitForURL(
      (url) => url.searchParams.get('depth') === '1' && url.searchParams.get('cam') !== '0.5,0.5,1',
    );
    const fitted = param('cam');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForURL((url) => url.searchParams.get('cam') !== fitted);
    const zoomed = param('cam');
    const drawnAt = (await point(BRIDGE))!;
    await page.locator('.ego [data-depth="2"]').click();
    await page.waitForURL(
      (url) => url.searchParams.get('depth') === '2' && url.searchParams.get('cam') !== zoomed,
    );

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('depth') === '1');
    expect(param('cam')).toBe(zoomed);
    await page.waitForFunction(
      ({ node, at }) => {
        const canvas = (globalThis as unknown as { explorerCanvas: { point(n: string): Point | null } })
          .explorerCanvas;
        const p = canvas.point(node);
        return !!p && Math.abs(p.x - at.x) < 1 && Math.abs(p.y - at.y) < 1;
      },
      { node: BRIDGE, at: drawnAt },
    );
  });

  it('saves a view that survives a reload, and opening it reproduces it exactly', async () => {
    await page.goto(`${base}/?lang=en`);
    await page.evaluate('localStorage.clear()');
    const query = `types=Port,City,Infrastructure,Zone&node=${encodeURIComponent(BRIDGE)}&pin=${encodeURIComponent(
      BRIDGE,
    )}@0.2@-0.3&style=community,degree&path=${encodeURIComponent(`${BRIDGE},${AIRPORT}`)}&pathvia=places`;
    await open(query);
    await page.locator('.path[data-state="found"]').waitFor();
    // The camera moves after the link's: the saved one is the camera on screen.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForURL((url) => url.searchParams.get('cam') !== '0.5,0.5,1');
    const camera = param('cam');
    const nodes = await shown();
    const pinned = await position(BRIDGE);
    const drawnAt = (await point(BRIDGE))!;
    expect(nodes).toContain(BRIDGE);
    expect(pinned).toEqual({ x: 0.2, y: -0.3 });
    const link = new URL(page.url()).searchParams;

    const saved = await panel();
    await saved.locator('[data-perspectives="name"]').fill('Bridge and ports');
    await saved.locator('[data-perspectives="name"]').press('Enter');
    await saved.getByRole('button', { name: 'Open the saved view “Bridge and ports”' }).waitFor();

    // Somewhere else entirely, after a reload.
    await open('types=Measure');
    expect(await shown()).not.toEqual(nodes);
    const other = await panel();
    await other.getByRole('button', { name: 'Open the saved view “Bridge and ports”' }).click();
    await page.waitForURL((url) => url.searchParams.get('node') === BRIDGE);
    // The path comes back without moving the camera off the saved one.
    await page.locator('.path[data-state="found"]').waitFor();
    await shownBecomes(nodes);
    expect(await position(BRIDGE)).toEqual(pinned);
    // The camera: the URL's, and where the pinned node is drawn once the camera has arrived.
    expect(param('cam')).toBe(camera);
    await page.waitForFunction(
      ({ node, at }) => {
        const p = (
          globalThis as unknown as { explorerCanvas: { point(n: string): Point | null } }
        ).explorerCanvas.point(node);
        return !!p && Math.abs(p.x - at.x) < 1 && Math.abs(p.y - at.y) < 1;
      },
      { node: BRIDGE, at: drawnAt },
    );
    // The link is the saved view's: every parameter as it was.
    const now = new URL(page.url()).searchParams;
    for (const key of ['types', 'node', 'pin', 'style', 'path', 'pathvia', 'cam'])
      expect([key, now.get(key)]).toEqual([key, link.get(key)]);
    await page
      .locator('[data-style="color"] option[value="community"]:checked')
      .waitFor({ state: 'attached' });
    await page.locator('[data-style="size"] option[value="degree"]:checked').waitFor({ state: 'attached' });

    // Opening it was a history entry and an undo step.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('types') === 'Measure');
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('node') === BRIDGE);
    await page.locator('[data-action="undo"]').click();
    await page.waitForURL((url) => url.searchParams.get('types') === 'Measure');
  });

  it('renames, exports, imports and deletes from the keyboard; a bad file is named and loses nothing', async () => {
    await page.goto(`${base}/?lang=en`);
    await page.evaluate('localStorage.clear()');
    await open('types=Port');
    const saved = await panel();
    // Save with the keyboard: the default name.
    await saved.locator('[data-perspectives="name"]').focus();
    await page.keyboard.press('Enter');
    await saved.getByRole('button', { name: 'Open the saved view “View 1”' }).waitFor();

    // Rename: Escape cancels, Enter renames.
    await saved.getByRole('button', { name: 'Rename “View 1”' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Ports only');
    await page.keyboard.press('Escape');
    await saved.getByRole('button', { name: 'Rename “View 1”' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Ports only');
    await page.keyboard.press('Enter');
    const renamed = saved.getByRole('button', { name: 'Open the saved view “Ports only”' });
    await renamed.waitFor();

    // Export one: the file read back.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      saved.getByRole('button', { name: 'Export “Ports only” as a file' }).click(),
    ]);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      format: string;
      version: number;
      views: { id: string; name: string; search: string; savedAt: string }[];
    };
    expect(file.format).toBe(FORMAT);
    expect(file.version).toBe(1);
    expect(file.views.map((v) => v.name)).toEqual(['Ports only']);
    expect(new URLSearchParams(file.views[0]!.search).get('types')).toBe('Port');
    expect(Number.isNaN(Date.parse(file.views[0]!.savedAt))).toBe(false);

    const input = saved.locator('[data-perspectives="import"]');
    const upload = (name: string, body: unknown) =>
      input.setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      });
    // Files that are not saved views: each says what is wrong, and the saved view stays.
    const message = saved.locator('.perspectives__message');
    /** Waits for the message that says `part`, and returns all it says. */
    const says = async (part: string) => {
      await message.filter({ hasText: part }).waitFor();
      return message.innerText();
    };
    await upload('graph.json', { nodes: [] });
    await expect(says('not a saved-views file')).resolves.toBe(
      `That file holds no saved views: it is not a saved-views file (it has no "format": "${FORMAT}")`,
    );
    await upload('broken.json', '{"format": ');
    await expect(says('not JSON')).resolves.toMatch(/^That file holds no saved views: it is not JSON \(/);
    await upload('later.json', { ...file, version: 2 });
    await says('written by a later version (format 2; this explorer reads 1)');
    await upload('nameless.json', { ...file, views: [...file.views, { search: '?types=City' }] });
    await says('view 2 has no valid "name"');
    await expect(saved.locator('.perspectives__item').count()).resolves.toBe(1);

    // A good file: what is new is added, what is already saved is not doubled.
    await upload('views.json', {
      ...file,
      views: [
        ...file.views,
        { id: 'cities', name: 'Cities', savedAt: file.views[0]!.savedAt, search: '?types=City' },
      ],
    });
    await saved.getByRole('button', { name: 'Open the saved view “Cities”' }).waitFor();
    await expect(message.innerText()).resolves.toBe('');
    await expect(saved.locator('.perspectives__item').count()).resolves.toBe(2);
    await session.shot('saved-views');
    // Kept in the browser: after a reload both are there, and the import's view opens.
    await open('');
    const again = await panel();
    await again.getByRole('button', { name: 'Open the saved view “Cities”' }).click();
    await page.waitForURL((url) => url.searchParams.get('types') === 'City');

    // Export all.
    const [all] = await Promise.all([
      page.waitForEvent('download'),
      again.locator('[data-perspectives="export-all"]').click(),
    ]);
    const names = (JSON.parse(readFileSync((await all.path())!, 'utf8')) as typeof file).views.map(
      (v) => v.name,
    );
    expect(names).toEqual(['Ports only', 'Cities']);

    // Delete from the keyboard.
    await again.getByRole('button', { name: 'Delete “Ports only”' }).focus();
    await page.keyboard.press('Enter');
    await again
      .getByRole('button', { name: 'Open the saved view “Ports only”' })
      .waitFor({ state: 'detached' });
    await expect(again.locator('.perspectives__item').count()).resolves.toBe(1);
    const stored = await page.evaluate<string | null>(
      "localStorage.getItem('policy-graph-explorer.saved-views')",
    );
    expect((JSON.parse(stored!) as typeof file).views.map((v) => v.name)).toEqual(['Cities']);

    // No serious accessibility violation in the panel, with its list and its error shown.
    await upload('graph.json', { nodes: [] });
    const { violations } = await new AxeBuilder({ page }).include('[data-panel="perspectives"]').analyze();
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });
});
