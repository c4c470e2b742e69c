/**
 * The graph without the canvas (issue 17): the node list in Chromium against the seed. Opened by
 * its shortcut, it lists exactly the nodes the canvas draws (`window.explorerCanvas`,
 * views/graph/gestures/inspect.ts) and as many as the filters' "N of M"; raising the minimum degree
 * shrinks it while it is open; ArrowDown and Enter select a node as a click does (details, `node=`);
 * Escape closes it and gives the focus back to its toolbar button; axe finds no serious violation
 * in it. Only the rows in sight have elements, so the whole list is read by walking it with the keys.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

type InPage = { explorerCanvas?: { shown(): string[] } };

describeInChromium('the node list (issue 17)', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  const list = () => page.locator('#node-list');
  const box = () => page.locator('#node-list [role="listbox"]');
  const shown = () => page.evaluate(() => (globalThis as unknown as InPage).explorerCanvas!.shown());
  /** The first number of a text ("12 of 40 nodes shown" → 12). */
  const firstNumber = async (selector: string) =>
    Number(/\d[\d,]*/.exec(await page.locator(selector).innerText())![0].replace(/,/g, ''));
  /** The node of the row the keys are on. */
  async function activeNode(): Promise<string> {
    const id = await box().getAttribute('aria-activedescendant');
    return (await page.locator(`#${id!}`).getAttribute('data-node'))!;
  }
  /** The listed nodes, walked by keyboard from Home to the last (only rows in sight have elements). */
  async function listed(): Promise<string[]> {
    await box().focus();
    await page.keyboard.press('Home');
    const size = Number(await box().locator('[role="option"]').first().getAttribute('aria-setsize'));
    const nodes = [await activeNode()];
    for (let i = 1; i < size; i++) {
      await page.keyboard.press('ArrowDown');
      nodes.push(await activeNode());
    }
    // Past the last row the keys stay on it.
    await page.keyboard.press('ArrowDown');
    expect(await activeNode()).toBe(nodes[size - 1]);
    return nodes;
  }

  it('lists what the canvas shows, follows the filters and selects by keyboard', async () => {
    await openGraph(page, `${base}/?lang=en`);
    await page.waitForFunction(
      () => ((globalThis as unknown as InPage).explorerCanvas?.shown().length ?? 0) > 0,
    );
    await expect(list().isVisible()).resolves.toBe(false);

    // The shortcut the help lists opens it, with the focus in the list.
    await expect(page.locator('.shortcuts').innerText()).resolves.toContain('Alt Shift L');
    await page.keyboard.press('Alt+Shift+KeyL');
    await list().waitFor();
    await expect(box().evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    await expect(page.locator('[data-action="node-list"]').getAttribute('aria-expanded')).resolves.toBe(
      'true',
    );

    const all = await firstNumber('.filters__count');
    expect(all).toBeGreaterThan(5);
    await expect(firstNumber('.node-list__count')).resolves.toBe(all);
    await expect(box().getAttribute('aria-activedescendant')).resolves.toBeTruthy();
    // A screenful of rows has elements, not the whole list.
    expect(await box().locator('[role="option"]').count()).toBeLessThan(all);
    const before = await listed();
    expect(before).toHaveLength(all);
    expect(new Set(before).size).toBe(all);
    expect([...before].sort()).toEqual((await shown()).sort());

    // A filter changed while the list is open: it shrinks to the canvas's new set.
    await page.locator('#filter-degree').fill('3');
    await page.waitForFunction(
      `Number(/\\d+/.exec(document.querySelector('.filters__count').textContent)[0]) < ${all}`,
    );
    const fewer = await firstNumber('.filters__count');
    expect(fewer).toBeGreaterThan(1);
    await expect(firstNumber('.node-list__count')).resolves.toBe(fewer);
    const after = await listed();
    expect(after).toHaveLength(fewer);
    expect([...after].sort()).toEqual((await shown()).sort());
    expect(after.every((node) => before.includes(node))).toBe(true);

    // ArrowDown then Enter: the second row is selected as a click on the canvas selects it.
    await box().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const active = page.locator(`#${(await box().getAttribute('aria-activedescendant'))!}`);
    const node = (await active.getAttribute('data-node'))!;
    expect(node).toBe(after[1]);
    const name = await active.locator('.node-list__name').innerText();
    await page.keyboard.press('Enter');
    await page.locator('.details[data-state="selected"]').waitFor();
    // The details name it (a section without its number, which the list shows).
    expect(name).toContain(await page.locator('#details-title').innerText());
    await page.waitForFunction(`new URL(location.href).searchParams.get('node') === ${JSON.stringify(node)}`);
    await expect(active.getAttribute('aria-selected')).resolves.toBe('true');

    const { violations } = await new AxeBuilder({ page }).include('#node-list').analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    expect(serious).toEqual([]);
    await session.shot('node-list');

    // Escape closes the list, not the selection, and the focus goes back to the toolbar button.
    await page.keyboard.press('Escape');
    await expect(list().isVisible()).resolves.toBe(false);
    await expect(
      page.locator('[data-action="node-list"]').evaluate((el) => el === el.ownerDocument.activeElement),
    ).resolves.toBe(true);
    expect(new URL(page.url()).searchParams.get('node')).toBe(node);

    // The toolbar button opens it again, on the selected node.
    await page.locator('[data-action="node-list"]').click();
    await list().waitFor();
    const selectedRow = box().locator('[aria-selected="true"]');
    await expect(selectedRow.getAttribute('data-node')).resolves.toBe(node);

    // A language switch relabels it in place, still open on the same node.
    await page.locator('select[data-action="lang"]').selectOption('zh-Hant');
    await page.waitForFunction(`document.querySelector('#node-list-title').textContent === '視圖中的節點'`);
    // The type as the details name it (the row's text also holds a comma for screen readers).
    expect(await selectedRow.locator('.node-list__type').innerText()).toContain(
      await page.locator('.details__type').innerText(),
    );
    await expect(selectedRow.getAttribute('data-node')).resolves.toBe(node);
  });
});
