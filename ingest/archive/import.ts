/**
 * `npm run corpus -- import FILE [--replace]`: loads an archive (format.ts) into the Neo4j the
 * configuration names, as it was dumped.
 *
 * Nothing half-loaded: the archive is read whole and checked first (format version, every line, the
 * end line's counts), before the database is touched, so a truncated or foreign file changes nothing.
 * The database must hold no corpus (only migration records) unless `--replace`, which empties it only
 * after that check. The schema is applied first, then the nodes and relationships are created in
 * batched transactions (UNWIND, 1,000 rows), then the graph's fingerprint is compared with the
 * archive's. A failure part-way (Neo4j lost, a constraint, a fingerprint that differs) empties the
 * database again — it was empty before the load — and the error says so. One transaction for the whole
 * corpus would need memory for all of it; one per document cannot be had from a dump of the graph.
 * The originals are kept (folder or graph, as configured) once the graph is loaded and checked.
 */
import neo4j from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { applySchema } from '../../store/schema';
import type { Originals } from '../originals/originals';
import { fingerprintOf, sameFingerprint, describeFingerprint, type CorpusFingerprint } from './fingerprint';
import {
  ArchiveError,
  readArchive,
  verifyArchive,
  type Counts,
  type Manifest,
  type NodeLine,
  type RelLine,
} from './format';
import { decodeProps } from './values';

const BATCH = 1000;

export interface ImportOptions {
  originals: Originals;
  /** Empty a database that holds a corpus first (after the archive is checked). */
  replace?: boolean;
  log?: (line: string) => void;
}

export interface ImportResult {
  manifest: Manifest;
  counts: Counts;
  fingerprint: CorpusFingerprint;
}

export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

function identifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

async function write(connection: Connection, cypher: string, rows: unknown[]) {
  const session = connection.driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.WRITE,
  });
  try {
    return await session.executeWrite(async (tx) => (await tx.run(cypher, { rows })).records);
  } finally {
    await session.close();
  }
}

/** Nodes of the corpus (all but the migration records). */
export async function corpusSize(connection: Connection): Promise<number> {
  const session = connection.driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const result = await session.run('MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n');
    return Number(result.records[0]?.get('n') ?? 0);
  } finally {
    await session.close();
  }
}

/** Deletes every node but the migration records, in bounded transactions. */
export async function emptyCorpus(connection: Connection): Promise<void> {
  const session = connection.driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.WRITE,
  });
  try {
    await session.run('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run(
      'MATCH (n) WHERE NOT n:Migration CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
    );
  } finally {
    await session.close();
  }
}

async function flushNodes(
  connection: Connection,
  batch: { line: NodeLine; at: number }[],
  ids: Map<string, string>,
  file: string,
) {
  const groups = new Map<
    string,
    { labels: string[]; rows: { id: string; props: Record<string, unknown> }[] }
  >();
  for (const { line, at } of batch) {
    if (!Array.isArray(line.labels) || typeof line.id !== 'string')
      throw new ArchiveError(file, 'a node line without its id or labels', at);
    if (ids.has(line.id)) throw new ArchiveError(file, `node ${line.id} appears twice`, at);
    const key = line.labels.join('\0');
    const group = groups.get(key) ?? { labels: line.labels, rows: [] };
    group.rows.push({ id: line.id, props: decodeProps(line.props, `${file}, line ${at}`) });
    groups.set(key, group);
  }
  for (const { labels, rows } of groups.values()) {
    const label = labels.map((l) => `:${identifier(l)}`).join('');
    const records = await write(
      connection,
      `UNWIND $rows AS row CREATE (n${label}) SET n = row.props RETURN row.id AS id, elementId(n) AS eid`,
      rows,
    );
    for (const r of records) ids.set(r.get('id') as string, r.get('eid') as string);
  }
}

