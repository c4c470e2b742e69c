/**
 * Ingesting files into Neo4j (or only through the pipeline, for an export): read each safely, skip
 * what the graph already holds unchanged, give it its key (identity.ts), run the stages (in worker
 * threads for a corpus), and load the documents in batches, each document all-or-nothing. A file that
 * fails is reported and the others go on.
 */
import type { IngestStage } from '../model/api';
import type { Connection } from '../store/connection';
import { graphVersionOf } from '../store/version';
import { loadGazetteer, type Gazetteer } from './gazetteer/gazetteer';
import { DocumentKeys } from './identity';
import { runStages } from './pipeline';
import { pipelineVersion } from './pipeline-version';
import { decodeSource, readSource } from './source';
import { loadDocuments, loadedDocuments, type EarlierDocument, type LoadResult } from './stages/load';
import { linkOutsideSeries, relinkStale } from './lineage/lineage';
import { defaultWorkers, PipelinePool } from './workers';
import type { Doc } from './types';

export interface IngestOptions {
  /** Replace documents even when their content is unchanged. */
  replace?: boolean;
  /** Largest input file, in bytes (config.limits.fileBytes). */
  maxBytes?: number;
  gazetteer?: Gazetteer;
  /** Called after each file, for progress reporting. */
  onFile?: (outcome: FileOutcome) => void;
  /**
   * The key of a document the (single) file is a new version of: it replaces that document whatever
   * the file is called.
   */
  replaces?: string;
  /** Worker threads for the stages (default: one per core, INGEST_WORKERS); 0 runs them in this thread. */
  workers?: number;
  /**
   * Called after each load transaction (a batch of documents) with what it wrote and how long the
   * load and then the lineage took: the Neo4j side of the ingest, for benchmarks and progress.
   */
  onLoad?: (batch: LoadStats) => void;
  /** Called as each file enters a stage, for progress reporting. */
  onStage?: (file: string, stage: IngestStage) => void;
  /** Documents per load transaction (default BATCH_DOCUMENTS); 1 commits each document on its own. */
  batchDocuments?: number;
  /**
   * The documents another graph held, by key (an archive's dump, `npm run corpus -- import
   * --reextract`): a file of one's source name gets its key, and its metadata edits are kept
   * (stages/load.ts).
   */
  earlier?: ReadonlyMap<string, EarlierDocument>;
}

export interface LoadStats {
  documents: number;
  relationships: number;
  loadSeconds: number;
  lineageSeconds: number;
}

/** Where a file is on its way in: read (bytes → text), parse, extract (script, words, entities, links), load. */
export type { IngestStage };

/** A file that arrived as bytes (an upload) rather than a path. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export interface FileOutcome {
  file: string;
  /** The load's result; null without a database or when the file failed. */
  result: LoadResult | null;
  /** The document, when it went through the pipeline (not when it was skipped as unchanged). */
  doc: Doc | null;
  /** Why the file failed; nothing of it is in the graph. */
  error: Error | null;
  /** Something the user should know, such as the key the file was given. */
  note: string | null;
}

/**
 * Documents per load transaction at most, and measures: a batch is flushed at whichever comes first.
 * Measured with `npm run bench:corpus`: one transaction per document spent most of its time in the
 * commit (and its full-text index update); around a hundred documents per commit the load runs at
 * the rate Neo4j writes.
 */
export const BATCH_DOCUMENTS = 100;
export const BATCH_MEASURES = 3_000;

/** Documents per batch: BATCH_DOCUMENTS, or INGEST_BATCH_DOCUMENTS (a test's small batches). */
function batchDocuments(): number {
  const configured = Number(process.env.INGEST_BATCH_DOCUMENTS);
  return Number.isInteger(configured) && configured >= 1 ? configured : BATCH_DOCUMENTS;
}
/** Below this many documents to run through the stages, no worker threads are started. */
export const PARALLEL_FROM = 8;

/** A file on its way: its outcome so far and, while in the pipeline, the document to come. */
interface Pending {
  outcome: FileOutcome;
  doc: Promise<Doc> | null;
}

