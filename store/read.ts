/**
 * How the API reads: one auto-commit query in READ mode (routed to a reader in a cluster) with a
 * timeout. Not `executeRead`: its retry loop would hold a request for the driver's 15 s of retries
 * when Neo4j is down, where the API should answer 503 at once (errors.ts maps ServiceUnavailable).
 */
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import type { Connection } from './connection';
import { withoutCallSite } from './call-site';
import { neo4jParams } from './params';

/** Bounds a runaway query; generous because a cold server plans the larger statements slowly. */
export const QUERY_TIMEOUT_MS = 30_000;

export async function readRecords(
  connection: Connection,
  cypher: string,
  params: Record<string, unknown> = {},
  { timeoutMs = QUERY_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<Neo4jRecord[]> {
  const session = connection.driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const result = await withoutCallSite(() =>
      session.run(cypher, neo4jParams(params), { timeout: timeoutMs }),
    );
    return result.records;
  } finally {
    await session.close();
  }
}
