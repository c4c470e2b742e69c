/**
 * Warms a freshly started server: runs the statements behind the first screen (the whole graph with
 * its layout) and every named query with its example parameters once, so Neo4j plans and caches them
 * before a user waits for it. A cold Neo4j takes seconds to plan the larger statements (the graph,
 * `overlaps`); afterwards they take milliseconds. Runs in the background after the server listens;
 * a failure is reported, never fatal: the first real request then pays the planning instead.
 */
import type { Connection } from '../store/connection';
import { runReadOnly } from './console/runner';
import { graphJson } from './graph/graph';
import { coerceParams, queryRegistry } from './queries/registry';

export interface WarmUpReport {
  statements: number;
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
  // One after another: the point is to plan each statement once, not to load the server.
  for (const [name, run] of steps) {
    try {
      await run();
    } catch (error) {
      failures.push({ name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { statements: steps.length, elapsedMs: Date.now() - started, failures };
}
