/**
 * What one console or named query may cost: answers over the byte limit are stopped while they
 * stream (413), parameters nested too deep are refused (400, not a stack overflow), a query that
 * builds a value larger than Neo4j allows answers 400 and Neo4j goes on, a transaction terminated
 * under a query answers 503 with Retry-After, and at most `queryConcurrency` queries run at once.
 */
import neo4j from 'neo4j-driver';
import path from 'node:path';
import request from 'supertest';
import { ingestFiles } from '../../../ingest/ingest';
import { createApp } from '../../../server/app';
import { DEFAULT_LIMITS } from '../../../store/config';
import type { Connection } from '../../../store/connection';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

describe('console limits', () => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [
      path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt'),
    ]);
    app = createApp({ connection });
  });
  afterAll(() => connection.close());

  it('stops 1,000 rows of 1 MB strings at the default 5 MB with a 413, long before they are all built', async () => {
    const res = await request(app)
      .post('/api/cypher')
      .send({
        query: "UNWIND range(1, 1000) AS i RETURN i, reduce(s = 'x', k IN range(1, 20) | s + s) AS big",
      })
      .expect(413);
    expect(res.body.error.code).toBe('RESPONSE_TOO_LARGE');
    expect(res.body.error.message).toMatch(/response limit of 5 MB \(stopped after [1-9] rows\)/);
  });

  it('answers rows of 64 MB with 413 or 400, never as an outage, and Neo4j goes on', async () => {
    const res = await request(app).post('/api/cypher').send({
      query: "UNWIND range(1, 100) AS i RETURN reduce(s = 'xxxxxxxx', j IN range(1, 23) | s + s) AS big",
      timeoutMs: 60_000,
    });
    expect([413, 400]).toContain(res.status);
    expect(['RESPONSE_TOO_LARGE', 'QUERY_TOO_LARGE']).toContain(res.body.error.code);
    await request(app).post('/api/cypher').send({ query: 'RETURN 1 AS one' }).expect(200);
  });

  it('applies a configured limit to the console and the named queries alike', async () => {
    const small = createApp({ connection, limits: { ...DEFAULT_LIMITS, responseBytes: 5_000 } });
    const console = await request(small)
      .post('/api/cypher')
      .send({ query: 'MATCH (m:Measure) RETURN m.text AS text' })
      .expect(413);
    expect(console.body.error.code).toBe('RESPONSE_TOO_LARGE');
    const named = await request(small)
      .post('/api/queries/document-outline')
      .send({ params: { document: null } })
      .expect(413);
    expect(named.body.error.code).toBe('RESPONSE_TOO_LARGE');
    // Under the limit the same routes answer.
    await request(small)
      .post('/api/cypher')
      .send({ query: 'MATCH (m:Measure) RETURN count(m) AS n' })
      .expect(200);
  });

  it('refuses parameters nested thousands deep with a 400 naming where, not a crash', async () => {
    // Written out by hand: JSON.stringify itself overflows on such a value.
    const deep = `${'['.repeat(5_000)}1${']'.repeat(5_000)}`;
    const post = (route: string, body: string) =>
      request(app).post(route).set('content-type', 'application/json').send(body);
    const res = await post(
      '/api/cypher',
      `{"query": "RETURN size($a) AS n", "params": {"a": ${deep}}}`,
    ).expect(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER' });
    expect(res.body.error.param).toMatch(/^params\.a(\[0\]){31}$/);
    const named = await post('/api/queries/measures-touching', `{"params": {"name": ${deep}}}`).expect(400);
    expect(named.body.error.code).toBe('BAD_PARAMETER');
  });

  it('answers a query that builds a value larger than the heap with 400, and Neo4j goes on', async () => {
    const res = await request(app)
      .post('/api/cypher')
      .send({ query: "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n", timeoutMs: 30_000 })
      .expect(400);
    expect(res.body.error.code).toBe('QUERY_TOO_LARGE');
    const collect = await request(app)
      .post('/api/cypher')
      .send({ query: 'UNWIND range(1, 200000000) AS i RETURN size(collect(i)) AS n', timeoutMs: 30_000 })
      .expect(400);
    expect(collect.body.error.code).toBe('QUERY_TOO_LARGE');
    await request(app).post('/api/cypher').send({ query: 'RETURN 1 AS one' }).expect(200);
  });

  it('answers 503 QUERY_TERMINATED with Retry-After when the transaction is terminated under it', async () => {
    const marker = `terminate-me-${Date.now()}`;
    const pending = request(app)
      .post('/api/cypher')
      .send({
        query: `UNWIND range(1, 2000000000) AS i WITH i WHERE i < 0 AND $marker IS NOT NULL RETURN count(*) AS n`,
        params: { marker },
        timeoutMs: 60_000,
      })
      .then((res) => res);
    const admin = connection.driver.session({ database: connection.database });
    try {
      let id: string | undefined;
      while (!id) {
        const shown = await admin.run(
          'SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery CONTAINS $marker RETURN transactionId',
          { marker: 'i < 0 AND $marker' },
        );
        id = shown.records[0]?.get('transactionId') as string | undefined;
      }
      await admin.run('TERMINATE TRANSACTIONS $id', { id });
    } finally {
      await admin.close();
    }
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('QUERY_TERMINATED');
    expect(res.headers['retry-after']).toBe('1');
  });

  /** The most console queries seen running at once while three are sent together. */
  async function mostAtOnce(queryConcurrency: number): Promise<number> {
    const one = createApp({ connection, limits: { ...DEFAULT_LIMITS, queryConcurrency } });
    const marker = `slot-${Date.now()}`;
    const slow = (n: number) =>
      request(one).post('/api/cypher').send({
        query: 'UNWIND range(1, 3000000) AS i WITH i WHERE $marker IS NOT NULL RETURN count(*) + $n AS c',
        params: { marker, n },
        timeoutMs: 60_000,
      });
    const admin = connection.driver.session({
      database: connection.database,
      defaultAccessMode: neo4j.session.READ,
    });
    let most = 0;
    let done = false;
    const all = Promise.all([slow(1), slow(2), slow(3)]).finally(() => (done = true));
    try {
      while (!done) {
        const running = await admin.run(
          'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $text RETURN count(*) AS n',
          { text: 'count(*) + $n' },
        );
        most = Math.max(most, Number(running.records[0]!.get('n')));
      }
    } finally {
      await admin.close();
    }
    const answers = await all;
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    return most;
  }

  it('runs at most queryConcurrency queries at once; the rest wait their turn', async () => {
    expect(await mostAtOnce(1)).toBe(1);
    // The measurement does see queries side by side when more may run.
    expect(await mostAtOnce(3)).toBeGreaterThan(1);
  });
});
