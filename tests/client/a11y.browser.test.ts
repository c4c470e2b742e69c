/**
 * Accessibility of every view (issue 17): axe-core (through @axe-core/playwright on playwright-core's
 * page) finds no serious or critical violation in the graph view (with a selection), the measures
 * table, the overlaps, the Cypher console and the documents, in English and 繁體中文.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openGraph,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

/** The serious and critical violations on the page, each as `rule: target`. */
async function seriousViolations(page: Page): Promise<string[]> {
  // The canvas is sigma's drawing, described by the panels beside it.
  const { violations } = await new AxeBuilder({ page }).exclude('.stage__canvas canvas').analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

describeInChromium('accessibility (axe-core)', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  it('the graph view, with an entity selected', async () => {
    await openGraph(page, `${base}/?lang=en&node=${encodeURIComponent('港珠澳大桥')}`);
    await page.locator('.details[data-state="selected"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the graph view in 繁體中文', async () => {
    await openGraph(page, `${base}/?lang=zh-Hant`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reaches the header and the details by keyboard, each with a visible focus', async () => {
    await openGraph(page, `${base}/?lang=en&node=${encodeURIComponent('港珠澳大桥')}`);
    await page.locator('.details[data-state="selected"]').waitFor();
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        // Runs in the page: the DOM's types are not this (Node) program's, so only what is used.
        interface Focused {
          tagName: string;
          className: string;
          matches(selector: string): boolean;
        }
        interface Page {
          document: { activeElement: Focused | null; body: Focused };
          getComputedStyle(el: Focused): { outlineStyle: string; outlineWidth: string; boxShadow: string };
        }
        const { document, getComputedStyle } = globalThis as unknown as Page;
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const visible =
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        const where = [
          '.tabs__tab',
          'select[data-action="lang"]',
          '.search__input',
          '.details .chip',
          '.details button',
        ]
          .filter((s) => el.matches(s))
          .join(' ');
        return { where, visible, name: `${el.tagName}.${el.className}` };
      });
      if (!focused) continue;
      expect([focused.name, focused.visible]).toEqual([focused.name, true]);
      if (focused.where) focused.where.split(' ').forEach((w) => reached.add(w));
    }
    expect([...reached].sort()).toEqual(
      expect.arrayContaining(['.search__input', '.tabs__tab', 'select[data-action="lang"]']),
    );
  });

  it.each([
    ['measures', '.measure-table tbody tr'],
    ['overlaps', '.heatmap__cell'],
    ['cypher', '.cm-content'],
    ['documents', '.doclist tr[data-key]'],
  ])('the %s view', async (view, ready) => {
    await openView(page, `${base}/?view=${view}&lang=en`, ready);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
