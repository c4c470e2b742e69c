/**
 * Script conversion with OpenCC (Hong Kong Traditional ⇄ Mainland Simplified). Later stages match
 * on Simplified text while every offset must still point into the original, so a conversion is
 * only accepted when it keeps the length; otherwise the text is converted character by character,
 * which always does.
 *
 * Every function here is pure and runs on every measure and name of every document, so each is
 * made cheap per character: conversions go through PieceConverter (the library's exact results,
 * without running the library on whole texts), and per-character answers (script, NFKC folding)
 * are tables indexed by UTF-16 code unit. Names, which recur in every document, are memoised.
 */
import * as OpenCC from 'opencc-js';
import { PieceConverter, UnitBuffer, type OpenCCConfig } from './opencc-pieces';
import type { Script } from './types';

/** A memo is emptied when it reaches this many entries, so memory stays bounded on any corpus. */
const MEMO_MAX_ENTRIES = 50_000;

/**
 * `fn` with its results for strings of at most `maxLength` UTF-16 code units remembered; longer
 * strings (and non-strings) pass straight through.
 */
export function memoShort<T>(fn: (text: string) => T, maxLength: number): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    if (!(text.length <= maxLength)) return fn(text);
    let out = memo.get(text);
    if (out === undefined) {
      out = fn(text);
      if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
      memo.set(text, out);
    }
    return out;
  };
}

/**
 * The library's converter from one script to another, and the configuration it runs (opencc-js
 * picks `hk2s` for hk → cn and `s2hk` for cn → hk; PieceConverter needs the same dictionaries).
 */
function converter(from: 'hk' | 'cn', to: 'hk' | 'cn', config: string): PieceConverter {
  const configs = (OpenCC.Locale as { configs?: Record<string, OpenCCConfig> }).configs;
  return new PieceConverter(OpenCC.Converter({ from, to }), configs?.[config]);
}

const hk2cn = converter('hk', 'cn', 'hk2s');
const cn2hk = converter('cn', 'hk', 's2hk');

function lengthPreserving(convert: PieceConverter, text: string): string {
  const whole = convert.convert(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const converted = convert.convert(ch);
    out += converted.length === ch.length ? converted : ch;
  }
  if (out.length !== text.length) throw new Error('script conversion changed the text length');
  return out;
}

/** Simplified form of `text`, exactly as long as `text` (offsets carry over). */
export function toSimplified(text: string): string {
  return lengthPreserving(hk2cn, text);
}

/** Hong Kong Traditional form of `text`, exactly as long as `text`. */
export function toTraditional(text: string): string {
  return lengthPreserving(cn2hk, text);
}

const HAN = /\p{Script=Han}/u;
const NEITHER = 1;
const TRADITIONAL = 2;
const SIMPLIFIED = 3;
/** Per UTF-16 code unit: which script only it belongs to (NEITHER, TRADITIONAL or SIMPLIFIED), 0 until asked. */
const scriptOfUnit = new Uint8Array(0x10000);
/** The same for characters outside the Basic Multilingual Plane (surrogate pairs). */
const scriptOfPair = new Map<string, number>();

function charScript(ch: string): number {
  if (!HAN.test(ch)) return NEITHER;
  if (hk2cn.convert(ch) !== ch) return TRADITIONAL;
  if (cn2hk.convert(ch) !== ch) return SIMPLIFIED;
  return NEITHER;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Which script a text is written in: counts the characters that only one script uses. */
export function detectScript(text: string): Script {
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let kind: number;
    if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      // One character in two code units: both read here.
      const pair = text.slice(i, i + 2);
      i++;
      kind = scriptOfPair.get(pair) ?? 0;
      if (kind === 0) scriptOfPair.set(pair, (kind = charScript(pair)));
    } else {
      kind = scriptOfUnit[unit]!;
      if (kind === 0) scriptOfUnit[unit] = kind = charScript(String.fromCharCode(unit));
    }
    if (kind === TRADITIONAL) traditional++;
    else if (kind === SIMPLIFIED) simplified++;
  }
  return simplified > traditional ? 'simplified' : 'traditional';
}

/** NFKC form of one character, or the character itself when NFKC would change its length. */
function foldChar(ch: string): string {
  const n = ch.normalize('NFKC');
  return n.length === ch.length ? n : ch;
}

/** foldChar of each code unit outside the surrogates, -1 until asked. */
const foldedUnit = new Int32Array(0x10000).fill(-1);
const foldBuffer = new UnitBuffer();

/**
 * foldChar applied to each character of `text`. A text with surrogates (characters outside the Basic
 * Multilingual Plane, or broken ones) is folded a character at a time; any other through the table,
 * and returned as it is when nothing folds (most text).
 */
function foldText(text: string): string {
  const n = text.length;
  let changed = -1;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      let folded = '';
      for (const ch of text) folded += foldChar(ch);
      return folded;
    }
    let to = foldedUnit[unit]!;
    if (to < 0) foldedUnit[unit] = to = foldChar(String.fromCharCode(unit)).charCodeAt(0);
    if (to !== unit && changed < 0) changed = i;
  }
  if (changed < 0) return text;
  const units = foldBuffer.reserve(n, 0);
  for (let i = 0; i < n; i++) units[i] = foldedUnit[text.charCodeAt(i)]!;
  return foldBuffer.text(n);
}

/**
 * The form text is matched in: Simplified, full-width forms folded (NFKC, character by character so
 * the length never changes), Latin lower-cased. Offsets in it are offsets in the original.
 */
export function matchForm(text: string): string {
  return toSimplified(foldText(text)).toLowerCase();
}

/** Names are at most this long for the memo (longer ones are computed each time). */
const NAME_LENGTH = 64;
const canonicalKeyMemo = memoShort((name) => matchForm(name).replace(/\s+/g, ''), NAME_LENGTH);

/** Script-independent key of a name: its match form without spaces. */
export function canonicalKey(name: string): string {
  return canonicalKeyMemo(name);
}