/**
 * Every file in order; failures are in the outcomes, never thrown. `connection` null: pipeline only.
 *
 * Files are read and given their keys here, in order; the stages run in worker threads (workers.ts)
 * when there are enough documents, while this thread loads finished ones in batches (loadDocuments:
 * each document still all-or-nothing, a failed batch retried one by one) and then links their
 * lineage. At most a few batches are in flight, so memory stays flat however large the corpus.
 */
export async function ingestBatch(
  connection: Connection | null,
  files: (string | Upload)[],
  options: IngestOptions = {},
): Promise<FileOutcome[]> {
  const known = connection ? await loadedDocuments(connection) : [];
  // This graph's documents after the earlier ones: where both name a source, this graph's key wins.
  const keys = new DocumentKeys([...(options.earlier?.values() ?? []), ...known]);
  // What each source file held when it was last loaded: the same file, unchanged and extracted by
  // this pipeline, is skipped early; one extracted by another version is extracted again.
  const version = pipelineVersion();
  const loaded = new Map(
    options.replace ? [] : known.filter((d) => d.pipeline === version).map((d) => [d.source, d.sha256]),
  );
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const workers = options.gazetteer ? 0 : (options.workers ?? defaultWorkers());
  const pool = workers > 0 && files.length >= PARALLEL_FROM ? new PipelinePool(workers) : null;
  const outcomes: FileOutcome[] = [];
  const pending: Pending[] = [];
  const batch = options.batchDocuments ?? batchDocuments();
  // Plans of a series are linked after the whole load: their lineage needs the other plans, and the
  // full-text index up to date. A plan whose lineage fails is loaded whole; its outcome carries the
  // error (after onFile reported the load), and the next start links it (relinkStale).
  const series: FileOutcome[] = [];
  const finish = async (count: number) => {
    const settled = pending.splice(0, count);
    await settle(connection, settled, options, batch);
    for (const { outcome } of settled) {
      if (inSeries(outcome)) series.push(outcome);
      options.onFile?.(outcome);
    }
  };
  try {
    for (const input of files) {
      const file = typeof input === 'string' ? input : input.name;
      const stage = (name: IngestStage) => options.onStage?.(file, name);
      const outcome: FileOutcome = { file, result: null, doc: null, error: null, note: null };
      const entry: Pending = { outcome, doc: null };
      try {
        stage('read');
        const source =
          typeof input === 'string'
            ? await readSource(input, { maxBytes: options.maxBytes })
            : await decodeSource(input.name, input.bytes);
        if (loaded.get(source.name) === source.sha256) {
          outcome.result = {
            document: source.name,
            outcome: 'unchanged',
            nodesCreated: 0,
            relationshipsCreated: 0,
          };
        } else {
          const { key, note } = options.replaces
            ? { key: options.replaces, note: `a new version of ${options.replaces}` }
            : keys.assign(source);
          outcome.note = note;
          entry.doc = pool
            ? pool.run(source, key, stage)
            : Promise.resolve().then(() =>
                runStages(source, gazetteer, { documentKey: key, onStage: stage }),
              );
          // Nothing waits on it until its batch is settled; a failure is taken there.
          entry.doc.catch(() => undefined);
        }
      } catch (error) {
        outcome.error = asError(error);
      }
      pending.push(entry);
      outcomes.push(outcome);
      if (pending.length >= 2 * batch) await finish(batch);
      else if (!pool) await finish(pending.length);
    }
    while (pending.length) await finish(Math.min(pending.length, batch));
  } finally {
    await pool?.close();
  }
  if (connection && outcomes.some((o) => written(o))) {
    // The plans of series just loaded (and any a stopped run left unlinked), now that all are in and
    // searchable (relinkStale first waits for the full-text index).
    const lineageStart = performance.now();
    const byKey = new Map(series.map((o) => [o.doc!.meta.key, o]));
    await relinkStale(connection, (key, error) => {
      const outcome = byKey.get(key);
      if (outcome && error) outcome.error = error;
    });
    graphVersionOf(connection).invalidate();
    if (series.length)
      options.onLoad?.({
        documents: 0,
        relationships: 0,
        loadSeconds: 0,
        lineageSeconds: (performance.now() - lineageStart) / 1000,
      });
  }
  return outcomes;
}

