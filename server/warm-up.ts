/**
 * Warms a freshly started server: runs the statements behind the first screen (the whole graph with
 * its layout), every named query with its example parameters, and the statements of the read routes
 * (search, an entity and its neighbours and timeline, a measure and its lineage, a document, the
 * documents and measures lists) on keys taken from the graph, once each, so Neo4j plans and caches
 * them before a user waits for it (on a corpus, an unplanned route's first answer took 450–550 ms). A cold Neo4j takes seconds to plan the larger statements (the graph,
 * `overlaps`); afterwards they take milliseconds. Runs in the background after the server listens;
 * a failure is reported, never fatal: the first real request then pays the planning instead.
 */
import type { Connection } from '../store/connection';
import { runReadOnly } from './console/runner';
import { graphJson } from './graph/graph';
import { coerceParams, queryRegistry } from './queries/registry';
import { readRecords } from '../store/read';
import { entity, neighbors } from './entities/entities';
import { measure } from './measures/measures';
import { listMeasures } from './measures/list';
import { search } from './search/search';
import { documentOutline, documents } from './documents/documents';
import { lineage, timeline } from './lineage/lineage';
import { DOCUMENTS_PAGE, DOCUMENTS_PAGE_MAX } from '../model/api';

export interface WarmUpReport {
  statements: number;
  /** What was run, in order: `graph`, the named queries, then the routes. */
  steps: string[];
  elapsedMs: number;
  failures: { name: string; message: string }[];
}

export async function warmUp(connection: Connection): Promise<WarmUpReport> {
  const started = Date.now();
  const failures: WarmUpReport['failures'] = [];
  const steps: [string, () => Promise<unknown>][] = [
    ['graph', () => graphJson(connection, {})],
    ...[...queryRegistry().values()].map((query): [string, () => Promise<unknown>] => [
      query.name,
      () =>
        runReadOnly(connection, query.cypher, coerceParams(query, query.example), {
          trusted: true,
          timeoutMs: 60_000,
        }),
    ]),
  ];
  // Keys to run the routes' statements on: any will do (a plan does not depend on the values).
  const [sample] = await readRecords(
    connection,
    `OPTIONAL MATCH (m:Measure)-[:MENTIONS]->(e:Entity) WITH m, e LIMIT 1
     RETURN m.key AS measure, m.document AS document, e.key AS entity, e.name AS name`,
  ).catch(() => []);
  const key = (name: string) => (sample?.get(name) as string | null | undefined) ?? null;
  const routes: [string, string | null, (key: string) => Promise<unknown>][] = [
    ['search', key('name'), (name) => search(connection, name, { limit: 12 })],
    ['entity', key('entity'), (k) => entity(connection, k)],
    ['neighbors', key('entity'), (k) => neighbors(connection, k, { depth: 1, limit: 200 })],
    ['timeline', key('entity'), (k) => timeline(connection, k, 1000)],
    ['measure', key('measure'), (k) => measure(connection, k)],
    ['lineage', key('measure'), (k) => lineage(connection, k)],
    ['document', key('document'), (k) => documentOutline(connection, k)],
    ['documents', '', () => documents(connection, { limit: DOCUMENTS_PAGE, offset: 0 })],
    ['documents (all)', '', () => documents(connection, { limit: DOCUMENTS_PAGE_MAX, offset: 0 })],
    [
      'measures',
      '',
      () => listMeasures(connection, { sort: 'document', order: 'asc', offset: 0, limit: 50 }),
    ],
  ];
  for (const [name, value, run] of routes) if (value !== null) steps.push([name, () => run(value)]);
  // One after another: the point is to plan each statement once, not to load the server.
  for (const [name, run] of steps) {
    try {
      await run();
    } catch (error) {
      failures.push({ name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    statements: steps.length,
    steps: steps.map(([name]) => name),
    elapsedMs: Date.now() - started,
    failures,
  };
}
