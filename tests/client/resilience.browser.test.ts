/**
 * The explorer while Neo4j hangs (issue 17), in Chromium: the server is up but every Neo4j query waits
 * forever. "Loading the graph…" and "Searching…" must not spin forever: each request gives up after
 * its limit (shortened for this browser through localStorage) with a clear message and a Retry, and
 * when Neo4j answers again the page recovers by itself, without a click.
 */
import { REQUEST_TIMEOUT_KEY } from '../../client/src/core/api/client';
import type { Connection } from '../../store/connection';
import {
  describeInChromium,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

/** Neo4j that hangs while `gate` is set: each query waits for it to be released. */
class HangingNeo4j {
  private waiting: (() => void)[] = [];
  hanging = false;

  release(): void {
    this.hanging = false;
    this.waiting.splice(0).forEach((go) => go());
  }

  wrap(connection: Connection): Connection {
    const gate = () =>
      this.hanging ? new Promise<void>((resolve) => this.waiting.push(resolve)) : Promise.resolve();
    const driver = new Proxy(connection.driver, {
      get: (target, name, receiver) => {
        if (name !== 'session') return Reflect.get(target, name, receiver) as unknown;
        return (...args: Parameters<typeof target.session>) => {
          const session = target.session(...args);
          return new Proxy(session, {
            get: (s, member, r) => {
              const value = Reflect.get(s, member, r) as unknown;
              if (member !== 'run' || typeof value !== 'function') return value;
              return (...runArgs: unknown[]) =>
                gate().then(() => (value as (...a: unknown[]) => unknown).apply(s, runArgs));
            },
          });
        };
      },
    });
    return { ...connection, driver };
  }
}

describeInChromium('the explorer while Neo4j hangs', () => {
  let session: ExplorerSession;
  const neo4j = new HangingNeo4j();

  beforeAll(async () => {
    session = await startExplorerSession({ appConnection: (connection) => neo4j.wrap(connection) });
  });
  afterAll(async () => {
    neo4j.release();
    await session?.close();
  });

  it('times out with a message and Retry, and recovers by itself when Neo4j answers', async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript({
      content: `localStorage.setItem(${JSON.stringify(REQUEST_TIMEOUT_KEY)}, '2500')`,
    });
    neo4j.hanging = true;
    await page.goto(`${session.base}/?lang=en`);

    // The graph: no endless spinner but the timeout, said in words, with Retry.
    const title = page.locator('.status__title', { hasText: 'The graph could not be loaded' });
    await title.waitFor();
    await expect(page.locator('.status__body').innerText()).resolves.toContain('did not answer within 3 s');
    await page.locator('.status .button', { hasText: 'Retry' }).waitFor();
    expect(await page.locator('.status__spinner').count()).toBe(0);

    // The search: the same, with its own Retry.
    await page.locator('.search__input').fill('港珠澳');
    await page.locator('.search__message--error', { hasText: 'did not answer' }).waitFor();
    await page.locator('.search__retry').waitFor();
    await page.screenshot({ path: 'test-results/screenshots/resilience-timeout.png' });

    // Neo4j answers again: the graph is drawn and the suggestions come, with no click.
    neo4j.release();
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor({ timeout: 30_000 });
    await page.locator('.search__hit').first().waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
