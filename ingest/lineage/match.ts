/**
 * Which measures of a newer plan continue which of an older one, and how (`same`, `revised`,
 * `merged`, `split`), from their alignments (`align.ts`); and which measures of one plan repeat each
 * other. Pure: the database part is `lineage.ts`.
 *
 * The thresholds were chosen on the annotated plans of tests/fixtures/lineage/ (the seed's series,
 * 2020–2022; the held-out Macao plan was not used to choose them):
 * - a pair is considered when its shared passages hold at least `PART_CHARACTERS` characters, and
 *   the two texts share at least `SIMILARITY` of their characters (Dice) or one of them lies at
 *   least `PART_COVERAGE` inside the other (the piece of a merge or a split, or a measure that grew);
 * - the strongest pairs are taken first, and a measure keeps one partner unless another covers a
 *   part of it the first did not (`NEW_SHARE` of its shared characters) and lies mostly inside it: a
 *   merge (two older measures in one newer) or a split (one older measure in two newer). Otherwise
 *   the weaker pair is a coincidence of stock phrases (推進…建設, 深化…合作) and names.
 */
import type { LineageKind } from '../../model/api';
import type { AlignmentBlock } from '../../model/spans';
import { matchForm } from '../opencc';
import { align, bigramContainment, prepare, type Alignment, type Prepared } from './align';

export const SIMILARITY = 0.3;
export const PART_COVERAGE = 0.4;
export const PART_CHARACTERS = 14;
/** A second predecessor (or successor) must bring at least this share of new characters. */
const NEW_SHARE = 0.7;
/** Below this share of shared bigrams, two texts are not aligned at all. */
const SHORTLIST = 0.2;
/** Measures of one plan saying nearly the same thing. */
export const SIMILAR_WITHIN = 0.5;

export interface LineageMeasure {
  key: string;
  prepared: Prepared;
}

export interface Continuation {
  /** The newer measure. */
  from: string;
  /** The older measure it continues. */
  to: string;
  kind: LineageKind;
  similarity: number;
  /** Blocks: [newer start, newer end, older start, older end]. */
  alignment: AlignmentBlock[];
}

interface Scored {
  newer: LineageMeasure;
  older: LineageMeasure;
  alignment: Alignment;
}

function accepted(alignment: Alignment): boolean {
  if (alignment.matched < PART_CHARACTERS) return false;
  return (
    alignment.similarity >= SIMILARITY || Math.max(alignment.coverageA, alignment.coverageB) >= PART_COVERAGE
  );
}

/** Offsets of one side of the blocks (0: newer, 2: older). */
function covered(blocks: AlignmentBlock[], side: 0 | 2): number[] {
  return blocks.flatMap((b) => Array.from({ length: b[side + 1]! - b[side]! }, (_, k) => b[side]! + k));
}

/**
 * The accepted alignment of each pair (newer key, older key) already weighed, null for a pair that
 * is not one: for many calls of `continuations` over the same measures (a run of relinks, in which a
 * pair of two plans is a candidate from each plan's side). Only valid while the measures' texts are.
 */
export class AlignmentMemo {
  private readonly pairs = new Map<string, Alignment | null>();

  /** The alignment of `a` (newer) and `b` (older) if they make a pair worth deciding on, else null. */
  weigh(id: string, a: LineageMeasure, b: LineageMeasure): Alignment | null {
    let alignment = this.pairs.get(id);
    if (alignment === undefined) {
      alignment = weigh(a, b);
      this.pairs.set(id, alignment);
    }
    return alignment;
  }
}

function weigh(a: LineageMeasure, b: LineageMeasure): Alignment | null {
  if (bigramContainment(a.prepared, b.prepared) < SHORTLIST) return null;
  const alignment = align(a.prepared, b.prepared);
  return accepted(alignment) ? alignment : null;
}

/**
 * The continuations between one newer and one older plan. `pairs` lists the candidates (newer key,
 * older key) worth aligning; measures are looked up by key. `memo` keeps alignments across calls.
 */
