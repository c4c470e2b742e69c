/**
 * Reading input files: bytes → the document's text in any supported format and encoding
 * (`SourceFile`, through formats/), and expanding the command line's files and folders into the
 * list of documents to ingest. Only regular files are read, and only up
 * to a size limit: a device (a link to /dev/zero), a FIFO or a socket is refused by name without
 * blocking on it, and a file over the limit is refused without being read whole.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { formatBytes } from '../store/sizes';
import { IngestError } from './errors';
import { DOCUMENT_EXTENSIONS, readText } from './formats';
import type { SourceFile } from './types';

export { firstInvalidUtf8Offset } from './formats/text';

const BOM = '\uFEFF';
/** Extensions a folder is expanded to. */
const SOURCE_EXTENSIONS = new Set<string>(DOCUMENT_EXTENSIONS);

/** Largest file read when the caller gives no limit (INGEST_MAX_FILE_BYTES, config.ts). */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface ReadOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
}

/** What a non-regular file is, for the refusal. */
function kindOf(info: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (info.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (info.isSocket()) return 'is a socket, not a regular file';
  if (info.isCharacterDevice()) return 'is a character device, not a regular file';
  if (info.isBlockDevice()) return 'is a block device, not a regular file';
  return 'is not a regular file';
}

/**
 * Reads a regular file of at most `maxBytes`. The file is opened without blocking (a FIFO would wait
 * for a writer forever) and checked on the open descriptor, so it cannot be swapped for something
 * else between the check and the read; at most maxBytes + 1 bytes are ever read, even from a file
 * that grows while it is read.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    // A socket cannot be opened at all (ENXIO): say what it is rather than why open failed.
    const info = await stat(path).catch(() => null);
    if (info && !info.isFile() && !info.isDirectory())
      throw new IngestError('NOT_A_FILE', path, kindOf(info));
    throw new IngestError('UNREADABLE', path, describeFsError(err), { cause: err });
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new IngestError('UNREADABLE', path, 'is a folder, not a file');
    if (!info.isFile()) throw new IngestError('NOT_A_FILE', path, kindOf(info));
    const tooLarge = (size: number) =>
      new IngestError(
        'TOO_LARGE',
        path,
        `is ${formatBytes(size)}, over the limit of ${formatBytes(maxBytes)} per file (INGEST_MAX_FILE_BYTES)`,
      );
    if (info.size > maxBytes) throw tooLarge(info.size);
    // Read in chunks to the end, whatever the size said (a file may grow; /proc files say 0).
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(info.size - length, 64 * 1024), maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(length);
    }
    return Buffer.concat(chunks, length);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError('UNREADABLE', path, describeFsError(err), { cause: err });
  } finally {
    await handle.close();
  }
}

export async function readSource(path: string, options: ReadOptions = {}): Promise<SourceFile> {
  const bytes = await readRegularFile(path, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  return decodeSource(path, bytes);
}

/** A `SourceFile` from text already in memory (tests, stdin, a pasted text). */
export function sourceFromText(name: string, text: string): SourceFile {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  ensureNotBlank(name, body);
  return {
    path: name,
    name: basename(name),
    text: body,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    format: 'text',
    encoding: 'UTF-8',
    notes: [],
  };
}

/** A `SourceFile` from a file's bytes, in whichever format and encoding they are. */
export async function decodeSource(path: string, bytes: Uint8Array): Promise<SourceFile> {
  const read = await readText(path, bytes);
  ensureNotBlank(path, read.text);
  return {
    path,
    name: basename(path),
    text: read.text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format: read.format,
    ...(read.encoding ? { encoding: read.encoding } : {}),
    notes: read.notes,
  };
}

/**
 * Files to ingest, in order: each folder becomes its documents (`.txt`, `.md`, `.html`, `.htm`,
 * `.docx`, `.pdf`) files (not recursive,
 * sorted by name, README.md skipped); a file is taken as given. Duplicates are dropped.
 */
export async function listSourceFiles(pathsOrFolders: string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  };
  for (const p of pathsOrFolders) {
    let info;
    try {
      info = await stat(p);
    } catch (err) {
      throw new IngestError('UNREADABLE', p, describeFsError(err), { cause: err });
    }
    if (!info.isDirectory()) {
      add(p);
      continue;
    }
    const entries = await readdir(p, { withFileTypes: true });
    const names = entries
      // Devices, FIFOs and sockets stay in the list, so that reading refuses them by name.
      .filter((e) => !e.isDirectory())
      .map((e) => e.name)
      .filter((n) => SOURCE_EXTENSIONS.has(extname(n).toLowerCase()) && n.toLowerCase() !== 'readme.md')
      .sort(compareCodePoints);
    for (const n of names) add(join(p, n));
  }
  return out;
}

function ensureNotBlank(path: string, text: string): void {
  if (text.length === 0) throw new IngestError('EMPTY', path, 'file is empty');
  // \s covers U+3000 (ideographic space), common in Chinese documents.
  if (/^\s*$/u.test(text)) throw new IngestError('EMPTY', path, 'file contains only whitespace');
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `cannot read (${code ?? (err instanceof Error ? err.message : String(err))})`;
  }
}

/** Sort by code points, independent of the locale the tool runs in. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
