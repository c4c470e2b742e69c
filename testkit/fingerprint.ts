/**
 * A fingerprint of everything a Neo4j database holds: counts, a hash of every node's labels and
 * properties and every relationship's type, ends and properties, and the schema (indexes,
 * constraints, tokens). Equal fingerprints mean the graph was left byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { stable } from '../model/json';

export { stable };
import type { Connection } from '../store/connection';

export interface Fingerprint {
  nodes: number;
  relationships: number;
  hash: string;
  schema: string;
}

async function rows(connection: Connection, cypher: string): Promise<Record<string, unknown>[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    return (await session.run(cypher)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

export async function fingerprint(connection: Connection): Promise<Fingerprint> {
  const nodes = await rows(
    connection,
    'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties ORDER BY id',
  );
  const rels = await rows(
    connection,
    `MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS a, elementId(b) AS b,
     properties(r) AS properties ORDER BY id`,
  );
  const schema = await Promise.all(
    [
      'SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties ORDER BY name',
      'SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name',
      'CALL db.labels() YIELD label RETURN label ORDER BY label',
      'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey',
      'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType',
    ].map((q) => rows(connection, q)),
  );
  const hash = createHash('sha256');
  for (const r of nodes) hash.update(stable(r));
  for (const r of rels) hash.update(stable(r));
  return {
    nodes: nodes.length,
    relationships: rels.length,
    hash: hash.digest('hex'),
    schema: stable(schema),
  };
}
