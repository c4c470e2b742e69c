/**
 * The originals of ingested sources, as they arrived: bytes, name, media type, encoding, SHA-256 and
 * the time they were first kept, so the corpus can always be rebuilt from its sources. Addressed by
 * the SHA-256 the Document records (`Document.sha256`), so the same bytes are kept once however often
 * they are ingested. Where: a folder beside the embedded Neo4j's data (folder.ts) or `:Source` nodes
 * in the graph (graph.ts), by `SOURCES_STORE` (store/config.ts; open.ts chooses).
 */
import { createHash } from 'node:crypto';
import type { SourceFormat } from '../formats';

export interface OriginalMeta {
  sha256: string;
  /** The file name it arrived under (an upload's, or the file's on disk), without folders. */
  name: string;
  /** The media type, with the charset of a text: `text/plain; charset=GBK`. */
  mediaType: string;
  /** The encoding a text or page was in (UTF-8, GB18030, Big5, …); null for Word and PDF. */
  encoding: string | null;
  format: SourceFormat;
  bytes: number;
  /** ISO-8601 time it was first kept. */
  ingestedAt: string;
}

export interface Original {
  meta: OriginalMeta;
  bytes: Buffer;
}

export interface Originals {
  /** Where they are, for messages: the folder, or "the graph". */
  readonly where: string;
  has(sha256: string): Promise<boolean>;
  /** Keeps an original; false when the same bytes were kept already (nothing is written then). */
  put(original: Original): Promise<boolean>;
  /** The original with these bytes, checked against its SHA-256; null when none is kept. */
  get(sha256: string): Promise<Original | null>;
  /** Deletes the original with these bytes; false when none was kept. (keep.ts releaseOriginal: only when no document has them.) */
  delete(sha256: string): Promise<boolean>;
}

/** What a SHA-256 looks like: the only name a kept original's file may have. */
export const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes are the ones the metadata names, or an error saying where they are not. */
export function checked(original: Original, where: string): Original {
  const actual = sha256Of(original.bytes);
  if (actual !== original.meta.sha256)
    throw new Error(
      `the original ${original.meta.name} in ${where} is damaged: its SHA-256 is ${actual}, not ${original.meta.sha256}`,
    );
  return original;
}
