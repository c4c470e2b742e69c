/**
 * runReadOnly's plan cache and its `trusted` path (the named queries) against the real Neo4j: a
 * query is still checked the first time even when trusted, a refusal is never remembered, and a
 * remembered read answers exactly as a checked one does.
 */
import path from 'node:path';
import { ingestFiles } from '../../../ingest/ingest';
import { clearPlanCache, runReadOnly } from '../../../server/console/runner';
import { coerceParams, namedQuery } from '../../../server/queries/registry';
import type { Connection } from '../../../store/connection';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

const SEED = '2020-guangdong-hong-kong-cooperation-work-plan';

describe('runReadOnly: remembered plans and trusted queries', () => {
  let connection: Connection;
  const count = async () =>
    (await runReadOnly(connection, 'MATCH (n) RETURN count(n) AS n')).rows[0]!.n as number;

  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [path.join(repoRoot, `seeds/${SEED}.txt`)]);
  });
  beforeEach(() => clearPlanCache());
  afterAll(() => connection.close());

  it('refuses a write marked trusted, on its first and every later run, and the graph is unchanged', async () => {
    const before = await count();
    for (let run = 0; run < 3; run++)
      await expect(
        runReadOnly(connection, "CREATE (:Intruder {name: 'x'}) RETURN 1 AS one", {}, { trusted: true }),
      ).rejects.toMatchObject({ status: 400, code: 'READ_ONLY' });
    expect(await count()).toBe(before);
  });

  it('answers a named query the same on its first (checked) and later (remembered) runs', async () => {
    const query = namedQuery('measures-touching');
    const params = coerceParams(query, { name: '港珠澳大桥' });
    const first = await runReadOnly(connection, query.cypher, params, { trusted: true });
    const again = await runReadOnly(connection, query.cypher, params, { trusted: true });
    const untrusted = await runReadOnly(connection, query.cypher, params);
    for (const result of [again, untrusted]) {
      expect(result.columns).toEqual(first.columns);
      expect(result.rows).toEqual(first.rows);
      expect(result.graph).toEqual(first.graph);
      expect(result.summary.queryType).toBe('r');
    }
    expect(first.rows.filter((r) => r.document === SEED).map((r) => r.measure)).toEqual(['2', '16', '51']);
  });

  it('keeps the row cap and the timeout on the remembered path', async () => {
    const cypher = 'UNWIND range(1, $n) AS i RETURN i';
    await runReadOnly(connection, cypher, { n: 1 }, { trusted: true });
    const capped = await runReadOnly(connection, cypher, { n: 50 }, { trusted: true, maxRows: 7 });
    expect(capped.rows.map((r) => r.i)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(capped.summary.truncated).toBe(true);

    const slow = 'UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 3 RETURN count(*) AS c';
    // The first run plans (and remembers) the query; the second runs it as a trusted auto-commit read.
    await runReadOnly(connection, slow, {}, { trusted: true, timeoutMs: 50 }).catch(() => undefined);
    await expect(runReadOnly(connection, slow, {}, { trusted: true, timeoutMs: 200 })).rejects.toMatchObject({
      status: 504,
      code: 'QUERY_TIMEOUT',
    });
  });

  it('still checks a text it has not seen, even one differing only in spacing from a remembered read', async () => {
    await runReadOnly(connection, 'MATCH (n) RETURN count(n) AS n', {}, { trusted: true });
    await expect(
      runReadOnly(connection, 'MATCH (n)  SET n.touched = true RETURN count(n) AS n', {}, { trusted: true }),
    ).rejects.toMatchObject({ status: 400, code: 'READ_ONLY' });
  });
});
