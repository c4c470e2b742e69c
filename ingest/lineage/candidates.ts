/**
 * Where the lineage of a plan of a series looks for continuations: the measures of its own series,
 * held in memory (`SeriesIndex`), never the whole corpus. Pure: `lineage.ts` reads the series.
 *
 * For each measure of the plan, two kinds of candidates among the measures of the series' other
 * plans (another year):
 * - the `CANDIDATES` best by text, scored as Lucene's BM25 scores the `cjk` full-text index
 *   (`measure_text`): the query is the measure's Han runs (`candidateQuery`), cut into bigrams, each
 *   one a clause; a measure's terms are the bigrams of the Han runs of its match form (a lone Han
 *   character is a unigram, a run of letters or digits a word: they count in its length only). Unlike
 *   the index, the document frequencies are the series', there is one field (the match form, where
 *   the index has the text and its other script, so that a bigram both scripts write alike counted
 *   twice) and lengths are exact (Lucene keeps them to one byte);
 * - the `ENTITY_CANDIDATES` that share the most entities with it, leaving out the entities more than
 *   `HUB_MENTIONS` measures of the series mention (香港 says nothing about which measure continues
 *   which).
 *
 * Why not the full-text index itself: asked over a corpus, its top 50 are mostly other plans'
 * measures (city plans are written from the same stock phrases), so a series' own candidates were
 * crowded out, and 50 queries per plan were most of a bulk load's lineage time (docs/DESIGN.md).
 */
import { matchForm } from '../opencc';
import { prepare } from './align';
import { AlignmentMemo, type LineageMeasure } from './match';

/** Candidates by text per measure. */
export const CANDIDATES = 50;
/** An entity mentioned by more measures of the series than this says nothing about which continue which. */
export const HUB_MENTIONS = 300;
/** Entity-shared candidates per measure. */
export const ENTITY_CANDIDATES = 20;
/** Characters of a measure that go into its text query (as the full-text query had: Lucene allowed 1,024 clauses). */
const QUERY_CHARACTERS = 200;

/** BM25 as Lucene's default similarity. */
const K1 = 1.2;
const B = 0.75;

/** The query for a measure: its Han runs (Simplified), which are cut into bigrams. */
export function candidateQuery(form: string): string | null {
  const runs = form.match(/\p{Script=Han}+/gu) ?? [];
  let query = '';
  for (const run of runs) {
    if (query.length >= QUERY_CHARACTERS) break;
    if (run.length < 2) continue;
    query += (query ? ' ' : '') + run.slice(0, QUERY_CHARACTERS - query.length);
  }
  return query.length >= 2 ? query : null;
}

/** A measure of a plan of the series, as read from the graph. */
export interface SeriesMeasure {
  key: string;
  document: string;
  /** The plan's year. */
  year: number;
  /** The original text. */
  text: string;
  /** Keys of the entities it mentions. */
  entities: string[];
}

const TOKEN = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
const HAN = /^\p{Script=Han}/u;

/** A bigram of two code points, as one number (below 2^42). */
const bigram = (a: number, b: number): number => a * 0x110000 + b;

/** The bigrams of the Han runs of `text`, with repeats; `others` counts its other tokens (a lone Han character, a word). */
function tokens(text: string): { bigrams: number[]; others: number } {
  const bigrams: number[] = [];
  let others = 0;
  for (const token of text.match(TOKEN) ?? []) {
    if (!HAN.test(token)) {
      others++;
      continue;
    }
    const points = Array.from(token, (ch) => ch.codePointAt(0)!);
    if (points.length === 1) others++;
    for (let i = 0; i + 1 < points.length; i++) bigrams.push(bigram(points[i]!, points[i + 1]!));
  }
  return { bigrams, others };
}

/** A candidate of one of a plan's measures. */
export interface Candidate {
  /** The plan's measure. */
  measure: string;
  candidate: LineageMeasure;
  /** The candidate's plan. */
  document: string;
}

interface Posting {
  /** Measures (indexes into the series' list) holding the term, ascending. */
  measures: number[];
  /** How often each holds it. */
  counts: number[];
}

/** The measures of one series with their bigrams and entities inverted: built once, asked many times. */
export class SeriesIndex {
  readonly measures: readonly SeriesMeasure[];
  /** Each plan of the series and its year. */
  readonly years: ReadonlyMap<string, number>;
  private readonly byKey = new Map<string, number>();
  private readonly postings = new Map<number, Posting>();
  /** BM25's length part for each measure: K1 · (1 − B + B · length / average length). */
  private readonly norms: Float64Array;
  private readonly withEntity = new Map<string, number[]>();
  private readonly prepared: (LineageMeasure | undefined)[];
  /** The pairs of the series' measures aligned so far, for every relink that uses this index. */
  readonly alignments = new AlignmentMemo();

