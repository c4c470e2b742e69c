/**
 * The corpus archive: one gzip file (node:zlib) of JSON lines, written and read as a stream.
 *
 *   {"kind":"manifest","format":"policy-graph-corpus","formatVersion":1,"appVersion",...}   first line
 *   {"kind":"source","meta":{sha256,name,mediaType,encoding,format,bytes,ingestedAt},"bytes":"<base64>"}
 *   {"kind":"node","id":"<its element id in the exported graph>","labels":[...],"props":{...}}
 *   {"kind":"rel","type":"HAS_SECTION","a":"<node id>","b":"<node id>","props":{...}}
 *   {"kind":"end","counts":{"sources","nodes","relationships"},"fingerprint":{...}}           last line
 *
 * Sources (every kept original a document records, wherever it was kept), then every node, then every relationship (a relationship names its ends by the `id` their
 * node lines carry). Property values as values.ts encodes them. The manifest comes first so a reader
 * knows the format before anything else; the counts and the fingerprint come last, since an export
 * streams and knows them only at the end: a file without its `end` line is truncated.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import type { CorpusFingerprint } from './fingerprint';
import type { Encoded } from './values';
import type { OriginalMeta } from '../originals/originals';

export const ARCHIVE_FORMAT = 'policy-graph-corpus';
export const FORMAT_VERSION = 1;

export interface Manifest {
  kind: 'manifest';
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  appVersion: string;
  /** The highest migration (cypher/migrations/) the exported graph had applied. */
  schemaVersion: number;
  /** The pipeline version of the code that exported (each Document records its own). */
  pipelineVersion: string;
  createdAt: string;
}

export interface SourceLine {
  kind: 'source';
  meta: OriginalMeta;
  bytes: string;
}
export interface NodeLine {
  kind: 'node';
  id: string;
  labels: string[];
  props: Record<string, Encoded>;
}
export interface RelLine {
  kind: 'rel';
  type: string;
  a: string;
  b: string;
  props: Record<string, Encoded>;
}
export interface Counts {
  sources: number;
  nodes: number;
  relationships: number;
}
export interface EndLine {
  kind: 'end';
  counts: Counts;
  fingerprint: CorpusFingerprint;
}
export type Line = Manifest | SourceLine | NodeLine | RelLine | EndLine;

/** The archive cannot be read: names the file, the line when there is one, and what is wrong. */
export class ArchiveError extends Error {
  constructor(file: string, message: string, line?: number) {
    super(`${file}${line ? `, line ${line}` : ''}: ${message}`);
    this.name = 'ArchiveError';
  }
}

export interface ArchiveWriter {
  write(line: Line): Promise<void>;
  close(): Promise<void>;
}

export function openWriter(file: string): ArchiveWriter {
  const gzip = createGzip();
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  return {
    async write(line) {
      if (!gzip.write(`${JSON.stringify(line)}\n`)) await once(gzip, 'drain');
    },
    async close() {
      gzip.end();
      await done;
    },
  };
}

const ORDER: Record<Line['kind'], number> = { manifest: 0, source: 1, node: 2, rel: 3, end: 4 };

function describeZlib(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(message ?? ''))
    return 'the archive is truncated (its gzip stream ends early)';
  if (code === 'Z_DATA_ERROR') return `not a corpus archive (not gzip data: ${message})`;
  if (code === 'ENOENT') return 'no such file';
  return message ?? String(error);
}

/**
 * The archive's lines, in order, checked as they are read: the manifest first and of a known format
 * version, the kinds in order, the `end` line last with counts that match. Throws an ArchiveError.
 */
export async function* readArchive(file: string): AsyncGenerator<Line> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  let streamError: unknown = null;
  input.on('error', (e) => {
    streamError = e;
    gunzip.destroy(e);
  });
  gunzip.on('error', (e) => {
    streamError ??= e;
  });
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  let n = 0;
  let last = -1;
  let ended = false;
  const counts: Counts = { sources: 0, nodes: 0, relationships: 0 };
  try {
    for await (const text of lines) {
      n += 1;
      if (ended) throw new ArchiveError(file, 'content after the end line', n);
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        throw new ArchiveError(
          file,
          n === 1 ? 'not a corpus archive (the first line is not JSON)' : 'not a JSON line',
          n,
        );
      }
      const order = ORDER[line?.kind];
      if (order === undefined)
        throw new ArchiveError(file, `unknown line kind ${JSON.stringify(line?.kind)}`, n);
      if (n === 1) {
        if (line.kind !== 'manifest' || line.format !== ARCHIVE_FORMAT)
          throw new ArchiveError(file, `not a corpus archive (no "${ARCHIVE_FORMAT}" manifest)`, n);
        if (line.formatVersion !== FORMAT_VERSION)
          throw new ArchiveError(
            file,
            `archive format version ${JSON.stringify(line.formatVersion)} is not one this version reads (${FORMAT_VERSION}); import it with the release that wrote it (app ${line.appVersion})`,
            n,
          );
      } else if (line.kind === 'manifest' || order < last)
        throw new ArchiveError(file, `a ${line.kind} line out of order`, n);
      last = order;
      if (line.kind === 'source') counts.sources += 1;
      if (line.kind === 'node') counts.nodes += 1;
      if (line.kind === 'rel') counts.relationships += 1;
      if (line.kind === 'end') {
        ended = true;
        const c = line.counts;
        if (
          c?.sources !== counts.sources ||
          c.nodes !== counts.nodes ||
          c.relationships !== counts.relationships
        )
          throw new ArchiveError(
            file,
            `the end line counts ${JSON.stringify(c)} but the archive holds ${JSON.stringify(counts)}`,
            n,
          );
      }
      yield line;
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(file, describeZlib(streamError ?? error), n || undefined);
  } finally {
    lines.close();
    input.destroy();
  }
  if (streamError) throw new ArchiveError(file, describeZlib(streamError), n || undefined);
  if (n === 0) throw new ArchiveError(file, 'empty: not a corpus archive');
  if (!ended) throw new ArchiveError(file, `the archive is truncated (no end line after line ${n})`);
}

/** Reads the whole archive once, checking it, without loading anything; returns its manifest and end. */
export async function verifyArchive(file: string): Promise<{ manifest: Manifest; end: EndLine }> {
  let manifest: Manifest | null = null;
  let end: EndLine | null = null;
  for await (const line of readArchive(file)) {
    if (line.kind === 'manifest') manifest = line;
    if (line.kind === 'end') end = line;
  }
  return { manifest: manifest!, end: end! };
}
