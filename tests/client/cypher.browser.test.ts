/**
 * The Cypher console end to end (issue 5): the real app, the test Neo4j with the seed, Debian's
 * Chromium through playwright-core. Same setup as explorer.browser.test.ts. Screenshots:
 * test-results/screenshots/cypher-*.png.
 */
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import {
  describeInChromium,
  SCREENSHOTS,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

describeInChromium('the Cypher console in Chromium', () => {
  let session: ExplorerSession;
  let base: string;
  let context: BrowserContext;
  let page: Page;

  const shot = (name: string) => session.shot(name);

  const open = (url: string, ready: string) => openView(page, url, ready);

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, context, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  /** Replaces the editor's text (inserted as one edit: no bracket closing, no completion). */
  async function setQuery(query: string): Promise<void> {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(query);
  }

  const QUERY = 'MATCH (p:Port) RETURN p.name AS name LIMIT 5';

  it('runs a query (Ctrl-Enter): rows in the table, a graph when switched', async () => {
    await open(`${base}/?view=cypher&lang=en`, '.cm-content');
    await setQuery(QUERY);
    await page.keyboard.press('Control+Enter');
    const rows = page.locator('.result-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    await expect(page.locator('.result-table thead').innerText()).resolves.toContain('name');
    // Highlighted: the keywords are spans with their own colour.
    const colours = await page
      .locator('.cm-line span')
      .evaluateAll((els) => [
        ...new Set(els.map((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color)),
      ]);
    expect(colours.length).toBeGreaterThan(1);
    // Names only: the graph tab says there is nothing to draw.
    await page.locator('[data-result="graph"]').click();
    await page.locator('.cypher__graph-empty').waitFor();
    // Nodes: drawn by the console's own sigma.
    await setQuery('MATCH (p:Port)<-[r:MENTIONS]-(m:Measure) RETURN p, r, m LIMIT 5');
    await page.locator('[data-action="run"]').click();
    // Results are a stream of frames, newest on top (issue 17): the second run is the first frame.
    const newest = page.locator('.cypher-frame').first();
    await newest.locator('.cypher__graph[data-ready="true"] canvas').first().waitFor();
    await expect(newest.locator('.cypher__summary').innerText()).resolves.toMatch(/5 rows, \d+ nodes/);
    await shot('cypher-graph');
    await newest.locator('[data-result="table"]').click();
    // Nodes are chips (label and name), not JSON (issue 17).
    await expect(
      newest.locator('.result-table tbody tr').first().locator('.value-chip[data-kind="node"]').count(),
    ).resolves.toBe(2);
  });

  it('completes labels and relationship types', async () => {
    await open(`${base}/?view=cypher&lang=en`, '.cm-content');
    await setQuery('MATCH (p');
    await page.keyboard.type(':Po');
    const popup = page.locator('.cm-tooltip-autocomplete');
    await popup.waitFor();
    await expect(popup.innerText()).resolves.toContain('Port');
    await page.keyboard.press('Escape');
    await setQuery('MATCH ()-[r');
    await page.keyboard.type(':MEN');
    await popup.waitFor();
    await expect(popup.innerText()).resolves.toContain('MENTIONS');
  });

  it('shows the refusal of a write inline', async () => {
    await open(`${base}/?view=cypher&lang=en`, '.cm-content');
    await setQuery('CREATE (n:X) RETURN n');
    await page.keyboard.press('Control+Enter');
    const error = page.locator('.cypher__error:not([hidden])');
    await error.waitFor();
    await expect(error.getAttribute('data-code')).resolves.toBe('READ_ONLY');
    await expect(error.innerText()).resolves.toMatch(/read-only/);
    await shot('cypher-refused');
  });

  it('runs a named query from the menu with its parameters', async () => {
    await open(`${base}/?view=cypher&lang=en`, '.cm-content');
    await page
      .locator('[data-action="named"] option[value="measures-touching"]')
      .waitFor({ state: 'attached' });
    await page.locator('[data-action="named"]').selectOption('measures-touching');
    await expect(page.locator('[data-param="includeContained"]').getAttribute('type')).resolves.toBe(
      'checkbox',
    );
    await page.locator('[data-param="name"]').fill('港珠澳大桥');
    await page.locator('[data-action="run-named"]').click();
    const rows = page.locator('.result-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('.result-table').innerText()).resolves.toContain('港珠澳大橋');
    await shot('cypher');
    // Kept in the history, recallable.
    await page.locator('.cypher__history-item[data-history="named"]').first().waitFor();
  });

  it('round-trips the view and the query through the URL; the history recalls a query', async () => {
    await open(`${base}/?view=cypher&lang=en`, '.cm-content');
    await setQuery(QUERY);
    await page.keyboard.press('Control+Enter');
    await page.locator('.result-table tbody tr').first().waitFor();
    const url = page.url();
    expect(url).toContain('view=cypher');
    expect(new URL(url).searchParams.get('q')).toBe(QUERY);

    const again = await context.newPage();
    try {
      await again.goto(url);
      await again.locator('.result-table tbody tr').first().waitFor();
      await expect(again.locator('.cm-content').innerText()).resolves.toBe(QUERY);
      expect(await again.locator('.result-table tbody tr').count()).toBe(5);
      await expect(
        again.locator('.tabs__tab[data-view="cypher"]').getAttribute('aria-selected'),
      ).resolves.toBe('true');
    } finally {
      await again.close();
    }

    await setQuery('RETURN 1 AS one');
    await page.locator('.cypher__history-item[data-history="cypher"]', { hasText: QUERY }).first().click();
    await expect(page.locator('.cm-content').innerText()).resolves.toBe(QUERY);
  });

  it('round-trips a named query with its parameters through the URL, and runs it from a link', async () => {
    await open(`${base}/?view=cypher&lang=en`, '.cm-content');
    await page
      .locator('[data-action="named"] option[value="measures-touching"]')
      .waitFor({ state: 'attached' });
    await page.locator('[data-action="named"]').selectOption('measures-touching');
    await page.locator('[data-param="name"]').fill('港珠澳大橋');
    await page.locator('[data-param="includeContained"]').check();
    // The form is in the URL as it is filled; not run yet.
    let params = new URL(page.url()).searchParams;
    expect(params.get('nq')).toBe('measures-touching');
    expect(params.get('p.name')).toBe('港珠澳大橋');
    expect(params.get('p.includeContained')).toBe('true');
    expect(params.has('run')).toBe(false);
    await page.locator('[data-action="run-named"]').click();
    const rows = page.locator('.result-table tbody tr');
    await rows.first().waitFor();
    const count = await rows.count();
    params = new URL(page.url()).searchParams;
    expect(params.get('run')).toBe('1');
    const url = page.url();

    const again = await context.newPage();
    const errors: string[] = [];
    again.on('pageerror', (error) => errors.push(error.message));
    try {
      await again.goto(url);
      await again.locator('.result-table tbody tr').first().waitFor();
      expect(await again.locator('.result-table tbody tr').count()).toBe(count);
      await expect(again.locator('.result-table').innerText()).resolves.toContain('港珠澳大橋');
      await expect(again.locator('[data-action="named"]').inputValue()).resolves.toBe('measures-touching');
      await expect(again.locator('[data-param="name"]').inputValue()).resolves.toBe('港珠澳大橋');
      await expect(again.locator('[data-param="includeContained"]').isChecked()).resolves.toBe(true);
      await again.screenshot({ path: path.join(SCREENSHOTS, 'cypher-named-link.png') });

      // Editing the form after the run: the link no longer runs it by itself.
      await again.locator('[data-param="name"]').fill('香港');
      await again.waitForURL((url) => url.searchParams.get('p.name') === '香港');
      expect(new URL(again.url()).searchParams.has('run')).toBe(false);
    } finally {
      await again.close();
    }
    expect(errors).toEqual([]);
  });

  it('keeps the defaults for values of a link that do not fit, and names them', async () => {
    const link = new URLSearchParams({
      view: 'cypher',
      lang: 'en',
      nq: 'connection',
      'p.from': '港珠澳大橋',
      'p.to': '香港',
      'p.maxLength': '99',
      'p.limit': 'ten',
      'p.bogus': '1',
      run: '1',
    });
    await open(`${base}/?${link}`, '.result-table tbody tr');
    await expect(page.locator('[data-action="named"]').inputValue()).resolves.toBe('connection');
    await expect(page.locator('[data-param="from"]').inputValue()).resolves.toBe('港珠澳大橋');
    await expect(page.locator('[data-param="maxLength"]').inputValue()).resolves.toBe('8');
    await expect(page.locator('[data-param="limit"]').inputValue()).resolves.toBe('10');
    await expect(page.locator('[data-notice="named"]').innerText()).resolves.toMatch(
      /maxLength, limit, bogus$/,
    );
    await expect(page.locator('.result-table').innerText()).resolves.toContain('港珠澳大橋');
    // Run with what was kept: the URL now holds only values that fit.
    const params = new URL(page.url()).searchParams;
    expect(params.get('p.maxLength')).toBe('8');
    expect(params.has('p.bogus')).toBe(false);

    await open(`${base}/?view=cypher&lang=en&nq=no-such-query&p.x=1&run=1`, '[data-notice="named"]');
    await expect(page.locator('[data-notice="named"]').innerText()).resolves.toContain('no-such-query');
    await expect(page.locator('.cypher__form').count()).resolves.toBe(0);
  });
});