/** Whether the file's document was written (created or replaced) in this run. */
function written(outcome: FileOutcome): boolean {
  return outcome.result !== null && outcome.result.outcome !== 'unchanged';
}

/** A plan of a series, just written: its lineage is linked after the load. */
function inSeries(outcome: FileOutcome): boolean {
  return written(outcome) && outcome.doc !== null && outsideSeries(outcome.doc) === false;
}

/** A plan outside every series: no partner region or no year (ingest/lineage/lineage.ts). */
function outsideSeries(doc: Doc): boolean {
  return doc.meta.region === null || doc.meta.year === null;
}

/**
 * Waits for the batch's documents and loads them, BATCH_DOCUMENTS or BATCH_MEASURES at a time, each
 * followed by its lineage in a transaction of its own (ingest/lineage/lineage.ts): plans outside
 * every series together, a plan of a series on its own.
 */
async function settle(
  connection: Connection | null,
  batch: Pending[],
  options: IngestOptions,
  documents: number,
): Promise<void> {
  const ready: Pending[] = [];
  for (const entry of batch) {
    if (!entry.doc) continue;
    try {
      entry.outcome.doc = await entry.doc;
      ready.push(entry);
    } catch (error) {
      entry.outcome.error = asError(error);
    }
  }
  if (!connection) return;
  let group: Pending[] = [];
  let measures = 0;
  const flush = async () => {
    if (group.length) await loadGroup(connection, group, options);
    group = [];
    measures = 0;
  };
  for (const entry of ready) {
    const size = entry.outcome.doc!.measures.length;
    if (group.length && (measures + size > BATCH_MEASURES || group.length >= documents)) await flush();
    group.push(entry);
    measures += size;
  }
  await flush();
}

async function loadGroup(connection: Connection, group: Pending[], options: IngestOptions): Promise<void> {
  for (const { outcome } of group) options.onStage?.(outcome.file, 'load');
  const loadStart = performance.now();
  const { loads, relationshipsCreated } = await loadDocuments(
    connection,
    group.map((entry) => entry.outcome.doc!),
    {
      replace: options.replace || options.replaces !== undefined,
      newSource: options.replaces !== undefined,
      ...(options.earlier ? { earlier: options.earlier } : {}),
    },
  );
  loads.forEach((load, i) => {
    const { outcome } = group[i]!;
    outcome.result = load.result;
    outcome.error = load.error;
  });
  const lineageStart = performance.now();
  const outside = group.map((entry) => entry.outcome).filter((o) => written(o) && outsideSeries(o.doc!));
  if (outside.length)
    await linkOutsideSeries(
      connection,
      outside.map((o) => ({ key: o.doc!.meta.key, measures: o.doc!.measures })),
    ).catch((error: unknown) => {
      for (const o of outside) o.error = asError(error);
    });
  // Whatever this process caches per graph version (the server's answers) is out of date now.
  graphVersionOf(connection).invalidate();
  options.onLoad?.({
    documents: loads.filter((load) => load.result !== null && load.result.outcome !== 'unchanged').length,
    relationships: relationshipsCreated,
    loadSeconds: (lineageStart - loadStart) / 1000,
    lineageSeconds: (performance.now() - lineageStart) / 1000,
  });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Ingests every file into the graph; throws the first failure (after trying the others). */
export async function ingestFiles(
  connection: Connection,
  files: (string | Upload)[],
  options: IngestOptions = {},
): Promise<LoadResult[]> {
  const outcomes = await ingestBatch(connection, files, options);
  const failed = outcomes.find((o) => o.error);
  if (failed) throw failed.error;
  return outcomes.map((o) => o.result!);
}
