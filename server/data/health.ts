/** Data access for /api/health: what is in the graph. */
import neo4j from 'neo4j-driver';
import type { Connection } from '../db/connection';

export interface GraphCounts {
  documents: number;
  measures: number;
  entities: number;
}

export async function graphCounts(connection: Connection): Promise<GraphCounts> {
  const session = connection.driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const result = await session.executeRead(
      (tx) =>
        tx.run(
          `CALL { MATCH (d:Document) RETURN count(d) AS documents }
           CALL { MATCH (m:Measure) RETURN count(m) AS measures }
           CALL { MATCH (e:Entity) RETURN count(e) AS entities }
           RETURN documents, measures, entities`,
        ),
      { timeout: 5_000 },
    );
    const record = result.records[0];
    return {
      documents: Number(record?.get('documents') ?? 0),
      measures: Number(record?.get('measures') ?? 0),
      entities: Number(record?.get('entities') ?? 0),
    };
  } finally {
    await session.close();
  }
}
