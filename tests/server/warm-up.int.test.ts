/**
 * The start-up warm-up runs the graph, every named query and the read routes' statements against the
 * real Neo4j without failing.
 */
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

  const ROUTES = [
    'search',
    'entity',
    'neighbors',
    'timeline',
    'measure',
    'lineage',
    'document',
    'documents',
    'documents (all)',
    'measures',
  ];

  it('runs the graph, each named query with its example parameters, and the read routes', async () => {
    const report = await warmUp(connection);
    expect(report.failures).toEqual([]);
    expect(report.steps).toEqual(['graph', ...queryRegistry().keys(), ...ROUTES]);
    expect(report.statements).toBe(report.steps.length);
  });

  it('reports a failure by name instead of throwing when Neo4j is gone', async () => {
    const down = await unreachableConnection();
    try {
      const report = await warmUp(down);
      // No keys could be read: the routes that need none are tried (and fail) all the same.
      expect(report.failures.map((f) => f.name)).toEqual([
        'graph',
        ...queryRegistry().keys(),
        'documents',
        'documents (all)',
        'measures',
      ]);
    } finally {
      await down.close();
    }
  });
});
