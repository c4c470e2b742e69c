/**
 * The views' opening answers prefetched per graph version (server/http/prefetch.ts) against the real
 * Neo4j: after a round, the very requests the client sends (model/opening.ts) are answered from the
 * cache; a write by anyone changes the version and the running prefetcher answers them again for it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { openingRequests, overlapRequests, ANY_PLAN } from '../../../model/opening';
import { Prefetcher, type PrefetchReport } from '../../../server/http/prefetch';
import type { Connection } from '../../../store/connection';
import { SEED_KEY, seededApp } from '../../../testkit/seeded-app';

describe('prefetching the views’ opening answers', () => {
  let connection: Connection;
  let app: Express;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ({ connection, app } = await seededApp());
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await connection.close();
  });

  /** What a browser's request gets: the cache's verdict and the version. */
  const ask = async (path: string, body?: unknown) => {
    const response = await fetch(new URL(path, base), {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    return { cache: response.headers.get('x-cache'), version: response.headers.get('x-graph-version') };
  };

  it('answers every opening request, which the client’s requests then find in the cache', async () => {
    const report = await new Prefetcher(base, connection).run();
    expect(report.requests.map((r) => [r.path, r.status])).toEqual(
      openingRequests().map((r) => [r.path, 200]),
    );
    for (const { path, body } of openingRequests())
      expect({ path, ...(await ask(path, body)) }).toEqual({ path, cache: 'hit', version: report.version });
    // Not every request is a hit: another scope of the overlaps is computed when asked for.
    const other = overlapRequests({ ...ANY_PLAN, fromYear: 2020 }).sections;
    expect((await ask(`/api/queries/${other.name}`, other.body)).cache).toBe('miss');
  });

  it('prefetches again once a write by anyone has changed the graph', async () => {
    const rounds: PrefetchReport[] = [];
    let heard: (report: PrefetchReport) => void = () => undefined;
    const prefetcher = new Prefetcher(base, connection, { intervalMs: 50 });
    const first = new Promise<PrefetchReport>((resolve) => (heard = resolve));
    prefetcher.start((report) => {
      rounds.push(report);
      heard(report);
    });
    try {
      const before = await first;
      const session = connection.driver.session({ database: connection.database });
      const next = new Promise<PrefetchReport>((resolve) => (heard = resolve));
      try {
        await session.run('MATCH (d:Document {key: $key}) SET d.prefetchProbe = 1', { key: SEED_KEY });
        const after = await next;
        expect(after.version).not.toBe(before.version);
        const [graph] = openingRequests();
        expect(await ask(graph!.path)).toEqual({ cache: 'hit', version: after.version });
      } finally {
        await session.run('MATCH (d:Document {key: $key}) REMOVE d.prefetchProbe', { key: SEED_KEY });
        await session.close();
      }
    } finally {
      prefetcher.stop();
    }
    expect(rounds.every((r) => r.requests.every((q) => q.status === 200))).toBe(true);
  });
});
