/**
 * Keeping the originals of a run of the ingest (`npm run ingest`, `npm start`'s seeds, an upload):
 * after the load, each file whose document the graph now holds (its SHA-256 is a Document's
 * `sha256`) is kept, once. A file that failed, or changed on disk after it was loaded, is not kept:
 * only bytes a document was made from are. A document loaded before originals were kept has its
 * original kept the next time its file comes through unchanged (seeds: the next `npm start`).
 * Deleting a document deletes its original unless another document has the same bytes
 * (releaseOriginal).
 */
import path from 'node:path';
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { DEFAULT_MAX_FILE_BYTES, decodeSource, readRegularFile } from '../source';
import type { FileOutcome, Upload } from '../ingest';
import { mediaType } from './media';
import { sha256Of, type Originals } from './originals';

export interface KeptOriginal {
  file: string;
  sha256: string;
  /** False when the same bytes were kept before. */
  added: boolean;
}

export interface KeepFailure {
  file: string;
  error: Error;
}

const HELD = 'MATCH (d:Document {sha256: $sha256}) RETURN d.key AS key LIMIT 1';

/**
 * After a document was deleted: deletes the original with its bytes unless another document still
 * has them (the same bytes uploaded under another name). True when it was deleted.
 */
export async function releaseOriginal(
  connection: Connection,
  originals: Originals,
  sha256: string,
): Promise<boolean> {
  if ((await readRecords(connection, HELD, { sha256 })).length > 0) return false;
  return originals.delete(sha256);
}

/**
 * Keeps the original of every input (in the order `ingestBatch` was given them, one outcome each)
 * whose document loaded. Failures are returned, not thrown: the documents are in the graph whatever
 * happens to their originals, and the next run of the same file tries again.
 */
export async function keepOriginals(
  connection: Connection,
  originals: Originals,
  inputs: (string | Upload)[],
  outcomes: FileOutcome[],
  options: { maxBytes?: number } = {},
): Promise<{ kept: KeptOriginal[]; failures: KeepFailure[] }> {
  const kept: KeptOriginal[] = [];
  const failures: KeepFailure[] = [];
  for (const [i, input] of inputs.entries()) {
    const outcome = outcomes[i];
    if (!outcome || outcome.error || !outcome.result) continue;
    const file = typeof input === 'string' ? input : input.name;
    try {
      const bytes =
        typeof input === 'string'
          ? await readRegularFile(input, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES)
          : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
      const sha256 = sha256Of(bytes);
      if (await originals.has(sha256)) {
        kept.push({ file, sha256, added: false });
        continue;
      }
      if ((await readRecords(connection, HELD, { sha256 })).length === 0) continue;
      // The format and encoding as the ingest read them; read again for a document loaded unchanged.
      const source =
        outcome.doc?.source.sha256 === sha256 ? outcome.doc.source : await decodeSource(file, bytes);
      const encoding = source.encoding ?? null;
      const added = await originals.put({
        meta: {
          sha256,
          name: path.basename(file),
          mediaType: mediaType(source.format, encoding),
          encoding,
          format: source.format,
          bytes: bytes.length,
          ingestedAt: new Date().toISOString(),
        },
        bytes,
      });
      kept.push({ file, sha256, added });
    } catch (error) {
      failures.push({ file, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { kept, failures };
}
