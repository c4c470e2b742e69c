/**
 * Ingesting files into Neo4j: read, skip what the graph already holds unchanged, run the stages,
 * load each document in its own transaction.
 */
import type { Connection } from '../server/db/connection';
import { runStages } from './pipeline';
import { readSource } from './source';
import { loadDocument, loadedHashes, type LoadResult } from './stages/load';
import type { Doc } from './types';

export interface IngestOptions {
  replace?: boolean;
  /** Called after each file, for progress reporting. */
  onFile?: (file: string, result: LoadResult, doc: Doc | null) => void;
}

export async function ingestFiles(
  connection: Connection,
  files: string[],
  options: IngestOptions = {},
): Promise<LoadResult[]> {
  const hashes = options.replace ? new Set<string>() : await loadedHashes(connection);
  const results: LoadResult[] = [];
  for (const file of files) {
    const source = await readSource(file);
    let result: LoadResult;
    let doc: Doc | null = null;
    if (hashes.has(source.sha256)) {
      result = { document: source.name, outcome: 'unchanged', nodesCreated: 0, relationshipsCreated: 0 };
    } else {
      doc = runStages(source);
      result = await loadDocument(connection, doc, { replace: options.replace });
    }
    results.push(result);
    options.onFile?.(file, result, doc);
  }
  return results;
}
