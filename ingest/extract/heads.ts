/**
 * Names the gazetteer lacks, found by their head noun: text ending in 口岸, 大學, 合作區, 計劃,
 * 論壇 … (ingest/data/patterns.json) at a token end, extended leftwards over the tokens that can
 * belong to a name, stopping at punctuation, function words and clause verbs, and right after a
 * known name (河套區 | 港深創新及科技園…小組: the known name starts the new one). A name must carry
 * something proper — a known place or organisation, a proper-noun tag, Latin letters, or (for
 * zones, programmes and events) a region pair like 粵港 — so generic phrases (國際空港中心,
 * 經貿合作區) stay out.
 */
import type { EntityLabel } from '../../model/graph';
import type { Token } from '../types';
import { patterns, typeOfHead } from './patterns';

export interface HeadCandidate {
  start: number;
  end: number;
  type: EntityLabel;
}

export interface KnownNames {
  /** Start of the known name (from the gazetteer) that covers [start, end), if any. */
  knownStartCovering(start: number, end: number): number | null;
  /** Start of a known city name ending exactly at `end`, if any. */
  cityEndingAt(end: number): number | null;
  /** True when [start, end) contains a known name. */
  hasKnownName(start: number, end: number): boolean;
}

const MAX_NAME = 24;
/** jieba tags of words a one-character head may end: nouns, idioms (l), abbreviations (j). */
const NOUNISH = /^(n|l$|j$)/u;
const PROPER_POS = new Set(['nt', 'nz', 'ns', 'nr', 'nrt', 'eng']);

/**
 * A test of whether a word ends with one of `words`. Asked of every token, so it first rules out
 * the words whose last character no listed word ends with, and then cuts only endings no longer
 * than the longest listed word.
 */
function endingIn(words: ReadonlySet<string>): (word: string) => boolean {
  const hasEmpty = words.has('');
  const lastUnits = new Set<number>();
  let longest = 0;
  for (const w of words) {
    if (w.length > 0) lastUnits.add(w.charCodeAt(w.length - 1));
    longest = Math.max(longest, w.length);
  }
  return (word) => {
    if (hasEmpty) return true;
    if (!lastUnits.has(word.charCodeAt(word.length - 1))) return false;
    for (let k = 1; k <= Math.min(longest, word.length); k++)
      if (words.has(word.slice(word.length - k))) return true;
    return false;
  };
}
const endsWithNotHead = endingIn(patterns.notHeads);
const endsWithLeadVerb = endingIn(patterns.leadVerbs);

/** patterns.heads grouped by last UTF-16 code unit, each group in the list's order (longest first). */
const headsByLastChar = new Map<number, Array<[string, EntityLabel]>>();
for (const head of patterns.heads) {
  const last = head[0].charCodeAt(head[0].length - 1);
  const group = headsByLastChar.get(last) ?? [];
  group.push(head);
  headsByLastChar.set(last, group);
}

/** The head noun ending at token j, if any: multi-character heads may span tokens (合作 + 區). */
export function headAt(tokens: Token[], j: number, text: string): [string, EntityLabel] | null {
  const token = tokens[j]!;
  // Only heads ending in the token's last character can end there (most tokens end none).
  const heads = headsByLastChar.get(text.charCodeAt(token.end - 1));
  if (!heads) return null;
  // 粵港 or 灣區 is a pair of places, not a name ending in 港 or 區.
  if (endsWithNotHead(token.word) || patterns.regionAbbreviations.has(token.word)) return null;
  for (const [suffix, type] of heads) {
    const start = token.end - suffix.length;
    if (start < 0 || !text.endsWith(suffix, token.end)) continue;
    if (suffix.length === 1) {
      // A one-character head must be a token of its own or end a noun (訓練局, 發展局 as jieba's idiom
      // or abbreviation), never a verb (舉辦).
      if (token.word === suffix || (NOUNISH.test(token.tag) && suffix !== '港')) return [suffix, type];
      continue;
    }
    const aligned = start >= token.start || tokens.some((t) => t.start === start);
    if (aligned) return [suffix, type];
  }
  return null;
}

