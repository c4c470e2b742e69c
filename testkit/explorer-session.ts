/**
 * What every browser test of the explorer starts from: the test Neo4j holding only the seed, the real
 * app on a free loopback port, its statements warmed (server/warm-up.ts, as `npm start` does, so
 * a cold Neo4j planning them does not count against the page), and Debian's Chromium with a page at
 * 1366×768 in en-US collecting the page's uncaught errors and Content-Security-Policy violations. Screenshots go to
 * test-results/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ingestFiles } from '../ingest/ingest';
import { createApp } from '../server/app';
import { ensureClientBuilt } from '../server/client-build';
import { warmUp } from '../server/warm-up';
import { Prefetcher } from '../server/http/prefetch';
import type { Connection } from '../store/connection';
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_HINT, haveChromium, inCI } from './chromium';
import { repoRoot, resetDatabase, testConnection } from './db';
import { freePort } from './ports';

export const SCREENSHOTS = path.join(repoRoot, 'test-results/screenshots');
export const SEED_DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
export const SEED_FILE = path.join(repoRoot, `seeds/${SEED_DOC}.txt`);
export { LABELS } from './labels';

/** `describe` where Chromium is or CI demands it (a missing one then fails in beforeAll), else skipped. */
export function describeInChromium(name: string, body: () => void): void {
  if (!haveChromium && !inCI)
    console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (${CHROMIUM_HINT})`);
  (haveChromium || inCI ? describe : describe.skip)(name, body);
}

export interface ExplorerSession {
  connection: Connection;
  /** `http://127.0.0.1:<port>` */
  base: string;
  context: BrowserContext;
  page: Page;
  /** The page's uncaught errors; a test's afterEach expects none. */
  pageErrors: string[];
  /** Saves a screenshot of the page as test-results/screenshots/<name>.png. */
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** What the app sees of the connection (a test may report Neo4j as restarting through it). */
  appConnection?: (connection: Connection) => Connection;
  /** The files ingested before the app starts; the seed when absent. */
  files?: string[];
  /** Warm the app up first (every named query with its example), failing on any failure; default true. */
  warmUp?: boolean;
}

export async function startExplorerSession(options: SessionOptions = {}): Promise<ExplorerSession> {
  if (!haveChromium) throw new Error(`No Chromium at ${CHROMIUM}: ${CHROMIUM_HINT} (CI must not skip this)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ensureClientBuilt({ log: () => undefined });
  const connection = await testConnection();
  let server: Server | undefined;
  let userDataDir: string | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await connection.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    await resetDatabase(connection);
    await ingestFiles(connection, options.files ?? [SEED_FILE]);
    const port = await freePort();
    server = await new Promise<Server>((resolve, reject) => {
      const app = createApp({ connection: options.appConnection?.(connection) ?? connection });
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    const { failures } = options.warmUp === false ? { failures: [] } : await warmUp(connection);
    if (failures.length > 0)
      throw new Error(`Warming the app failed: ${failures.map((f) => `${f.name}: ${f.message}`).join('; ')}`);
    // As `npm start` does: the views' opening answers computed before the page asks for them.
    if (options.warmUp !== false) {
      const { requests } = await new Prefetcher(`http://127.0.0.1:${port}`, connection).run();
      const failed = requests.filter((r) => r.status !== 200);
      if (failed.length > 0)
        throw new Error(
          `Prefetching failed: ${failed.map((r) => `${r.path}: ${r.status} ${r.error}`).join('; ')}`,
        );
    }
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'explorer-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 768 },
      locale: 'en-US',
      acceptDownloads: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Whatever the Content-Security-Policy blocks (a worker, a style, an image) counts as an error too.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        pageErrors.push(message.text());
    });
    return {
      connection,
      base: `http://127.0.0.1:${port}`,
      context,
      page,
      pageErrors,
      shot: (name) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Opens `url` and waits until the graph is drawn. */
export async function openGraph(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
}

/** Opens `url` (a view other than the graph) and waits for `ready`, else says what the view shows. */
export async function openView(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url);
  try {
    await page.locator(ready).first().waitFor();
  } catch (error) {
    const text = await page
      .locator('.view-host:not(.view--hidden)')
      .innerText()
      .catch(() => '?');
    throw new Error(`${String(error)}\nThe view shows: ${text.slice(0, 800)}`);
  }
}
