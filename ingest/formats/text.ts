/**
 * Plain text in whatever encoding it was saved: UTF-8 (with or without a BOM), UTF-16 with a BOM,
 * GB18030/GBK/GB2312 and Big5. Anything not UTF-8 is told apart by jschardet's character
 * statistics and then decoded strictly with iconv-lite; a guess that is unsure, or a decoding that
 * meets bytes the encoding does not have, is refused with a message naming the file and what to do,
 * never turned into mojibake.
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { IngestError } from '../errors';

export interface DecodedText {
  text: string;
  /** The encoding read, as a user would name it: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `GB18030`, `Big5`. */
  encoding: string;
}

/** A legacy-encoding guess below this confidence is refused as ambiguous… */
const MIN_CONFIDENCE = 0.5;
/** …unless the other Chinese encoding cannot read the bytes; below this one, always. */
const LOW_CONFIDENCE = 0.2;
/** Bytes looked at to guess an encoding. */
const SAMPLE_BYTES = 256 * 1024;
/** jschardet's names → the iconv-lite encoding that reads them (GB18030 reads GB2312 and GBK too). */
const CHINESE: Record<string, { iconv: string; name: string }> = {
  gb2312: { iconv: 'gb18030', name: 'GB18030' },
  gbk: { iconv: 'gb18030', name: 'GB18030' },
  gb18030: { iconv: 'gb18030', name: 'GB18030' },
  big5: { iconv: 'big5', name: 'Big5' },
};

/** `declared`: the charset a page names for itself (`<meta charset>`), used when the bytes are not UTF-8. */
export function decodeText(path: string, bytes: Uint8Array, declared?: string): DecodedText {
  if (bytes.length === 0) throw new IngestError('EMPTY', path, 'file is empty');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { text: utf8(buffer.subarray(3)), encoding: 'UTF-8 with BOM' };
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: utf16(path, buffer.subarray(2), 'utf-16le'), encoding: 'UTF-16LE' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: utf16(path, buffer.subarray(2), 'utf-16be'), encoding: 'UTF-16BE' };
  if (looksBinary(buffer))
    throw new IngestError('UNKNOWN_FORMAT', path, 'is a binary file, not a document this reader knows');
  const badUtf8 = firstInvalidUtf8Offset(buffer);
  if (badUtf8 < 0) return { text: utf8(buffer), encoding: 'UTF-8' };
  return legacy(path, buffer, badUtf8, declared);
}

function utf8(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

function utf16(path: string, bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    throw new IngestError(
      'UNKNOWN_ENCODING',
      path,
      `starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}`,
      { cause: err },
    );
  }
}

/** NUL bytes, or many control characters, outside UTF-16: not text. */
function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  return controls > sample.length / 20;
}

function legacy(path: string, bytes: Buffer, badUtf8: number, declared?: string): DecodedText {
  const refuse = (why: string) =>
    new IngestError(
      'UNKNOWN_ENCODING',
      path,
      `not valid UTF-8 (first bad byte at offset ${badUtf8}) and ${why}; save it as UTF-8`,
      { line: lineOfByte(bytes, badUtf8) },
    );
  const named = declared ? CHINESE[declared] : undefined;
  const guesses = named
    ? [{ encoding: declared!, confidence: 1 }]
    : jschardet.detectAll(bytes.subarray(0, SAMPLE_BYTES));
  const best = guesses[0];
  const chinese = best?.encoding ? CHINESE[best.encoding.toLowerCase()] : undefined;
  if (!best || best.confidence < LOW_CONFIDENCE) throw refuse('too short or too mixed to tell its encoding');
  if (!chinese) throw refuse(`not GB18030/GBK or Big5 either (it looks most like ${best.encoding})`);
  // Less sure: take it only when the other Chinese encoding cannot read the bytes at all.
  const rival = chinese.iconv === 'big5' ? 'gb18030' : 'big5';
  if (best.confidence < MIN_CONFIDENCE && !iconv.decode(bytes, rival).includes('\uFFFD'))
    throw refuse(
      `too short or too mixed to tell its encoding (perhaps ${chinese.name}, confidence ${best.confidence.toFixed(2)})`,
    );
  const text = iconv.decode(bytes, chinese.iconv, { stripBOM: false });
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0)
    throw refuse(
      `not valid ${chinese.name} either (a byte sequence ${chinese.name} does not have on line ${lineOfChar(text, bad)})`,
    );
  return { text, encoding: chinese.name };
}

/** 1-based line of a byte offset (counting LF bytes before it). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function lineOfChar(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 0x0a) line++;
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