  constructor(measures: SeriesMeasure[]) {
    // In key order, so that ties fall the same way whatever order the graph returned them in.
    this.measures = [...measures].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.prepared = new Array<LineageMeasure | undefined>(this.measures.length);
    const years = new Map<string, number>();
    const lengths = new Float64Array(this.measures.length);
    let total = 0;
    this.measures.forEach((m, i) => {
      this.byKey.set(m.key, i);
      years.set(m.document, m.year);
      const { bigrams, others } = tokens(matchForm(m.text));
      lengths[i] = bigrams.length + others;
      total += lengths[i]!;
      const counts = new Map<number, number>();
      for (const g of bigrams) counts.set(g, (counts.get(g) ?? 0) + 1);
      for (const [g, n] of counts) {
        const posting = this.postings.get(g);
        if (posting) {
          posting.measures.push(i);
          posting.counts.push(n);
        } else this.postings.set(g, { measures: [i], counts: [n] });
      }
      for (const e of new Set(m.entities)) {
        const list = this.withEntity.get(e);
        if (list) list.push(i);
        else this.withEntity.set(e, [i]);
      }
    });
    this.years = years;
    const average = this.measures.length ? total / this.measures.length : 1;
    this.norms = lengths.map((length) => K1 * (1 - B + (B * length) / (average || 1)));
  }

  /** The measure `key` of the series ready to align (prepared once), or undefined. */
  measure(key: string): LineageMeasure | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.preparedAt(i);
  }

  private preparedAt(i: number): LineageMeasure {
    let m = this.prepared[i];
    if (!m) {
      const { key, text } = this.measures[i]!;
      m = { key, prepared: prepare(matchForm(text)) };
      this.prepared[i] = m;
    }
    return m;
  }

  /**
   * The candidates of the measures `own` of plan `document` (year `year`) among the measures of the
   * series' other plans of another year: each pair (own measure, candidate) once, the candidate ready
   * to align.
   */
  candidates(document: string, year: number, own: LineageMeasure[]): Candidate[] {
    const eligible = new Uint8Array(this.measures.length);
    this.measures.forEach((m, i) => {
      eligible[i] = m.document !== document && m.year !== year ? 1 : 0;
    });
    const out: Candidate[] = [];
    const scores = new Float64Array(this.measures.length);
    const shared = new Int32Array(this.measures.length);
    for (const m of own) {
      const found = new Set<number>();
      const query = candidateQuery(m.prepared.plain);
      if (query) for (const j of this.byText(query, eligible, scores)) found.add(j);
      const i = this.byKey.get(m.key);
      if (i !== undefined) for (const j of this.byEntities(i, eligible, shared)) found.add(j);
      for (const j of found)
        out.push({ measure: m.key, candidate: this.preparedAt(j), document: this.measures[j]!.document });
    }
    return out;
  }

  /** The CANDIDATES eligible measures scoring highest against the query (BM25), ties by key. */
  private byText(query: string, eligible: Uint8Array, scores: Float64Array): number[] {
    // Each bigram of the query is a clause of its own: a repeated one counts again, as in Lucene.
    const clauses = new Map<number, number>();
    for (const run of query.split(' ')) {
      const points = Array.from(run, (ch) => ch.codePointAt(0)!);
      for (let k = 0; k + 1 < points.length; k++) {
        const g = bigram(points[k]!, points[k + 1]!);
        clauses.set(g, (clauses.get(g) ?? 0) + 1);
      }
    }
    const n = this.measures.length;
    const touched: number[] = [];
    for (const [g, times] of clauses) {
      const posting = this.postings.get(g);
      if (!posting) continue;
      const idf = Math.log(1 + (n - posting.measures.length + 0.5) / (posting.measures.length + 0.5));
      const weight = times * idf;
      const { measures, counts } = posting;
      for (let k = 0; k < measures.length; k++) {
        const i = measures[k]!;
        if (!eligible[i]) continue;
        const tf = counts[k]!;
        if (scores[i] === 0) touched.push(i);
        scores[i]! += (weight * tf) / (tf + this.norms[i]!);
      }
    }
    const ranked = touched
      .map((i) => ({ i, score: scores[i]! }))
      .sort((x, y) => y.score - x.score || x.i - y.i)
      .slice(0, CANDIDATES)
      .map((x) => x.i);
    for (const i of touched) scores[i] = 0;
    return ranked;
  }

  /** The ENTITY_CANDIDATES eligible measures sharing the most entities with measure `i`, ties by key. */
  private byEntities(i: number, eligible: Uint8Array, shared: Int32Array): number[] {
    const touched: number[] = [];
    for (const e of new Set(this.measures[i]!.entities)) {
      const list = this.withEntity.get(e)!;
      if (list.length > HUB_MENTIONS) continue;
      for (const j of list) {
        if (!eligible[j]) continue;
        if (shared[j] === 0) touched.push(j);
        shared[j]!++;
      }
    }
    const ranked = touched
      .map((j) => ({ j, count: shared[j]! }))
      .sort((x, y) => y.count - x.count || x.j - y.j)
      .slice(0, ENTITY_CANDIDATES)
      .map((x) => x.j);
    for (const j of touched) shared[j] = 0;
    return ranked;
  }
}
