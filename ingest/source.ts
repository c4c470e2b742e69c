/**
 * Reading input files: bytes → checked UTF-8 text (`SourceFile`), and expanding the command line's
 * files and folders into the list of documents to ingest. Only regular files are read, and only up
 * to a size limit: a device (a link to /dev/zero), a FIFO or a socket is refused by name without
 * blocking on it, and a file over the limit is refused without being read whole.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { formatBytes } from '../store/sizes';
import { IngestError } from './errors';
import type { SourceFile } from './types';

const BOM = '\uFEFF';
/** Extensions a folder is expanded to. */
const SOURCE_EXTENSIONS = new Set(['.txt', '.md']);

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
async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
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

/** A `SourceFile` from text already in memory (tests, stdin). */
export function sourceFromText(name: string, text: string): SourceFile {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  ensureNotBlank(name, body);
  return {
    path: name,
    name: basename(name),
    text: body,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}

export function decodeSource(path: string, bytes: Uint8Array): SourceFile {
  if (bytes.length === 0) throw new IngestError('EMPTY', path, 'file is empty');
  let text: string;
  try {
    // ignoreBOM keeps the BOM so that removing it is explicit here, not a decoder default.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    const offset = firstInvalidUtf8Offset(bytes);
    const where = offset < 0 ? '' : ` (first bad byte at offset ${offset})`;
    const line = offset < 0 ? undefined : lineOfByte(bytes, offset);
    throw new IngestError('NOT_UTF8', path, `not valid UTF-8${where}`, {
      cause: err,
      ...(line === undefined ? {} : { line }),
    });
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  ensureNotBlank(path, text);
  return {
    path,
    name: basename(path),
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Files to ingest, in order: each folder becomes its `*.txt` / `*.md` files (not recursive,
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

/** 1-based line of a byte offset (counting LF bytes before it). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that makes `bytes` invalid UTF-8, or -1. TextDecoder only says
 * "invalid"; users need to know where. Follows RFC 3629 (no overlongs, surrogates or > U+10FFFF).
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const at = (k: number): number => bytes[k] ?? -1;
  const isCont = (b: number): boolean => b >= 0x80 && b <= 0xbf;
  while (i < n) {
    const b = at(i);
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // > U+10FFFF
    } else return i;
    const second = at(i + 1);
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) if (!isCont(at(i + k))) return i;
    i += need + 1;
  }
  return -1;
}