const NAME_CHARACTER = /[\p{Script=Han}A-Za-z0-9]/u;
/** Per code unit: 0 until asked, 1 when NAME_CHARACTER matches it alone, 2 when not. */
const nameUnit = new Uint8Array(0x10000);

/**
 * `NAME_CHARACTER.test(word)`, read from a table per code unit. A surrogate (half of a character
 * beyond the Basic Multilingual Plane, where Han characters also lie) sends the word to the regexp.
 */
function hasNameCharacter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return NAME_CHARACTER.test(word);
    let kind = nameUnit[unit]!;
    if (kind === 0) nameUnit[unit] = kind = NAME_CHARACTER.test(String.fromCharCode(unit)) ? 1 : 2;
    if (kind === 1) return true;
  }
  return false;
}

export function isBoundary(token: Token, type: EntityLabel, next: Token | undefined): boolean {
  const { word, tag } = token;
  if (!hasNameCharacter(word)) return true;
  // 2019 年, 50 對: not names; 第五 is, and so are 21世紀 and 22號線 (廣州地鐵22號線).
  if (tag === 'm' && /[0-9]/.test(word)) return !/^(世纪|号线)/u.test(next?.word ?? '');
  if (type === 'Infrastructure' && patterns.infrastructureWords.has(word)) return false;
  if (patterns.regionAbbreviations.has(word)) return false; // 粵澳, 琴澳 … are often tagged x by jieba
  // jieba glues a preposition to an unknown next word (對經|港珠澳大橋): such a token ends a name.
  if (tag === 'x' && patterns.boundaryWords.has(word[0]!)) return true;
  if (patterns.boundaryWords.has(word) || patterns.stopPos.has(tag)) return true;
  if (patterns.inNameVerbs.has(word)) return false;
  return patterns.leadVerbs.has(word) || tag === 'v' || endsWithLeadVerb(word);
}

function isProper(
  tokens: Token[],
  from: number,
  type: EntityLabel,
  known: KnownNames,
  start: number,
  head: { start: number; suffix: string },
  text: string,
): boolean {
  const headStart = head.start;
  if (headStart <= start) return false;
  if (patterns.properHeads.has(head.suffix) && headStart - start >= 2) return true;
  // A port or road named by a broad region alone (珠三角地區機場) is a class, not a name.
  if (
    (type === 'Port' || type === 'Infrastructure') &&
    patterns.genericRegions.has(text.slice(start, headStart))
  )
    return false;
  if (known.hasKnownName(start, headStart)) return true;
  for (let i = from; i < tokens.length && tokens[i]!.start < headStart; i++) {
    const token = tokens[i]!;
    if (PROPER_POS.has(token.tag) || /[a-z]{2,}/i.test(token.word)) return true;
    if (type !== 'Port' && patterns.regionAbbreviations.has(token.word)) return true;
    // Routes are named by abbreviations jieba does not know (南珠港城際快速鐵路, 珠機城際軌道).
    if (
      type === 'Infrastructure' &&
      (token.tag === 'x' || token.tag === 'j') &&
      /^\p{Script=Han}{2,}$/u.test(token.word)
    )
      return true;
  }
  return false;
}

/** A kind of body or place, alone or after a place or a region pair: 粵港澳聯合實驗室, 澳門分中心. */
function isCategory(text: string, start: number, end: number, known: KnownNames): boolean {
  const name = text.slice(start, end);
  for (const category of patterns.categories) {
    if (!name.endsWith(category)) continue;
    const at = end - category.length;
    const prefix = text.slice(start, at);
    if (prefix === '' || patterns.regionAbbreviations.has(prefix) || known.cityEndingAt(at) === start)
      return true;
  }
  return false;
}

const OPEN = new Set(['（', '(']);
/** 首屆, 第三屆, 本屆 (Simplified, as matching runs). */
const EDITION = /^(首|本|历|每|第[〇一二三四五六七八九十百0-9]+)届$/u;
const SLASHES = new Set(['/', '／']);
const CLOSE = new Set(['）', ')']);
const MAX_BRACKETED = 6;

