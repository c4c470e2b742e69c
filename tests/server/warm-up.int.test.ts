/** The start-up warm-up runs the graph and every named query against the real Neo4j without failing. */
import path from 'node:path';
import { ingestFiles } from '../../ingest/ingest';
import { queryRegistry } from '../../server/queries/registry';
import { warmUp } from '../../server/warm-up';
import type { Connection } from '../../store/connection';
import { repoRoot, resetDatabase, testConnection, unreachableConnection } from '../../testkit/db';

describe('warmUp', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [
      path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt'),
    ]);
  });
  afterAll(() => connection.close());

  it('runs the graph and each named query with its example parameters', async () => {
    const report = await warmUp(connection);
    expect(report.failures).toEqual([]);
    expect(report.statements).toBe(1 + queryRegistry().size);
  });

  it('reports a failure by name instead of throwing when Neo4j is gone', async () => {
    const down = await unreachableConnection();
    try {
      const report = await warmUp(down);
      expect(report.failures.map((f) => f.name)).toEqual(['graph', ...queryRegistry().keys()]);
    } finally {
      await down.close();
    }
  });
});
