/**
 * An opencc-js converter made fast on running text without changing a single result.
 *
 * opencc-js converts a text in passes (normalisation, segmentation into phrases, then a chain of
 * dictionaries, each a trie matched longest-first from left to right), allocating as it goes. Yet
 * almost every character of a plan converts on its own: a phrase can only change the result where
 * two neighbouring characters occur side by side in some dictionary phrase. So the text is cut
 * wherever no phrase of any pass can span the cut, and each piece is converted on its own — a single
 * character through a table filled from the library once per character, a longer piece through the
 * library, remembered. Joining the pieces gives exactly the library's result (see `boundaries` for
 * why). A text with a character the analysis does not cover (one outside the Basic Multilingual
 * Plane, an ideographic description character, a character the normalisation changes) goes to the
 * library whole.
 */

/** A dictionary as opencc-js takes it: `"from to|from to"` or pairs. */
type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];

/** The part of an opencc-js configuration (`Locale.configs[name]`) that the converter runs. */
export interface OpenCCConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

/** A memo is emptied when it reaches this many entries, so memory stays bounded on any corpus. */
const MEMO_MAX_ENTRIES = 50_000;
const UNITS = 0x10000;
/** Ideographic description characters (⿰⿱…): opencc-js reads one with the characters it describes. */
const IDS_FIRST = 0x2ff0;
const IDS_LAST = 0x2fff;
const NOT_YET = -1;
const ANY_STRING = -2;

/**
 * Each entry of a dictionary as opencc-js reads it (entries split at `|`, then the source and its
 * replacement at spaces), without building a pair per entry. False when an entry is not of that
 * shape (opencc-js would not have accepted it).
 */
function eachEntry(dict: DictLike, each: (from: string, to: string) => void): boolean {
  if (typeof dict !== 'string') {
    for (const [from, to] of dict) each(from, to);
    return true;
  }
  for (const line of dict.split('|')) {
    const space = line.indexOf(' ');
    if (space < 0) return false;
    const next = line.indexOf(' ', space + 1);
    each(line.slice(0, space), line.slice(space + 1, next < 0 ? line.length : next));
  }
  return true;
}

function dictsOf(group: DictLike | DictGroup): DictLike[] {
  // A group is an array of dictionaries; a dictionary is a string or an array of pairs.
  if (typeof group === 'string') return [group];
  if (group.every((d) => typeof d === 'string' || (Array.isArray(d) && Array.isArray(d[0]))))
    return [...(group as DictGroup)];
  return [group as DictLike];
}

/** What decides where a text may be cut: see `boundaries`. */
interface Boundaries {
  /** Code units the fast path does not handle: the text goes to the library whole. */
  stop: Uint8Array;
  /** A code unit that may start (`first`) or end (`second`) a pair in `pairs`: a quick test first. */
  first: Uint8Array;
  second: Uint8Array;
  /** Neighbouring code units `a * 0x10000 + b` that a phrase may span: never cut between them. */
  pairs: Set<number>;
}

/**
 * Where a text may be cut. A trie pass matches longest-first from left to right; a match spans a cut
 * only if its phrase holds the two characters on either side of the cut next to each other. Where no
 * phrase of a pass holds that pair, the pass walks each side exactly as it would walk it alone,
 * and lands on the cut. For the segmentation and the first dictionary of the chain the pair is the
 * text's own. A later dictionary reads what the earlier ones wrote, so its pair is what they may
 * have made of the two characters: the last character of anything written for a phrase (or a
 * character) ending in the left one, and the first of anything written for one starting with the
 * right one. Every such pair is recorded, in terms of the original characters; a cut is made
 * only between characters that form none. Over-approximating only ever means fewer cuts.
 *
 * Characters are UTF-16 code units throughout: a text with a surrogate never comes this way, so
 * only cuts between single-unit characters matter, and a phrase spans such a cut only if it holds
 * those two units side by side.
 * Null when the configuration is not of the shape this assumes: every text then goes to the library.
 */
