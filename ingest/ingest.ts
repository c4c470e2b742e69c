/**
 * Ingesting files into Neo4j (or only through the pipeline, for an export): read each safely, skip
 * what the graph already holds unchanged, give it its key (identity.ts), run the stages, and load
 * each document in its own transaction. A file that fails is reported and the others go on.
 */
import type { IngestStage } from '../model/api';
import type { Connection } from '../store/connection';
import { loadGazetteer, type Gazetteer } from './gazetteer/gazetteer';
import { DocumentKeys } from './identity';
import { runStages } from './pipeline';
import { decodeSource, readSource } from './source';
import { loadDocument, loadedDocuments, type LoadResult } from './stages/load';
import { relink } from './lineage/lineage';
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
  /** Called as each file enters a stage, for progress reporting. */
  onStage?: (file: string, stage: IngestStage) => void;
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

/** Every file in order; failures are in the outcomes, never thrown. `connection` null: pipeline only. */
export async function ingestBatch(
  connection: Connection | null,
  files: (string | Upload)[],
  options: IngestOptions = {},
): Promise<FileOutcome[]> {
  const known = connection ? await loadedDocuments(connection) : [];
  const keys = new DocumentKeys(known);
  // What each source file held when it was last loaded: the same file, unchanged, is skipped early.
  const loaded = new Map(options.replace ? [] : known.map((d) => [d.source, d.sha256]));
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const outcomes: FileOutcome[] = [];
  for (const input of files) {
    const file = typeof input === 'string' ? input : input.name;
    const stage = (name: IngestStage) => options.onStage?.(file, name);
    const outcome: FileOutcome = { file, result: null, doc: null, error: null, note: null };
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
        outcome.doc = runStages(source, gazetteer, { documentKey: key, onStage: stage });
        if (connection) {
          stage('load');
          outcome.result = await loadDocument(connection, outcome.doc, {
            replace: options.replace || options.replaces !== undefined,
            newSource: options.replaces !== undefined,
          });
          // Its lineage in a transaction of its own, after the document's (ingest/lineage/lineage.ts).
          if (outcome.result.outcome !== 'unchanged') await relink(connection, outcome.doc.meta.key);
        }
      }
    } catch (error) {
      outcome.error = error instanceof Error ? error : new Error(String(error));
    }
    outcomes.push(outcome);
    options.onFile?.(outcome);
  }
  return outcomes;
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