export function continuations(
  newer: LineageMeasure[],
  older: LineageMeasure[],
  pairs: Iterable<[string, string]>,
  memo?: AlignmentMemo,
): Continuation[] {
  const newerByKey = new Map(newer.map((m) => [m.key, m]));
  const olderByKey = new Map(older.map((m) => [m.key, m]));
  const scored: Scored[] = [];
  const seen = new Set<string>();
  for (const [n, o] of pairs) {
    const a = newerByKey.get(n);
    const b = olderByKey.get(o);
    const id = `${n}\u0000${o}`;
    if (!a || !b || seen.has(id)) continue;
    seen.add(id);
    const alignment = memo ? memo.weigh(id, a, b) : weigh(a, b);
    if (alignment) scored.push({ newer: a, older: b, alignment });
  }
  // Strongest first; ties by key so the outcome never depends on the candidates' order.
  scored.sort(
    (x, y) =>
      y.alignment.similarity - x.alignment.similarity ||
      x.newer.key.localeCompare(y.newer.key) ||
      x.older.key.localeCompare(y.older.key),
  );
  const usedNewer = new Map<string, Set<number>>();
  const usedOlder = new Map<string, Set<number>>();
  const chosen: Scored[] = [];
  for (const pair of scored) {
    const { blocks, matched, coverageA, coverageB } = pair.alignment;
    const inNewer = usedNewer.get(pair.newer.key);
    const inOlder = usedOlder.get(pair.older.key);
    const freshNewer = covered(blocks, 0).filter((x) => !inNewer?.has(x)).length;
    const freshOlder = covered(blocks, 2).filter((x) => !inOlder?.has(x)).length;
    // A second predecessor: most of it inside the newer measure, in a part no other one explains.
    if (inNewer && !(freshNewer >= NEW_SHARE * matched && coverageB >= PART_COVERAGE)) continue;
    // A second successor: most of it inside the older measure, in a part no other one took.
    if (inOlder && !(freshOlder >= NEW_SHARE * matched && coverageA >= PART_COVERAGE)) continue;
    chosen.push(pair);
    const n = inNewer ?? new Set<number>();
    const o = inOlder ?? new Set<number>();
    for (const x of covered(blocks, 0)) n.add(x);
    for (const x of covered(blocks, 2)) o.add(x);
    usedNewer.set(pair.newer.key, n);
    usedOlder.set(pair.older.key, o);
  }
  const predecessors = countBy(chosen.map((p) => p.newer.key));
  const successors = countBy(chosen.map((p) => p.older.key));
  return chosen
    .map((pair) => ({
      from: pair.newer.key,
      to: pair.older.key,
      kind: kindOf(pair, predecessors, successors),
      similarity: round(pair.alignment.similarity),
      alignment: pair.alignment.blocks,
    }))
    .sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}

function kindOf(
  pair: Scored,
  predecessors: Map<string, number>,
  successors: Map<string, number>,
): LineageKind {
  if ((predecessors.get(pair.newer.key) ?? 0) > 1) return 'merged';
  if ((successors.get(pair.older.key) ?? 0) > 1) return 'split';
  if (pair.newer.prepared.plain === pair.older.prepared.plain) return 'same';
  return 'revised';
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface Similar {
  /** The earlier measure in the plan's order. */
  from: string;
  to: string;
  similarity: number;
  alignment: AlignmentBlock[];
}

/** A bigram in more measures of one plan than this (a stock phrase) does not shortlist a pair. */
const COMMON_BIGRAM = 64;
/** Pairs aligned, and pairs kept, per measure at most: a plan of templated measures stays linear. */
const SIMILAR_CANDIDATES = 20;
const SIMILAR_PER_MEASURE = 5;

/**
 * Measures of one plan (in order) that say nearly the same thing. Pairs are shortlisted through the
 * bigrams they share (an inverted index, so a plan of thousands of measures is not compared pair by
 * pair), then aligned.
 */
export function similarWithin(measures: LineageMeasure[]): Similar[] {
  const postings = new Map<number, number[]>();
  measures.forEach((m, i) => {
    for (const g of m.prepared.bigrams) {
      const list = postings.get(g);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
  });
  const out: Similar[] = [];
  for (let i = 0; i < measures.length; i++) {
    const a = measures[i]!;
    const shared = new Map<number, number>();
    for (const g of a.prepared.bigrams) {
      const list = postings.get(g)!;
      if (list.length > COMMON_BIGRAM) continue;
      for (const j of list) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    const candidates = [...shared]
      .filter(
        ([j, n]) => n >= SHORTLIST * Math.min(a.prepared.bigrams.size, measures[j]!.prepared.bigrams.size),
      )
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, SIMILAR_CANDIDATES);
    const found: Similar[] = [];
    for (const [j] of candidates) {
      const b = measures[j]!;
      const alignment = align(a.prepared, b.prepared);
      if (alignment.similarity >= SIMILAR_WITHIN)
        found.push({
          from: a.key,
          to: b.key,
          similarity: round(alignment.similarity),
          alignment: alignment.blocks,
        });
    }
    out.push(...found.sort((x, y) => y.similarity - x.similarity).slice(0, SIMILAR_PER_MEASURE));
  }
  return out;
}

/** Two plans aligned whole (every pair shortlisted): measures given by key and original text. */
export function alignPlans(
  newer: { key: string; text: string }[],
  older: { key: string; text: string }[],
): Continuation[] {
  const prepared = (m: { key: string; text: string }): LineageMeasure => ({
    key: m.key,
    prepared: prepare(matchForm(m.text)),
  });
  const a = newer.map(prepared);
  const b = older.map(prepared);
  return continuations(
    a,
    b,
    a.flatMap((n) => b.map((o): [string, string] => [n.key, o.key])),
  );
}
