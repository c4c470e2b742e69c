/**
 * Script conversion with OpenCC (Hong Kong Traditional ⇄ Mainland Simplified). Later stages match
 * on Simplified text while every offset must still point into the original, so a conversion is
 * only accepted when it keeps the length; otherwise the text is converted character by character,
 * which always does.
 *
 * Every function here is pure, and the pipeline calls them with the same small inputs over and over
 * (single characters, words, entity names), so those are memoised; running text (a measure, a
 * document) is always converted afresh.
 */
import * as OpenCC from 'opencc-js';
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

/** Characters and words (the character-by-character fallback, script detection, lead verbs); never a measure. */
const WORD_LENGTH = 8;
const hk2cn = memoShort(OpenCC.Converter({ from: 'hk', to: 'cn' }), WORD_LENGTH);
const cn2hk = memoShort(OpenCC.Converter({ from: 'cn', to: 'hk' }), WORD_LENGTH);

function lengthPreserving(convert: (text: string) => string, text: string): string {
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const converted = convert(ch);
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
const NEITHER = 0;
const TRADITIONAL = 1;
const SIMPLIFIED = 2;
/** Per character: which script only it belongs to (NEITHER, TRADITIONAL or SIMPLIFIED). */
const scriptOfChar = new Map<string, number>();

function charScript(ch: string): number {
  let kind = scriptOfChar.get(ch);
  if (kind === undefined) {
    if (!HAN.test(ch)) kind = NEITHER;
    else if (hk2cn(ch) !== ch) kind = TRADITIONAL;
    else if (cn2hk(ch) !== ch) kind = SIMPLIFIED;
    else kind = NEITHER;
    scriptOfChar.set(ch, kind);
  }
  return kind;
}

/** Which script a text is written in: counts the characters that only one script uses. */
export function detectScript(text: string): Script {
  let traditional = 0;
  let simplified = 0;
  for (const ch of text) {
    const kind = charScript(ch);
    if (kind === TRADITIONAL) traditional++;
    else if (kind === SIMPLIFIED) simplified++;
  }
  return simplified > traditional ? 'simplified' : 'traditional';
}

/** NFKC form of one character, or the character itself when NFKC would change its length. */
const foldChar = memoShort((ch) => {
  const n = ch.normalize('NFKC');
  return n.length === ch.length ? n : ch;
}, 2);

/**
 * The form text is matched in: Simplified, full-width forms folded (NFKC, character by character so
 * the length never changes), Latin lower-cased. Offsets in it are offsets in the original.
 */
export function matchForm(text: string): string {
  let folded = '';
  for (const ch of text) folded += foldChar(ch);
  return toSimplified(folded).toLowerCase();
}

/** Names are at most this long for the memo (longer ones are computed each time). */
const NAME_LENGTH = 64;
const canonicalKeyMemo = memoShort((name) => matchForm(name).replace(/\s+/g, ''), NAME_LENGTH);

/** Script-independent key of a name: its match form without spaces. */
export function canonicalKey(name: string): string {
  return canonicalKeyMemo(name);
}
