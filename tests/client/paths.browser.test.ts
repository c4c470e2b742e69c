/**
 * The path between two entities, end to end: the real app, the test Neo4j with the seed, Debian's
 * Chromium through playwright-core (same setup as explorer.browser.test.ts). Picking the ends by
 * search and from the selection, the path drawn in the graph (its colour counted in a screenshot of
 * the canvas), listed step by step, kept in the URL; no path, the same entity twice, Escape.
 * Screenshots: test-results/screenshots/path*.png.
 */
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const BRIDGE = '港珠澳大桥';
const AIRPORT = '香港国际机场';
/** The path colour of HighlightController (PATH_COLOR), #7048e8. */
const PATH_RGB = [0x70, 0x48, 0xe8];

describeInChromium('the path between two entities in Chromium', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  const shot = (name: string) => session.shot(name);

  const open = (url: string) => openGraph(page, url);

  /** Waits for the path panel to reach `state` (found, none, same, failed, incomplete, off). */
  async function panelState(state: string): Promise<void> {
    try {
      await page.locator(`.path[data-state="${state}"]`).waitFor();
    } catch (error) {
      const shown = await page
        .locator('.path')
        .evaluate((el) => `${el.dataset.state}: ${el.innerText}`)
        .catch(() => '?');
      throw new Error(`${String(error)}\nThe path panel shows ${shown}`);
    }
  }

  /** Types into a path end and chooses the suggestion with that key. */
  async function pick(end: 'from' | 'to', text: string, key: string): Promise<void> {
    await page.locator(`#path-${end}-input`).fill(text);
    await page.locator(`#path-${end}-suggestions .picker__hit[data-key="${key}"]`).click();
  }

  /** Pixels of the path colour in a screenshot of the canvas, counted in the page (no DOM types here). */
  async function pathPixels(): Promise<number> {
    const png = (await page.locator('.stage__canvas').screenshot()).toString('base64');
    const [r, g, b] = PATH_RGB;
    return page.evaluate(`(async () => {
      const blob = await (await fetch('data:image/png;base64,${png}')).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i] - ${r}) < 24 && Math.abs(data[i + 1] - ${g}) < 24 && Math.abs(data[i + 2] - ${b}) < 24) n++;
      return n;
    })()`) as Promise<number>;
  }

  /** Waits until the URL holds `name` (the camera is written there once it settles). */
  const urlHas = (name: string) => page.waitForURL((url) => url.searchParams.has(name));

  const steps = (index = 0) =>
    page
      .locator(`.path__item[data-path-index="${index}"] .path__step`)
      .evaluateAll((els) => els.map((el) => el.dataset.node));

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
    // The path statement is not among the server's warm-up: ask it once before the page does.
    await fetch(`${base}/api/paths?from=${encodeURIComponent(BRIDGE)}&to=%E9%A6%99%E6%B8%AF`).catch(
      () => null,
    );
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  it('picks two entities by search: the path drawn, listed step by step and in the URL', async () => {
    await open(`${base}/?lang=en`);
    await panelState('off');
    const before = await pathPixels();

    await pick('from', '港珠澳大桥', BRIDGE);
    await panelState('incomplete');
    await expect(page.locator('#path-from-input').inputValue()).resolves.toBe('港珠澳大橋');
    await pick('to', '一带一路', '一带一路');
    await panelState('found');

    // Two shortest paths of four steps, both through measure 16 and a second measure.
    await expect(page.locator('.path__status').innerText()).resolves.toBe('2 shortest path(s), 4 steps each');
    expect(await page.locator('.path__item').count()).toBe(2);
    for (const index of [0, 1]) {
      const nodes = await steps(index);
      expect(nodes).toHaveLength(5);
      expect(nodes[0]).toBe(BRIDGE);
      expect(nodes[1]).toBe(`${DOC}/m16`);
      expect(nodes[3]).toMatch(new RegExp(`^${DOC}/m\\d+$`));
      expect(nodes[4]).toBe('一带一路');
    }
    // Read top-down: the bridge is mentioned in measure 16, which mentions the next entity.
    const relations = await page
      .locator('.path__item[data-path-index="0"] .path__rel')
      .evaluateAll((els) => els.map((el) => el.innerText));
    expect(relations).toEqual(['↓ mentioned in', '↓ mentions', '↓ mentioned in', '↓ mentions']);
    expect(new URL(page.url()).searchParams.get('path')).toBe(`${BRIDGE},一带一路`);

    // Drawn: the path's colour is on the canvas now, and the camera moved to the path.
    await urlHas('cam');
    expect(await pathPixels()).toBeGreaterThan(before + 200);
    await shot('path');

    // A step selects its node; a path's heading brings it back into view.
    await page.locator(`.path__item[data-path-index="0"] .path__step[data-node="${DOC}/m16"] button`).click();
    await expect(page.locator('.details__name').innerText()).resolves.toMatch(/16/);
    await page.locator('.path__item[data-path-index="1"] [data-action="path-fit"]').click();
    await panelState('found');

    // Escape: the selection first, then the path.
    await page.keyboard.press('Escape');
    await page.locator('.details[data-state="empty"]').waitFor();
    await panelState('found');
    await page.keyboard.press('Escape');
    await panelState('off');
    expect(new URL(page.url()).searchParams.has('path')).toBe(false);
    await expect(page.locator('#path-from-input').inputValue()).resolves.toBe('');
    expect(await pathPixels()).toBeLessThan(before + 50);
  });

  it('says when there is no path through measures, and finds one through places', async () => {
    await open(`${base}/?lang=en`);
    await pick('from', '港珠澳大桥', BRIDGE);
    await pick('to', '香港國際機場', AIRPORT);
    await panelState('none');
    await expect(page.locator('.path__status').innerText()).resolves.toMatch(
      /^No path through measures within 8 steps/,
    );
    expect(await page.locator('.path__item').count()).toBe(0);

    await page.locator('[data-action="path-places"]').check();
    await panelState('found');
    expect(await steps()).toEqual([BRIDGE, `${DOC}/m16`, '香港', AIRPORT]);
    await expect(
      page.locator('.path__item[data-path-index="0"] .path__rel[data-rel="LOCATED_IN"]').innerText(),
    ).resolves.toBe('↓ contains');
    expect(new URL(page.url()).searchParams.get('pathvia')).toBe('places');

    // Swapped: the same path read the other way.
    await page.locator('[data-action="path-swap"]').click();
    await page
      .locator(`.path__item[data-path-index="0"] .path__step:first-child[data-node="${AIRPORT}"]`)
      .waitFor();
    await panelState('found');
    expect(await steps()).toEqual([AIRPORT, '香港', `${DOC}/m16`, BRIDGE]);
    await expect(page.locator('#path-from-input').inputValue()).resolves.toBe('香港國際機場');

    await page.locator('[data-action="path-clear"]').click();
    await panelState('off');
  });

  it('takes the ends from the selection, and says when they are the same entity', async () => {
    await open(`${base}/?lang=en&node=${encodeURIComponent(BRIDGE)}`);
    await expect(page.locator('.details__name').innerText()).resolves.toBe('港珠澳大橋');
    await page.locator('[data-action="path-use-selected"][data-end="from"]').click();
    await panelState('incomplete');
    await page.locator('[data-action="path-use-selected"][data-end="to"]').click();
    await panelState('same');
    await expect(page.locator('.path__status').innerText()).resolves.toMatch(/same entity/);
    // A measure is not an entity: nothing to take from the selection.
    await page.goto(`${base}/?lang=en&node=${encodeURIComponent(`${DOC}/m2`)}`);
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
    await expect(
      page.locator('[data-action="path-use-selected"][data-end="from"]').isDisabled(),
    ).resolves.toBe(true);
  });

  it('reproduces the path from a link, and explains a key that is not in the graph', async () => {
    const url = `${base}/?lang=zh-Hant&path=${encodeURIComponent(`${BRIDGE},${AIRPORT}`)}&pathvia=places`;
    await open(url);
    await panelState('found');
    expect(await steps()).toEqual([BRIDGE, `${DOC}/m16`, '香港', AIRPORT]);
    await expect(page.locator('#path-from-input').inputValue()).resolves.toBe('港珠澳大橋');
    await expect(page.locator('#path-to-input').inputValue()).resolves.toBe('香港國際機場');
    await expect(page.locator('[data-action="path-places"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('.path__status').innerText()).resolves.toBe('1 條最短路徑，每條 3 步');
    await urlHas('cam');
    await shot('path-link-zh-Hant');

    await open(`${base}/?lang=en&path=${encodeURIComponent(`${BRIDGE},nowhere`)}`);
    await panelState('failed');
    await expect(page.locator('.path__status').innerText()).resolves.toMatch(/^Not in the graph: .*nowhere/);
  });
});
