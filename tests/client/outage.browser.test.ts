/**
 * The explorer through a Neo4j outage, in Chromium: opened while Neo4j is being restarted, the page
 * says so in a banner and in the graph area, and when health returns it reconnects by itself and
 * draws the graph, with no click.
 */
import type { Availability } from '../../store/embedded/supervisor';
import {
  describeInChromium,
  openView,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

describeInChromium('the explorer through a Neo4j outage', () => {
  let session: ExplorerSession;
  let availability: Availability = { state: 'running', retryAfterS: 0 };

  beforeAll(async () => {
    session = await startExplorerSession({
      appConnection: (connection) => ({ ...connection, availability: () => availability }),
    });
  });
  afterAll(() => session?.close());

  it('shows the outage and recovers by itself when health returns', async () => {
    const { page } = session;
    availability = { state: 'restarting', retryAfterS: 3 };
    await openView(page, session.base, '.outage:not([hidden])');
    await page.locator('.status__title').filter({ hasText: 'The graph database is unavailable' }).waitFor();
    await session.shot('outage-down');
    expect(await page.locator('.stage__canvas[data-ready="true"]').count()).toBe(0);

    availability = { state: 'running', retryAfterS: 0 };
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor({ timeout: 30_000 });
    await page.locator('.outage[hidden]').waitFor({ state: 'attached' });
    await session.shot('outage-recovered');
    expect(session.pageErrors).toEqual([]);
  });
});
