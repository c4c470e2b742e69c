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
 *
 * `--reextract` (reextractDocuments): the dump's graph is not loaded; the archive's originals are kept
 * and its documents extracted from them by this release's pipeline, one transaction per document
 * (reextract.ts, as `npm run reextract` does), under their keys and with their metadata edits taken
 * from the dump. Nothing else of the dump is carried: sections, measures, entities and lineage are what
 * this pipeline derives. An archive lacking a document's original is refused before the database is
 * touched; a document that fails empties the database again, as a failed load does.
 */
import neo4j from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { applySchema } from '../../store/schema';
import type { Originals } from '../originals/originals';
import { extractAgain, type ReextractProgress, type StaleDocument } from '../reextract';
import type { EarlierDocument } from '../stages/load';
import { fingerprintOf, sameFingerprint, describeFingerprint, type CorpusFingerprint } from './fingerprint';
import {
  ArchiveError,
  readArchive,
  verifyArchive,
  type Counts,
  type EndLine,
  type Manifest,
  type NodeLine,
  type RelLine,
} from './format';
import { decodeProps, type Encoded } from './values';
import { pipelineVersion } from '../pipeline-version';

const BATCH = 1000;

export interface ImportOptions {
  originals: Originals;
  /** Empty a database that holds a corpus first (after the archive is checked). */
  replace?: boolean;
  /**
   * Extract the documents again from the archive's originals with this release's pipeline instead of
   * loading the dump's graph; only the documents' keys and metadata edits are taken from the dump.
   */
  reextract?: boolean;
  /** A re-extracting import's progress: a call per document. */
  onDocument?: (progress: ReextractProgress) => void;
  log?: (line: string) => void;
}

export interface ImportResult {
  manifest: Manifest;
  counts: Counts;
  /** The loaded graph's: the archive's after a load as dumped; this pipeline's after --reextract. */
  fingerprint: CorpusFingerprint;
  /** Documents extracted again (--reextract); null for a load as dumped. */
  reextracted: number | null;
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

/** The properties of an archived Document that the re-extraction takes from the dump. */
const DOCUMENT_PROPS = ['key', 'source', 'sha256', 'pipeline', 'edited', 'editedAt'];

/**
 * Reads the whole archive once, checking it (as verifyArchive), and returns its documents as the dump
 * holds them: key, source, SHA-256 and the properties a user edited. Refuses an archive without the
 * original of one of them, naming each, before anything is changed.
 */
async function archivedDocuments(file: string) {
  let manifest: Manifest | null = null;
  let end: EndLine | null = null;
  const kept = new Set<string>();
  const documents = new Map<string, EarlierDocument>();
  let at = 0;
  for await (const line of readArchive(file)) {
    at += 1;
    if (line.kind === 'manifest') manifest = line;
    else if (line.kind === 'end') end = line;
    else if (line.kind === 'source') kept.add(line.meta?.sha256);
    else if (line.kind === 'node' && Array.isArray(line.labels) && line.labels.includes('Document')) {
      const raw = line.props as Record<string, Encoded> | undefined;
      const edited = Array.isArray(raw?.edited) ? raw.edited.map(String) : [];
      const wanted = Object.fromEntries(
        [...DOCUMENT_PROPS, ...edited].filter((k) => raw && k in raw).map((k) => [k, raw![k]!]),
      );
      const props = decodeProps(wanted, `${file}, line ${at}`);
      if (typeof props.key !== 'string' || typeof props.source !== 'string')
        throw new ArchiveError(file, 'a Document without its key or source', at);
      documents.set(props.key, {
        key: props.key,
        source: props.source,
        sha256: typeof props.sha256 === 'string' ? props.sha256 : '',
        pipeline: typeof props.pipeline === 'string' ? props.pipeline : null,
        props,
      });
    }
  }
  const missing = [...documents.values()].filter((d) => !kept.has(d.sha256));
  if (missing.length)
    throw new ImportRefusedError(
      `${file} lacks the original of ${missing.length} document(s), so they cannot be extracted again: ${missing
        .map((d) => `${d.key} (${d.source})`)
        .join(
          ', ',
        )}. Import it without --reextract to load its graph as it was dumped. The database was not changed.`,
    );
  return { manifest: manifest!, end: end!, documents };
}

/** Keeps the archive's originals, then extracts its documents from them; throws naming any that failed. */
async function reextractDocuments(
  connection: Connection,
  file: string,
  documents: ReadonlyMap<string, EarlierDocument>,
  options: ImportOptions,
): Promise<number> {
  await keepSources(options.originals, file);
  const stale: StaleDocument[] = [...documents.values()]
    .map(({ key, source, sha256, pipeline }) => ({ key, source, sha256, pipeline: pipeline ?? null }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const summary = await extractAgain(connection, stale, {
    originals: async (sha256) => (await options.originals.get(sha256))?.bytes ?? null,
    earlier: documents,
    ...(options.onDocument ? { onDocument: options.onDocument } : {}),
  });
  const failed = [
    ...summary.missing.map((key) => `${key}: its original is not in ${options.originals.where}`),
    ...summary.failed.map(({ key, reason }) => `${key}: ${reason}`),
  ];
  if (failed.length)
    throw new Error(
      `${failed.length} of ${summary.total} document(s) could not be extracted again (${failed.join('; ')}); import the archive without --reextract to load its graph as it was dumped`,
    );
  return summary.replaced;
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
  const { manifest, end, documents } = options.reextract
    ? await archivedDocuments(file)
    : { ...(await verifyArchive(file)), documents: null };
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
    if (documents) {
      log(
        `Extracting the archive's ${documents.size} document(s) again from its originals (pipeline ${pipelineVersion()}; the archive's was ${manifest.pipelineVersion})…`,
      );
      const reextracted = await reextractDocuments(connection, file, documents, options);
      return { manifest, counts: end.counts, fingerprint: await fingerprintOf(connection), reextracted };
    }
    await load(connection, file);
    const fingerprint = await fingerprintOf(connection);
    if (!sameFingerprint(fingerprint, end.fingerprint))
      throw new Error(
        `the loaded graph (${describeFingerprint(fingerprint)}) differs from the archive's (${describeFingerprint(end.fingerprint)})`,
      );
    await keepSources(options.originals, file);
    return { manifest, counts: end.counts, fingerprint, reextracted: null };
  } catch (error) {
    await emptyCorpus(connection).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportRefusedError(
      `Importing ${file} failed: ${reason}. The database was emptied again (it held no corpus before the load${present > 0 ? '; --replace had deleted the old one' : ''}).`,
    );
  }
}