function boundaries(config: OpenCCConfig): Boundaries | null {
  const stop = new Uint8Array(UNITS);
  for (let u = 0xd800; u <= 0xdfff; u++) stop[u] = 1;
  for (let u = IDS_FIRST; u <= IDS_LAST; u++) stop[u] = 1;
  // The analysis assumes a normalisation of single characters (never met in the text).
  let singleCharacters = true;
  for (const group of config.normalizationChain ?? [])
    for (const dict of group) {
      const wellRead = eachEntry(dict, (from) => {
        const cp = from.codePointAt(0) ?? -1;
        if (cp < 0 || String.fromCodePoint(cp) !== from) singleCharacters = false;
        else if (cp < UNITS) stop[cp] = 1;
      });
      if (!wellRead) singleCharacters = false;
    }
  if (!singleCharacters) return null;

  const pairs = new Set<number>();
  /** Other original units whose output may end (`lastFrom`) or start (`firstFrom`) with a unit. */
  let lastFrom = new Map<number, Set<number>>();
  let firstFrom = new Map<number, Set<number>>();
  const addPair = (x: number, y: number) => {
    const xs = lastFrom.get(x);
    const ys = firstFrom.get(y);
    pairs.add(x * UNITS + y);
    if (ys) for (const b of ys) pairs.add(x * UNITS + b);
    if (xs)
      for (const a of xs) {
        pairs.add(a * UNITS + y);
        if (ys) for (const b of ys) pairs.add(a * UNITS + b);
      }
  };
  // Every entry must read as opencc-js reads it, and none may be empty (the analysis assumes so).
  let wellFormed = true;
  /** Dictionaries read since lastFrom and firstFrom last changed: a second reading adds nothing. */
  let read = new Set<DictLike>();
  const addPairs = (dicts: DictLike[]) => {
    for (const dict of dicts) {
      if (read.has(dict)) continue;
      read.add(dict);
      const wellRead = eachEntry(dict, (from) => {
        for (let i = 1; i < from.length; i++) addPair(from.charCodeAt(i - 1), from.charCodeAt(i));
      });
      if (!wellRead) wellFormed = false;
    }
  };
  const segmentation = config.segmentation ? dictsOf(config.segmentation) : [];
  addPairs(segmentation);
  for (const group of config.conversionChain) {
    const dicts = dictsOf(group);
    addPairs(dicts);
    // What this dictionary may write at either end of a unit, for the dictionaries after it.
    const nextLast = new Map([...lastFrom].map(([unit, set]) => [unit, new Set(set)]));
    const nextFirst = new Map([...firstFrom].map(([unit, set]) => [unit, new Set(set)]));
    const widen = (
      next: Map<number, Set<number>>,
      before: Map<number, Set<number>>,
      to: number,
      from: number,
    ) => {
      if (to === from) return;
      let set = next.get(to);
      if (!set) next.set(to, (set = new Set()));
      set.add(from);
      for (const unit of before.get(from) ?? []) set.add(unit);
    };
    for (const dict of dicts) {
      const wellRead = eachEntry(dict, (from, to) => {
        if (from.length === 0 || to.length === 0) wellFormed = false;
        else {
          widen(nextLast, lastFrom, to.charCodeAt(to.length - 1), from.charCodeAt(from.length - 1));
          widen(nextFirst, firstFrom, to.charCodeAt(0), from.charCodeAt(0));
        }
      });
      if (!wellRead) wellFormed = false;
    }
    lastFrom = nextLast;
    firstFrom = nextFirst;
    read = new Set();
  }
  if (!wellFormed) return null;

  const first = new Uint8Array(UNITS);
  const second = new Uint8Array(UNITS);
  for (const pair of pairs) {
    first[Math.floor(pair / UNITS)] = 1;
    second[pair % UNITS] = 1;
  }
  return { stop, first, second, pairs };
}

/** Whether this machine stores a 16-bit unit low byte first, as UTF-16LE does. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Most code units passed to String.fromCharCode at once (it takes them as arguments). */
const CHUNK = 4096;

/**
 * A scratch array of UTF-16 code units, read back as a string. Node decodes UTF-16LE from memory in
 * one native call, where String.fromCharCode over a list of units costs several times as much on the
 * short strings converted here; on a little-endian machine the array's memory is UTF-16LE. Lone
 * surrogates come back as they went in.
 */
