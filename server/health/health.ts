/** Data access for /api/health: what is in the graph. */
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';

export interface GraphCounts {
  documents: number;
  measures: number;
  entities: number;
}

/** Counting is answered from Neo4j's count store; a Neo4j that takes longer than this is not healthy. */
const HEALTH_TIMEOUT_MS = 5_000;

/**
 * One auto-commit read like every other route's (readRecords), not a transaction function: when
 * Neo4j is down, a transaction function retries for the driver's 15 s before failing, and the health
 * check is the route that must say so at once.
 */
export async function graphCounts(connection: Connection): Promise<GraphCounts> {
  const [record] = await readRecords(
    connection,
    `CALL { MATCH (d:Document) RETURN count(d) AS documents }
     CALL { MATCH (m:Measure) RETURN count(m) AS measures }
     CALL { MATCH (e:Entity) RETURN count(e) AS entities }
     RETURN documents, measures, entities`,
    {},
    { timeoutMs: HEALTH_TIMEOUT_MS },
  );
  return {
    documents: Number(record?.get('documents') ?? 0),
    measures: Number(record?.get('measures') ?? 0),
    entities: Number(record?.get('entities') ?? 0),
  };
}