/** Index of the `（` that opens the bracket closed at tokens[close], when it holds a short Han name. */
function bracketOpening(tokens: Token[], close: number): number | null {
  for (let i = close - 1; i >= 0 && close - i <= 4; i--) {
    const token = tokens[i]!;
    if (OPEN.has(token.word)) {
      const inner = tokens.slice(i + 1, close);
      const length = inner.reduce((n, t) => n + t.word.length, 0);
      return inner.length > 0 &&
        length <= MAX_BRACKETED &&
        inner.every((t) => /^\p{Script=Han}+$/u.test(t.word))
        ? i
        : null;
    }
  }
  return null;
}

/** `tokens` in text order, as tokenize makes them (each starts where or after the one before ends). */
export function headCandidates(tokens: Token[], text: string, known: KnownNames): HeadCandidate[] {
  const found: HeadCandidate[] = [];
  tokens.forEach((token, j) => {
    const head = headAt(tokens, j, text);
    if (!head) return;
    const [suffix, type] = head;
    const headStart = token.end - suffix.length;
    // The first token ending after the head's start: tokens end in order, and token j does.
    let k = j;
    while (k > 0 && tokens[k - 1]!.end > headStart) k--;
    while (k > 0) {
      const previous = tokens[k - 1]!;
      if (token.end - previous.start > MAX_NAME) break;
      // A short bracketed place inside a name: 粵港澳大灣區（廣東）創新創業孵化基地.
      if (CLOSE.has(previous.word)) {
        const open = bracketOpening(tokens, k - 1);
        if (open === null || open === 0) break;
        k = open;
        continue;
      }
      // One place written with a slash (蓮塘/香園圍口岸): the slash and the name before it belong to it.
      if (SLASHES.has(previous.word) && k >= 2 && /^\p{Script=Han}+$/u.test(tokens[k - 2]!.word)) {
        k -= 2;
        continue;
      }
      if (isBoundary(previous, type, tokens[k])) break;
      const knownStart = known.knownStartCovering(previous.start, previous.end);
      const isCity = knownStart === previous.start && known.cityEndingAt(previous.end) === previous.start;
      // Only a known name that is complete in itself (it has its own head noun: 河套區, …科技園)
      // opens a new name; 橫琴 in 澳門青年橫琴就業扶持計劃 is just part of it.
      const complete = knownStart !== null && typeOfHead(text.slice(knownStart, previous.end), true) !== null;
      if (knownStart !== null && !isCity && complete) {
        // Take a known name whole, then stop: it opens this name (河套區 | 港深創新及科技園…小組),
        // unless a city opens it (東莞 | 松山湖 | 港澳青年創新創業基地). Cities alone never stop a name.
        k = tokens.findIndex((t) => t.start === knownStart);
        if (k < 0) k = tokens.indexOf(previous);
        const before = k > 0 ? known.cityEndingAt(tokens[k]!.start) : null;
        if (before !== null)
          k = Math.max(
            0,
            tokens.findIndex((t) => t.start === before),
          );
        break;
      }
      k--;
    }
    // Names do not open with a verb (就發展港深創新及科技園 → 港深創新及科技園), a bracket, or the
    // edition of an event (首屆前海深港金融科技週 → 前海深港金融科技週).
    while (
      k < j &&
      ((patterns.inNameVerbs.has(tokens[k]!.word) && tokens[k]!.tag.startsWith('v')) ||
        OPEN.has(tokens[k]!.word) ||
        EDITION.test(tokens[k]!.word))
    )
      k++;
    const start = tokens[k]!.start;
    // A known name in brackets right after the head belongs to it: 中藥質量研究國家重點實驗室（澳門大學）.
    let end = token.end;
    if (OPEN.has(tokens[j + 1]?.word ?? '')) {
      const close = tokens.findIndex((t, i) => i > j + 1 && i <= j + 5 && CLOSE.has(t.word));
      if (
        close > 0 &&
        known.knownStartCovering(tokens[j + 2]!.start, tokens[close - 1]!.end) === tokens[j + 2]!.start
      )
        end = tokens[close]!.end;
    }
    if (
      isProper(tokens, k, type, known, start, { start: headStart, suffix }, text) &&
      !isCategory(text, start, token.end, known)
    )
      found.push({ start, end, type });
  });
  return found;
}
