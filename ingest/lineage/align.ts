/**
 * How much of one measure's text another one repeats: Smith–Waterman local alignment over the
 * characters of their match forms (Simplified, folded; `ingest/opencc.ts`), as the Legislative
 * Influence Detector aligns bills. One local alignment finds one shared passage; a plan that
 * reorders sentences or inserts a clause shares several, so the best alignment's characters are
 * masked and the next one is sought, until what is left scores below `MIN_SCORE`
 * (Waterman–Eggert). The result is the exact-match blocks (for highlighting) and how much of each
 * text they cover.
 *
 * Offsets are UTF-16 code units of the measures' original texts: the match form has the same length
 * as the original, and only whitespace is skipped.
 */
import type { AlignmentBlock } from '../../model/spans';

/** Scores: a shared character, a different one, a character on one side only. */
const MATCH = 2;
const MISMATCH = -2;
const GAP = -2;
/** A passage worth reporting: about six shared characters in a row. */
export const MIN_SCORE = 12;
/** Shared passages sought per pair at most. */
const MAX_PASSAGES = 6;

/** A text ready to align: one code per character (whitespace dropped), and where each came from. */
export interface Prepared {
  codes: Int32Array;
  /** codes[i] is the character at `offsets[i]` of the original text. */
  offsets: Int32Array;
  /** Original length in UTF-16 code units. */
  length: number;
  /** The codes as a string, for the `same` test. */
  plain: string;
  /** Character bigrams, for the cheap shortlist before aligning. */
  bigrams: Set<number>;
}

/** Quote marks differ between the scripts' conventions (「」 and “”) and say nothing about content. */
const QUOTES = /[「」『』“”‘’"']/u;

/** `form` is the match form of a measure's text (same length as the original). */
export function prepare(form: string): Prepared {
  const codes: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < form.length; i++) {
    const ch = form[i]!;
    if (/\s/u.test(ch)) continue;
    codes.push(QUOTES.test(ch) ? 0x22 : ch.charCodeAt(0));
    offsets.push(i);
  }
  const bigrams = new Set<number>();
  for (let i = 0; i + 1 < codes.length; i++) bigrams.add(codes[i]! * 65536 + codes[i + 1]!);
  return {
    codes: Int32Array.from(codes),
    offsets: Int32Array.from(offsets),
    length: form.length,
    plain: String.fromCharCode(...codes.slice(0, 100_000)),
    bigrams,
  };
}

/** Share of the smaller text's bigrams the other one has too: a cheap upper bound worth aligning. */
export function bigramContainment(a: Prepared, b: Prepared): number {
  const [small, large] = a.bigrams.size <= b.bigrams.size ? [a, b] : [b, a];
  if (small.bigrams.size === 0) return 0;
  let shared = 0;
  for (const g of small.bigrams) if (large.bigrams.has(g)) shared++;
  return shared / small.bigrams.size;
}

export interface Alignment {
  /** Exact-match runs `[aStart, aEnd, bStart, bEnd]` in the original texts, in order of `a`. */
  blocks: AlignmentBlock[];
  /** Characters inside the blocks (the same count on both sides). */
  matched: number;
  /** matched / characters of a, and of b (whitespace not counted). */
  coverageA: number;
  coverageB: number;
  /** Dice: 2 · matched / (characters of a + characters of b). */
  similarity: number;
}

const MASK_A = -1;
const MASK_B = -2;

/** The best local alignment of a and b, as matched index pairs; null when it scores below MIN_SCORE. */
function bestPassage(a: Int32Array, b: Int32Array): [number, number][] | null {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const h = new Int32Array((n + 1) * width);
  let best = 0;
  let bestAt = 0;
  for (let i = 1; i <= n; i++) {
    const ai = a[i - 1]!;
    const row = i * width;
    const up = row - width;
    for (let j = 1; j <= m; j++) {
      const diagonal = h[up + j - 1]! + (ai === b[j - 1] ? MATCH : MISMATCH);
      const fromUp = h[up + j]! + GAP;
      const fromLeft = h[row + j - 1]! + GAP;
      let score = diagonal > fromUp ? diagonal : fromUp;
      if (fromLeft > score) score = fromLeft;
      if (score < 0) score = 0;
      h[row + j] = score;
      if (score > best) {
        best = score;
        bestAt = row + j;
      }
    }
  }
  if (best < MIN_SCORE) return null;
  // Trace back from the best cell until the score falls to zero.
  const pairs: [number, number][] = [];
  let i = Math.floor(bestAt / width);
  let j = bestAt % width;
  while (i > 0 && j > 0 && h[i * width + j]! > 0) {
    const here = h[i * width + j]!;
    const same = a[i - 1] === b[j - 1];
    if (here === h[(i - 1) * width + j - 1]! + (same ? MATCH : MISMATCH)) {
      if (same) pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (here === h[(i - 1) * width + j]! + GAP) i--;
    else j--;
  }
  return pairs.reverse();
}

/** Aligns two prepared texts: every shared passage scoring at least MIN_SCORE. */
export function align(a: Prepared, b: Prepared): Alignment {
  const codesA = a.codes.slice();
  const codesB = b.codes.slice();
  const matches: [number, number][] = [];
  for (let round = 0; round < MAX_PASSAGES; round++) {
    const passage = bestPassage(codesA, codesB);
    if (!passage) break;
    for (const [i, j] of passage) {
      codesA[i] = MASK_A;
      codesB[j] = MASK_B;
      matches.push([i, j]);
    }
  }
  matches.sort((x, y) => x[0] - y[0]);
  // Consecutive matches (consecutive characters on both sides, whitespace skipped) make one block.
  const blocks: AlignmentBlock[] = [];
  let previous: [number, number] | null = null;
  for (const [i, j] of matches) {
    const last = blocks[blocks.length - 1];
    if (last && previous && i === previous[0] + 1 && j === previous[1] + 1) {
      last[1] = a.offsets[i]! + 1;
      last[3] = b.offsets[j]! + 1;
    } else blocks.push([a.offsets[i]!, a.offsets[i]! + 1, b.offsets[j]!, b.offsets[j]! + 1]);
    previous = [i, j];
  }
  const matched = matches.length;
  const sizeA = a.codes.length;
  const sizeB = b.codes.length;
  return {
    blocks,
    matched,
    coverageA: sizeA ? matched / sizeA : 0,
    coverageB: sizeB ? matched / sizeB : 0,
    similarity: sizeA + sizeB ? (2 * matched) / (sizeA + sizeB) : 0,
  };
}
