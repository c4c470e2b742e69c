/**
 * The overlap view end to end (issue 5): the real app, the test Neo4j with the seed, Debian's
 * Chromium through playwright-core. Same setup as explorer.browser.test.ts. Screenshot:
 * test-results/screenshots/overlaps.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ingestFiles } from '../../ingest/ingest';
import { createApp } from '../../server/app';
import { ensureClientBuilt } from '../../server/client-build';
import type { Connection } from '../../server/db/connection';
import { repoRoot, resetDatabase, testConnection } from '../support/db';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, inCI } from '../support/chromium';
import { freePort } from '../support/ports';

const SCREENSHOTS = path.join(repoRoot, 'test-results/screenshots');
const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');

if (!haveChromium && !inCI)
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)`,
  );

(haveChromium || inCI ? describe : describe.skip)('the overlap view in Chromium', () => {
  let connection: Connection;
  let server: Server;
  let base: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

  /** Opens `url` (a view other than the graph) and waits for `ready`. */
  async function open(url: string, ready: string): Promise<void> {
    await page.goto(url);
    try {
      await page.locator(ready).first().waitFor();
    } catch (error) {
      // Say what the page shows instead (an error message, an empty state).
      const text = await page
        .locator('.view-host:not(.view--hidden)')
        .innerText()
        .catch(() => '?');
      throw new Error(`${String(error)}\nThe view shows: ${text.slice(0, 800)}`);
    }
  }

  beforeAll(async () => {
    if (!haveChromium)
      throw new Error(
        `No Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (CI must not skip this)`,
      );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureClientBuilt({ log: () => undefined });
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [SEED]);
    const port = await freePort();
    server = await new Promise<Server>((resolve, reject) => {
      const s = createApp({ connection }).listen(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    base = `http://127.0.0.1:${port}`;
    // These tests are about the page, not a cold Neo4j: the first graph query on a fresh database
    // compiles its plans and may exceed the API's query timeout, so it is made once before the page.
    for (let attempt = 0; attempt < 6; attempt++)
      if ((await fetch(`${base}/api/graph`).catch(() => null))?.ok) break;
    // The same for the named queries the view runs first.
    for (const name of ['overlaps', 'unit-overlaps'])
      await fetch(`${base}/api/queries/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ params: {}, timeoutMs: 60000 }),
      }).catch(() => null);
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'explorer-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 768 },
      locale: 'en-US',
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await connection?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('renders the entities × sections matrix and a cell click selects the measures behind it', async () => {
    await open(`${base}/?view=overlaps&lang=en`, '.heatmap__cell');
    await expect(
      page.locator('.tabs__tab[data-view="overlaps"]').getAttribute('aria-selected'),
    ).resolves.toBe('true');
    expect(await page.locator('.heatmap__cell').count()).toBeGreaterThan(3);
    expect(await page.locator('.heatmap__row').count()).toBeGreaterThan(1);
    expect(await page.locator('.overlaps__list li').count()).toBeGreaterThan(1);

    const cell = page.locator('.heatmap__cell').first();
    const row = await cell.getAttribute('data-row');
    const count = Number(await cell.getAttribute('data-count'));
    await cell.click();
    await expect(cell.getAttribute('aria-pressed')).resolves.toBe('true');
    const cards = page.locator('.overlaps__selection .overlaps__measure');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(count);
    // The measures' text, with the row's entity marked.
    expect((await cards.first().locator('.overlaps__text').innerText()).length).toBeGreaterThan(5);
    expect(await page.locator('.overlaps__selection mark.mention').first().innerText()).toBe(row);
    // The selection is the app's: the first measure is selected (in the URL too).
    const measure = (await cards.first().getAttribute('data-measure')) as string;
    await expect(cards.first().getAttribute('aria-current')).resolves.toBe('true');
    expect(page.url()).toContain(`node=${encodeURIComponent(measure)}`);
    await shot('overlaps');

    // … and the graph view shows it.
    await cards.first().locator('[data-action="show-in-graph"]').click();
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
    await expect(page.locator('.tabs__tab[data-view="graph"]').getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await expect(page.locator('.details__name').innerText()).resolves.toMatch(/\d/);
    expect(page.url()).not.toContain('view=');
  });

  it('says in words that the seed names no units', async () => {
    await open(`${base}/?view=overlaps&lang=en`, '.heatmap__cell');
    await page.locator('.overlaps__mode[data-mode="units"]').click();
    const empty = page.locator('.overlaps__empty[data-empty="units"]');
    await empty.waitFor();
    await expect(empty.innerText()).resolves.toMatch(/no responsible units/);
    expect(await page.locator('.heatmap__cell').count()).toBe(0);
    await shot('overlaps-units-empty');
  });
});
