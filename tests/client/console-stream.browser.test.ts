/**
 * The Cypher console for daily work (issue 17), in Chromium against the real app and the seed: the
 * editor keeps focus through Escape and closes its completion when a query runs; the tabs have
 * distinct names; a named query's Cypher is in the editor and an edited copy runs as ad-hoc Cypher
 * through the read-only guard; values are chips; EXPLAIN and PROFILE show a plan tree (a PROFILE of
 * a write is refused and changes nothing); results are a bounded stream of frames with Re-run and
 * Close. Screenshots: test-results/screenshots/console-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  describeInChromium,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';
import { count } from '../../testkit/db';

/** The little of the page's DOM these tests read inside page.evaluate (no DOM library here). */
interface PageNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PageNode | null;
}
declare const document: {
  activeElement: PageNode | null;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): { length: number; [index: number]: PageNode };
};
declare function getComputedStyle(
  element: unknown,
  pseudo?: string,
): { backgroundColor: string; overflowY: string };

describeInChromium('the Cypher console: editor, named queries, values, plans, frames', () => {
  let session: ExplorerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, page } = session);
  });
  afterAll(() => session?.close());
  afterEach(() => expect(session.pageErrors).toEqual([]));

  const open = () => openView(page, `${base}/?view=cypher&lang=en`, '.cm-content');
  const frames = () => page.locator('.cypher-frame');
  const newest = () => frames().first();
  const editorText = () => page.locator('.cm-content').innerText();
  const popup = () => page.locator('.cm-tooltip-autocomplete');

  /** Replaces the editor's text (inserted as one edit: no bracket closing, no completion). */
  async function setQuery(query: string): Promise<void> {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(query);
  }

  /** Runs the editor's query with Ctrl-Enter and waits for its frame to finish. */
  async function run(query: string): Promise<void> {
    await setQuery(query);
    const before = await frames().count();
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((n) => {
      const all = document.querySelectorAll('.cypher-frame');
      return all.length >= Math.min(n + 1, 20) && all[0]!.getAttribute('aria-busy') === 'false';
    }, before);
  }

  const isEditorFocused = () => page.evaluate(() => !!document.activeElement?.closest('.cm-editor'));

  it('Escape closes the completion and keeps the editor focused: the next keys still type', async () => {
    await open();
    await setQuery('MATCH (p');
    await page.keyboard.type(':Po');
    await popup().waitFor();
    await page.keyboard.press('Escape');
    await popup().waitFor({ state: 'detached' });
    expect(await isEditorFocused()).toBe(true);
    await page.keyboard.type('rt) RETURN p');
    await expect(editorText()).resolves.toBe('MATCH (p:Port) RETURN p');
  });

  it('Ctrl-Enter closes an open completion before the results come', async () => {
    await open();
    await setQuery('MATCH (p:Port) RETURN p.name AS name LIMIT 3 ');
    await page.keyboard.press('Control+Space');
    await popup().waitFor();
    await page.keyboard.press('Control+Enter');
    await newest().locator('.result-table tbody tr').first().waitFor();
    expect(await popup().count()).toBe(0);
    expect(await newest().locator('.result-table tbody tr').count()).toBe(3);
  });

  it('names the result graph tab apart from the Graph view tab', async () => {
    await open();
    await run('MATCH (p:Port) RETURN p LIMIT 2');
    const tabs = await page.locator('[role="tab"]:visible').allInnerTexts();
    const names = tabs.map((t) => t.trim());
    expect(names).toContain('Graph');
    expect(names).toContain('Result graph');
    expect(new Set(names).size).toBe(names.length);
    await expect(newest().locator('[data-result="graph"]').innerText()).resolves.toBe('Result graph');
    // A language switch relabels the frames already there.
    await page.locator('[data-action="lang"]').selectOption('zh-Hant');
    await expect(newest().locator('[data-result="graph"]').innerText()).resolves.toBe('結果圖譜');
    await expect(newest().locator('[data-action="rerun"]').getAttribute('aria-label')).resolves.toBe(
      '再次執行此查詢',
    );
  });

  it('shows a named query’s Cypher in the editor; an edited copy runs as ad-hoc Cypher with the form’s values', async () => {
    await open();
    await page
      .locator('[data-action="named"] option[value="measures-touching"]')
      .waitFor({ state: 'attached' });
    await page.locator('[data-action="named"]').selectOption('measures-touching');
    const cypher = await editorText();
    expect(cypher).toContain('// name: measures-touching');
    expect(cypher).toContain('MATCH p = (d:Document)');
    await page.locator('[data-param="name"]').fill('港珠澳大橋');

    // As it is: the named query's route, parameters from the form.
    const asNamed = page.waitForRequest((r) => r.url().endsWith('/api/queries/measures-touching'));
    await page.locator('[data-action="run-named"]').click();
    expect((await asNamed).postDataJSON()).toMatchObject({ params: { name: '港珠澳大橋' } });
    await newest().locator('.result-table tbody tr').first().waitFor();
    const rows = await newest().locator('.result-table tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(3);

    // Edited in the editor: /api/cypher, the same parameters, the same rows.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('// my copy\n');
    const adHoc = page.waitForRequest(
      (r) => r.url().endsWith('/api/cypher') && r.method() === 'POST' && /my copy/.test(r.postData() ?? ''),
    );
    await page.keyboard.press('Control+Enter');
    const body = (await adHoc).postDataJSON() as { query: string; params: Record<string, unknown> };
    expect(body.query.startsWith('// my copy\n// name: measures-touching')).toBe(true);
    expect(body.params).toEqual({ name: '港珠澳大橋', includeContained: false });
    await page.waitForFunction(
      () => document.querySelector('.cypher-frame')?.getAttribute('aria-busy') === 'false',
    );
    expect(await frames().count()).toBe(2);
    await expect(newest().locator('.cypher-frame__query').innerText()).resolves.toMatch(/^\/\/ my copy/);
    expect(await newest().locator('.result-table tbody tr').count()).toBe(rows);
    await session.shot('console-named-edited');

    // A link to the edited copy: the editor shows the copy, the form its values, and it runs.
    const url = new URL(page.url());
    expect(url.searchParams.get('nq')).toBe('measures-touching');
    expect(url.searchParams.get('q')).toMatch(/^\/\/ my copy/);
    const again = await session.context.newPage();
    try {
      const ran = again.waitForRequest(
        (r) => r.url().endsWith('/api/cypher') && /my copy/.test(r.postData() ?? ''),
      );
      await again.goto(url.toString());
      await ran;
      await again.locator('.cypher-frame .result-table tbody tr').first().waitFor();
      await expect(again.locator('.cm-content').innerText()).resolves.toMatch(/^\/\/ my copy/);
      await expect(again.locator('[data-param="name"]').inputValue()).resolves.toBe('港珠澳大橋');
    } finally {
      await again.close();
    }

    // An edited copy that writes meets the same read-only guard as any other Cypher.
    const before = await count(
      session.connection,
      'MATCH (e:Entity) WHERE e.flag IS NOT NULL RETURN count(e)',
    );
    await run('MATCH (e:Entity {name: $name}) SET e.flag = true RETURN e');
    await expect(newest().locator('.cypher__error').getAttribute('data-code')).resolves.toBe('READ_ONLY');
    expect(await count(session.connection, 'MATCH (e:Entity) WHERE e.flag IS NOT NULL RETURN count(e)')).toBe(
      before,
    );
  });

  it('shows nodes and relationships as chips that open onto their properties; no element ids or JSON', async () => {
    await open();
    await run(
      "MATCH p = (m:Measure)-[r:MENTIONS]->(e:Port {key: '东莞港'}) RETURN e, r, m.number AS number, p, [e.name, 'x'] AS list LIMIT 1",
    );
    const row = newest().locator('.result-table tbody tr').first();
    const port = row.locator('td').first().locator('.value-chip[data-kind="node"]');
    await expect(port.getAttribute('data-label')).resolves.toBe('Port');
    await expect(port.locator('summary').innerText()).resolves.toMatch(/Port\s*東莞港/);
    // The main label's colour (core/graph/style.ts: Port #f28e2b) as the badge's dot.
    await expect(
      port.locator('.value-chip__label').evaluate((el) => getComputedStyle(el, '::before').backgroundColor),
    ).resolves.toBe('rgb(242, 142, 43)');
    await expect(row.locator('td').nth(1).locator('[data-kind="relationship"]').innerText()).resolves.toBe(
      'MENTIONS',
    );
    // A path: measure chip → MENTIONS → port chip.
    expect(await row.locator('td').nth(3).locator('.value-chip').count()).toBe(3);
    const text = await newest().locator('.result-table').innerText();
    expect(text).not.toMatch(/elementId|startNodeElementId|\d+:[0-9a-f-]{36}:\d+/);
    expect(text).not.toContain('{"');
    // Closed, the properties are not shown; opened, all of them are.
    await expect(port.locator('.value-chip__properties').isVisible()).resolves.toBe(false);
    await port.locator('summary').click();
    const properties = await port.locator('.value-chip__properties dt').allInnerTexts();
    expect(properties).toEqual(expect.arrayContaining(['key', 'name', 'nameEn']));
    await expect(port.locator('.value-chip__properties').innerText()).resolves.toContain('Dongguan Port');
    await session.shot('console-chips');
  });

  it('EXPLAIN and PROFILE show the plan as a tree; a PROFILE of a write is refused and changes nothing', async () => {
    await open();
    await setQuery("MATCH (e:Entity {key: '香港'})<-[:MENTIONS]-(m:Measure) RETURN m.number AS n");
    await page.locator('[data-action="explain"]').click();
    await newest().locator('.plan').waitFor();
    await expect(newest().locator('[data-result="plan"]').getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    const ops = await newest().locator('.plan__name').allInnerTexts();
    expect(ops[0]).toBe('ProduceResults');
    expect(ops.at(-1)).toMatch(/Seek|Scan/);
    await expect(newest().locator('.plan__stats').first().innerText()).resolves.toMatch(/est\. \d+ rows/);
    await expect(newest().locator('.plan').innerText()).resolves.not.toMatch(/db hits/);
    await expect(newest().locator('.cypher-frame__query').innerText()).resolves.toMatch(/^EXPLAIN MATCH/);
    // The editor keeps the query as written.
    await expect(editorText()).resolves.toMatch(/^MATCH/);

    await page.locator('[data-action="profile"]').click();
    await page.waitForFunction(() => document.querySelectorAll('.cypher-frame .plan').length === 2);
    await expect(newest().locator('.plan__summary').innerText()).resolves.toMatch(/[\d,]+ database hits/);
    await expect(newest().locator('.plan').innerText()).resolves.toMatch(/\d+ rows.*\d+ db hits/s);
    await session.shot('console-profile');
    // The rows a PROFILE returned are in its table.
    await newest().locator('[data-result="table"]').click();
    expect(await newest().locator('.result-table tbody tr').count()).toBeGreaterThan(0);

    const nodes = await count(session.connection, 'MATCH (n) RETURN count(n)');
    for (const write of ['PROFILE CREATE (n)', 'CREATE (n:Intruder)']) {
      await setQuery(write);
      await page.locator('[data-action="profile"]').click();
      await page.waitForFunction(
        () => document.querySelector('.cypher-frame')?.getAttribute('data-state') === 'failed',
      );
      await expect(newest().locator('.cypher__error').getAttribute('data-code')).resolves.toBe('READ_ONLY');
      await expect(newest().locator('.cypher-frame__query').innerText()).resolves.toMatch(/^PROFILE CREATE/);
    }
    await setQuery("CALL dbms.listConfig('server.directories')");
    await page.locator('[data-action="profile"]').click();
    await page.waitForFunction(
      () =>
        /dbms\.listConfig/.test(document.querySelector('.cypher-frame')?.textContent ?? '') &&
        document.querySelector('.cypher-frame')?.getAttribute('data-state') === 'failed',
    );
    await expect(newest().locator('.cypher__error').getAttribute('data-code')).resolves.toBe('READ_ONLY');
    expect(await count(session.connection, 'MATCH (n) RETURN count(n)')).toBe(nodes);
  });

  it('has no serious or critical accessibility violation with frames of chips, a plan and a result graph', async () => {
    await open();
    await run('MATCH p = (m:Measure)-[r:MENTIONS]->(e:Port) RETURN e, r, p LIMIT 3');
    await newest().locator('.value-chip summary').first().click();
    await setQuery('MATCH (p:Port) RETURN p.name AS name');
    await page.locator('[data-action="profile"]').click();
    await newest().locator('.plan').waitFor();
    await run('MATCH (m:Measure)-[r:MENTIONS]->(e:Port) RETURN e, r, m LIMIT 3');
    await newest().locator('[data-result="graph"]').click();
    await newest().locator('.cypher__graph[data-ready="true"] canvas').first().waitFor();
    const { violations } = await new AxeBuilder({ page })
      .include('.cypher')
      .exclude('.cypher__canvas canvas')
      .analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    expect(serious).toEqual([]);
  });

  it('keeps results as a stream of frames: newest on top, Re-run, Close, at most 20', async () => {
    await open();
    for (const n of [1, 2, 3]) await run(`RETURN ${n} AS n`);
    expect(await frames().count()).toBe(3);
    const queries = await page.locator('.cypher-frame__query').allInnerTexts();
    expect(queries).toEqual(['RETURN 3 AS n', 'RETURN 2 AS n', 'RETURN 1 AS n']);

    // Re-run the oldest: it runs its own query again, in place.
    const oldest = frames().nth(2);
    const rerun = page.waitForRequest(
      (r) => r.url().endsWith('/api/cypher') && r.postDataJSON()?.query === 'RETURN 1 AS n',
    );
    await oldest.locator('[data-action="rerun"]').click();
    await rerun;
    await expect(oldest.locator('.result-table td').innerText()).resolves.toBe('1');
    expect(await frames().count()).toBe(3);

    // Close the middle one.
    await frames().nth(1).locator('[data-action="close"]').click();
    await expect(page.locator('.cypher-frame__query').allInnerTexts()).resolves.toEqual([
      'RETURN 3 AS n',
      'RETURN 1 AS n',
    ]);

    for (let n = 4; n <= 22; n++) await run(`RETURN ${n} AS n`);
    expect(await frames().count()).toBe(20);
    const kept = await page.locator('.cypher-frame__query').allInnerTexts();
    expect(kept[0]).toBe('RETURN 22 AS n');
    expect(kept.at(-1)).toBe('RETURN 3 AS n');
    // The stream scrolls on its own; the editor stays in place.
    const scrolls = await page
      .locator('.cypher__frames')
      .evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto');
    expect(scrolls).toBe(true);
    await session.shot('console-frames');
  });

  it('names, describes and helps with the named queries in the UI language, keeping the form’s values', async () => {
    await openView(page, `${base}/?view=cypher&lang=zh-Hant`, '.cm-content');
    const menu = page.locator('[data-action="named"]');
    await menu.locator('option[value="measures-touching"]').waitFor({ state: 'attached' });
    await expect(menu.locator('option[value="measures-touching"]').innerText()).resolves.toBe(
      '涉及某實體的措施',
    );
    await menu.selectOption('measures-touching');
    const description = page.locator('.cypher__description');
    await expect(description.innerText()).resolves.toContain('提及一個實體的措施');
    const help = page.locator('[data-help="includeContained"]');
    await expect(help.innerText()).resolves.toContain('最多四層');
    await page.locator('[data-param="name"]').fill('港珠澳大橋');

    // Another language relabels the menu, the description and the help; the value typed stays.
    await page.locator('[data-action="lang"]').selectOption('zh-Hans');
    await expect(menu.locator('option[value="measures-touching"]').innerText()).resolves.toBe(
      '涉及某实体的措施',
    );
    await expect(description.innerText()).resolves.toContain('提及一个实体的措施');
    await expect(help.innerText()).resolves.toContain('最多四层');
    await page.locator('[data-action="lang"]').selectOption('en');
    await expect(menu.locator('option[value="measures-touching"]').innerText()).resolves.toBe(
      'Measures touching an entity',
    );
    await expect(description.innerText()).resolves.toMatch(/^Measures that mention an entity/);
    await expect(help.innerText()).resolves.toMatch(/^also measures touching entities LOCATED_IN/);
    await expect(page.locator('[data-param="name"]').inputValue()).resolves.toBe('港珠澳大橋');
  });
});