async function flushRels(
  connection: Connection,
  batch: { line: RelLine; at: number }[],
  ids: Map<string, string>,
  file: string,
) {
  const groups = new Map<string, { a: string; b: string; props: Record<string, unknown> }[]>();
  for (const { line, at } of batch) {
    const a = ids.get(line.a);
    const b = ids.get(line.b);
    if (a === undefined || b === undefined || typeof line.type !== 'string')
      throw new ArchiveError(
        file,
        `a relationship whose ${a === undefined ? `start ${line.a}` : `end ${line.b}`} is no node of the archive`,
        at,
      );
    const rows = groups.get(line.type) ?? [];
    rows.push({ a, b, props: decodeProps(line.props, `${file}, line ${at}`) });
    groups.set(line.type, rows);
  }
  for (const [type, rows] of groups) {
    const records = await write(
      connection,
      `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b
       CREATE (a)-[r:${identifier(type)}]->(b) SET r = row.props RETURN count(r) AS n`,
      rows,
    );
    const created = Number(records[0]?.get('n') ?? 0);
    if (created !== rows.length)
      throw new Error(`${type}: ${rows.length - created} relationship(s) lost their ends during the load`);
  }
}

async function load(connection: Connection, file: string) {
  // The archive's node ids → the element ids of the nodes made here: the one thing held for the whole load.
  const ids = new Map<string, string>();
  let nodes: { line: NodeLine; at: number }[] = [];
  let rels: { line: RelLine; at: number }[] = [];
  let at = 0;
  for await (const line of readArchive(file)) {
    at += 1;
    if (line.kind === 'node') {
      nodes.push({ line, at });
      if (nodes.length >= BATCH) {
        await flushNodes(connection, nodes, ids, file);
        nodes = [];
      }
    } else if (line.kind === 'rel') {
      if (nodes.length) {
        await flushNodes(connection, nodes, ids, file);
        nodes = [];
      }
      rels.push({ line, at });
      if (rels.length >= BATCH) {
        await flushRels(connection, rels, ids, file);
        rels = [];
      }
    }
  }
  if (nodes.length) await flushNodes(connection, nodes, ids, file);
  if (rels.length) await flushRels(connection, rels, ids, file);
}

async function keepSources(originals: Originals, file: string) {
  let at = 0;
  for await (const line of readArchive(file)) {
    at += 1;
    if (line.kind !== 'source') continue;
    if (line.kind === 'source') {
      const bytes = Buffer.from(line.bytes, 'base64');
      try {
        await originals.put({ meta: line.meta, bytes });
      } catch (error) {
        throw new ArchiveError(file, `the original ${line.meta?.sha256}: ${(error as Error).message}`, at);
      }
    }
  }
}

export async function importCorpus(
  connection: Connection,
  file: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const log = options.log ?? (() => undefined);
  const { manifest, end } = await verifyArchive(file);
  const schema = await applySchema(connection);
  if (manifest.schemaVersion > schema.version)
    throw new ImportRefusedError(
      `${file} was exported from a graph at schema version ${manifest.schemaVersion}, newer than this release's (${schema.version}): import it with app ${manifest.appVersion} or later. The database was not changed.`,
    );
  const present = await corpusSize(connection);
  if (present > 0) {
    if (!options.replace)
      throw new ImportRefusedError(
        `The database at ${connection.uri} is not empty (${present} nodes): import into an empty database, or add --replace to delete them first. The database was not changed.`,
      );
    log(`Deleting the ${present} nodes the database held (--replace)…`);
    await emptyCorpus(connection);
  }
  try {
    await load(connection, file);
    const fingerprint = await fingerprintOf(connection);
    if (!sameFingerprint(fingerprint, end.fingerprint))
      throw new Error(
        `the loaded graph (${describeFingerprint(fingerprint)}) differs from the archive's (${describeFingerprint(end.fingerprint)})`,
      );
    await keepSources(options.originals, file);
    return { manifest, counts: end.counts, fingerprint };
  } catch (error) {
    await emptyCorpus(connection).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportRefusedError(
      `Importing ${file} failed: ${reason}. The database was emptied again (it held no corpus before the load${present > 0 ? '; --replace had deleted the old one' : ''}).`,
    );
  }
}
