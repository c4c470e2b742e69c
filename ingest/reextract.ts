/**
 * Extracting documents again when the pipeline changed (ingest/pipeline-version.ts): every document
 * whose `pipeline` is not this process's version is read again from its original (the bytes kept
 * when it was ingested) and goes through the stages and the load like a new upload of the same file.
 * Each document is committed in a transaction of its own, replacing the old version whole, so until
 * then search and the explorer read the old version, and a run stopped half-way (a kill, a crash)
 * leaves every document either old or new, never a mix; the next run takes the rest. What a user
 * corrected in a document's metadata is kept (stages/load.ts, keptEdits).
 */
import { createHash } from 'node:crypto';
import type { Connection } from '../store/connection';
import type { Gazetteer } from './gazetteer/gazetteer';
import { ingestBatch, type Upload } from './ingest';
import { pipelineVersion } from './pipeline-version';
import type { EarlierDocument } from './stages/load';

export interface StaleDocument {
  key: string;
  /** The file name it was ingested from. */
  source: string;
  sha256: string;
  /** The version that extracted it; null when it was loaded before versions were recorded. */
  pipeline: string | null;
}

/** Where the originals' bytes come from: by SHA-256, null when the original was not kept. */
export type OriginalBytes = (sha256: string) => Promise<Uint8Array | null>;

export type ReextractOutcome = 'replaced' | 'missing' | 'failed';

export interface ReextractProgress {
  key: string;
  outcome: ReextractOutcome;
  /** Why it was not replaced (missing or failed). */
  reason: string | null;
  done: number;
  total: number;
}

export interface ReextractOptions {
  originals: OriginalBytes;
  onDocument?: (progress: ReextractProgress) => void;
  /** A gazetteer other than the repository's (tests). */
  gazetteer?: Gazetteer;
  /** Worker threads for the stages (ingest.ts); default one per core. */
  workers?: number;
  /** Documents read into memory at once: their originals and stages, each still its own transaction. */
  chunk?: number;
  /** Stops before the next chunk when aborted (the server's shutdown). */
  signal?: AbortSignal;
}

export interface ReextractSummary {
  version: string;
  total: number;
  replaced: number;
  missing: string[];
  failed: { key: string; reason: string }[];
}

/** `[3/120] 2019-…: extracted again`, or why not: one line of progress. */
export function progressLine(p: ReextractProgress): string {
  const what = p.outcome === 'replaced' ? 'extracted again' : `not extracted again: ${p.reason}`;
  return `[${p.done}/${p.total}] ${p.key}: ${what}`;
}

/** The documents extracted by another pipeline version, in key order. */
export async function staleDocuments(
  connection: Connection,
  version = pipelineVersion(),
): Promise<StaleDocument[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.executeRead((tx) =>
      tx.run(
        `MATCH (d:Document) WHERE d.pipeline IS NULL OR d.pipeline <> $version
         RETURN d.key AS key, d.source AS source, d.sha256 AS sha256, d.pipeline AS pipeline
         ORDER BY key`,
        { version },
      ),
    );
    return result.records.map((r) => ({
      key: String(r.get('key')),
      source: String(r.get('source')),
      sha256: String(r.get('sha256')),
      pipeline: (r.get('pipeline') as string | null) ?? null,
    }));
  } finally {
    await session.close();
  }
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Extracts every stale document again from its original; never throws for one document's failure. */
export async function reextract(
  connection: Connection,
  options: ReextractOptions,
): Promise<ReextractSummary> {
  return extractAgain(connection, await staleDocuments(connection), options);
}

/**
 * Extracts `stale` from their originals with this pipeline, each in a transaction of its own,
 * keeping each one's key (a file of its source name gets it) and metadata edits: those of the graph,
 * or `earlier`'s for documents the graph does not hold (an archive's dump). Never throws for one
 * document's failure: the summary names it.
 */
export async function extractAgain(
  connection: Connection,
  stale: StaleDocument[],
  options: ReextractOptions & { earlier?: ReadonlyMap<string, EarlierDocument> },
): Promise<ReextractSummary> {
  const version = pipelineVersion();
  const summary: ReextractSummary = { version, total: stale.length, replaced: 0, missing: [], failed: [] };
  let done = 0;
  const report = (key: string, outcome: ReextractOutcome, reason: string | null) => {
    done += 1;
    if (outcome === 'replaced') summary.replaced += 1;
    else if (outcome === 'missing') summary.missing.push(key);
    else summary.failed.push({ key, reason: reason ?? 'failed' });
    options.onDocument?.({ key, outcome, reason, done, total: stale.length });
  };
  const chunk = Math.max(1, options.chunk ?? 32);
  for (let start = 0; start < stale.length; start += chunk) {
    if (options.signal?.aborted) break;
    const uploads: Upload[] = [];
    const byName = new Map<string, StaleDocument>();
    for (const doc of stale.slice(start, start + chunk)) {
      let bytes: Uint8Array | null;
      try {
        bytes = await options.originals(doc.sha256);
      } catch (error) {
        report(doc.key, 'failed', error instanceof Error ? error.message : String(error));
        continue;
      }
      if (bytes === null) {
        report(
          doc.key,
          'missing',
          'its original was not kept (it was ingested before originals were); upload it again',
        );
        continue;
      }
      if (sha256Of(bytes) !== doc.sha256) {
        report(doc.key, 'failed', `its original's bytes do not match its SHA-256 ${doc.sha256}`);
        continue;
      }
      uploads.push({ name: doc.source, bytes });
      byName.set(doc.source, doc);
    }
    if (uploads.length === 0) continue;
    const outcomes = await ingestBatch(connection, uploads, {
      batchDocuments: 1,
      ...(options.earlier ? { earlier: options.earlier } : {}),
      ...(options.gazetteer ? { gazetteer: options.gazetteer } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    });
    for (const outcome of outcomes) {
      const doc = byName.get(outcome.file)!;
      if (outcome.error) report(doc.key, 'failed', outcome.error.message);
      else if (outcome.result?.document !== doc.key)
        report(doc.key, 'failed', `it was loaded as ${outcome.result?.document ?? 'nothing'}, not as itself`);
      else report(doc.key, 'replaced', null);
    }
  }
  return summary;
}

/**
 * `npm start`'s run in the background: says how many documents another pipeline version extracted,
 * then a line per document for a few, every tenth of the way for many, and a summary naming what
 * could not be extracted again. Null when every document is current.
 */
export async function reextractInBackground(
  connection: Connection,
  originals: OriginalBytes,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<ReextractSummary | null> {
  const stale = await staleDocuments(connection);
  if (stale.length === 0) return null;
  log(
    `${stale.length} document(s) were extracted by another pipeline version; extracting them again from their originals in the background (the explorer shows each one's old version until its new one is in).`,
  );
  const every = stale.length <= 20 ? 1 : Math.ceil(stale.length / 10);
  const summary = await reextract(connection, {
    originals,
    ...(signal ? { signal } : {}),
    onDocument: (p) => {
      if (p.outcome !== 'replaced' || p.done % every === 0 || p.done === p.total) log(progressLine(p));
    },
  });
  log(
    `Re-extraction done: ${summary.replaced} of ${summary.total} extracted again${summary.missing.length ? `; ${summary.missing.length} without a kept original (upload them again)` : ''}${summary.failed.length ? `; ${summary.failed.length} failed` : ''}.`,
  );
  return summary;
}
