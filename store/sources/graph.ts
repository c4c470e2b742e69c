/**
 * Originals of ingested sources kept in the graph, for a Neo4j of the user's own
 * (ingest/originals/, SOURCES_STORE=graph): one `(:Source {sha256, name, mediaType, encoding, format,
 * bytes, ingestedAt, content})` node per distinct file, `content` a byte array, `sha256` unique
 * (migration 0003). Nothing links it to its documents but the SHA-256 they record, so it stays outside
 * the explorer's model and outlives a document's replacement; deleting the last document with its
 * SHA-256 deletes it (ingest/originals/keep.ts, releaseOriginal).
 */
import neo4j from 'neo4j-driver';
import type { Connection } from '../connection';
import { neo4jParams } from '../params';

/** What is kept beside the bytes; the ingest gives it its meaning (ingest/originals/originals.ts). */
export type SourceMeta = { sha256: string; bytes: number } & Record<string, string | number | null>;

export interface StoredSource {
  meta: SourceMeta;
  bytes: Buffer;
}

const PUT = `
OPTIONAL MATCH (old:Source {sha256: $meta.sha256})
WITH old WHERE old IS NULL
CREATE (s:Source) SET s = $meta, s.content = $content
RETURN count(s) AS created`;

const GET = `
MATCH (s:Source {sha256: $sha256})
RETURN properties(s) AS meta`;

async function run(connection: Connection, cypher: string, params: Record<string, unknown>, write: boolean) {
  const session = connection.driver.session({
    database: connection.database,
    defaultAccessMode: write ? neo4j.session.WRITE : neo4j.session.READ,
  });
  try {
    return (await session.run(cypher, neo4jParams(params))).records;
  } finally {
    await session.close();
  }
}

export async function hasSource(connection: Connection, sha256: string): Promise<boolean> {
  return (
    (await run(connection, 'MATCH (s:Source {sha256: $sha256}) RETURN 1 LIMIT 1', { sha256 }, false)).length >
    0
  );
}

/** Keeps the bytes and their metadata; false when a source with this SHA-256 is kept already. */
export async function putSource(connection: Connection, source: StoredSource): Promise<boolean> {
  const { bytes } = source;
  const content = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [record] = await run(connection, PUT, { meta: source.meta, content }, true);
  return neo4j.integer.toNumber(record!.get('created') as number) > 0;
}

/** Deletes the source with this SHA-256; false when there was none. */
export async function deleteSource(connection: Connection, sha256: string): Promise<boolean> {
  const [record] = await run(
    connection,
    'MATCH (s:Source {sha256: $sha256}) DELETE s RETURN count(s) AS deleted',
    { sha256 },
    true,
  );
  return neo4j.integer.toNumber(record!.get('deleted') as number) > 0;
}

export async function getSource(connection: Connection, sha256: string): Promise<StoredSource | null> {
  const [record] = await run(connection, GET, { sha256 }, false);
  if (!record) return null;
  const { content, ...properties } = record.get('meta') as Record<string, unknown>;
  const meta = Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [k, neo4j.isInt(v) ? neo4j.integer.toNumber(v) : v]),
  ) as SourceMeta;
  const array = content as Int8Array;
  return { meta, bytes: Buffer.from(array.buffer, array.byteOffset, array.byteLength) };
}