export class UnitBuffer {
  units = new Uint16Array(256);
  private bytes = Buffer.from(this.units.buffer);

  /** `units`, grown to hold at least `size` units (the first `keep` kept). */
  reserve(size: number, keep: number): Uint16Array {
    if (size > this.units.length) {
      const bigger = new Uint16Array(Math.max(size, 2 * this.units.length));
      bigger.set(this.units.subarray(0, keep));
      this.units = bigger;
      this.bytes = Buffer.from(bigger.buffer);
    }
    return this.units;
  }

  /** The first `length` units as a string. */
  text(length: number): string {
    if (LITTLE_ENDIAN) return this.bytes.toString('utf16le', 0, 2 * length);
    let out = '';
    for (let at = 0; at < length; at += CHUNK)
      out += String.fromCharCode.apply(null, this.units.subarray(at, Math.min(length, at + CHUNK)) as never);
    return out;
  }
}

export class PieceConverter {
  /** Undefined until first needed; null when the library must convert every text. */
  private bounds: Boundaries | null | undefined;
  /**
   * The library's result for each single code unit, filled as characters are met: the code unit it
   * becomes, NOT_YET, or ANY_STRING when the result is not one code unit (then see `single`).
   */
  private readonly unit = new Int32Array(UNITS).fill(NOT_YET);
  private readonly single = new Map<number, string>();
  /** The library's result for pieces of several characters. */
  private readonly pieces = new Map<string, string>();
  private readonly out = new UnitBuffer();

  /**
   * `library` is the opencc-js converter made from `config`; without a config (another version of
   * opencc-js) every text goes to the library.
   */
  constructor(
    private readonly library: (text: string) => string,
    private readonly config: OpenCCConfig | undefined,
  ) {}

  /** Exactly `library(text)`. */
  convert(text: string): string {
    // Built on first use: a process that never converts this way pays nothing.
    if (this.bounds === undefined) this.bounds = this.config ? boundaries(this.config) : null;
    if (this.bounds === null) return this.library(text);
    const { stop, first, second, pairs } = this.bounds;
    const n = text.length;
    if (n === 0) return this.library(text);

    // The result is written as UTF-16 code units and made a string at the end only if it differs
    // from the text (as it mostly does not, in a text of the target script).
    let units = this.out.reserve(n, 0);
    let length = 0;
    let changed = false;
    let start = 0;
    let previous = text.charCodeAt(0);
    if (stop[previous] === 1) return this.library(text);
    for (let i = 1; i <= n; i++) {
      const next = i < n ? text.charCodeAt(i) : 0;
      if (i < n) {
        if (stop[next] === 1) return this.library(text);
        if (first[previous] === 1 && second[next] === 1 && pairs.has(previous * UNITS + next)) {
          previous = next;
          continue;
        }
      }
      let to = i - start === 1 ? this.unit[previous]! : ANY_STRING;
      if (to === NOT_YET) to = this.learn(previous);
      if (to >= 0) {
        // One code unit for one: the output is never longer than the text so far.
        units[length++] = to;
        if (to !== previous) changed = true;
      } else {
        const from = text.slice(start, i);
        const piece = i - start === 1 ? this.single.get(previous)! : this.pieceOf(from);
        if (piece !== from) changed = true;
        units = this.out.reserve(length + piece.length + (n - i), length);
        for (let k = 0; k < piece.length; k++) units[length++] = piece.charCodeAt(k);
      }
      start = i;
      previous = next;
    }
    return changed ? this.out.text(length) : text;
  }

  /** The library's result for one code unit, remembered. */
  private learn(unit: number): number {
    const out = this.library(String.fromCharCode(unit));
    if (out.length === 1) return (this.unit[unit] = out.charCodeAt(0));
    this.single.set(unit, out);
    return (this.unit[unit] = ANY_STRING);
  }

  private pieceOf(piece: string): string {
    let out = this.pieces.get(piece);
    if (out === undefined) {
      out = this.library(piece);
      if (this.pieces.size >= MEMO_MAX_ENTRIES) this.pieces.clear();
      this.pieces.set(piece, out);
    }
    return out;
  }
}
