/**
 * GET /api/search: entities by name, alias or English name and measures by text, through the
 * full-text indexes `entity_names` and `measure_text` (cypher/migrations/0001_schema.cypher, `cjk` analyzer).
 *
 * Script-insensitive without converting the query: entities carry both scripts in `aliases`, measures
 * the other script in `textAlt`, and both are indexed. The cjk analyzer indexes Chinese as character
 * bigrams, so a Chinese word is searched as a phrase (its bigrams in order: a substring match) and a
 * lone character as a prefix of bigrams; Latin words match whole (boosted) or as a prefix, so a name
 * can be found while it is typed. Words must all match. User text never reaches Lucene unescaped.
 *
 * Ranking: an exact name or alias first, then names that start with the query, then names that
 * contain it, then the rest; entities before measures at the same rank; Lucene's score within.
 */
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { ENTITY_LABELS } from '../../model/graph';
import { measureReference } from '../../model/names';

/** What `types` may name: measures, every entity (`Entity`) or entity types. */
export const SEARCH_LABELS: readonly string[] = ['Measure', 'Entity', ...ENTITY_LABELS];

/** Lucene's stop words in the cjk analyzer: never indexed, so a query word among them cannot match. */
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or s such t that the their then there these they this to was will with www'.split(
    ' ',
  ),
);
const HAN = /\p{Script=Han}/u;
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, '\\$&');
}

/** Folding used for the query and for ranking: full-width → ASCII, lower case, single spaces. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a text, folded, punctuation gone: how names are compared for ranking. */
export function words(text: string): string {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

/** The Lucene query for what a user typed, or null when it holds no letter, digit or character. */
export function luceneQuery(input: string): string | null {
  const list = words(input).split(' ').filter(Boolean);
  const clauses = list.flatMap((word, i) => {
    const last = i === list.length - 1;
    const escaped = escapeLucene(word);
    if (HAN.test(word)) return [[...word].length === 1 ? `${escaped}*` : `"${escaped}"`];
    if (STOP_WORDS.has(word)) return last ? [`${escaped}*`] : [];
    return [word.length === 1 ? `${escaped}*` : `(${escaped}^2 OR ${escaped}*)`];
  });
  return clauses.length > 0 ? clauses.join(' AND ') : null;
}

export const SEARCH_CYPHER = `
CALL () {
  WITH 1 AS one WHERE $entities
  CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
  WHERE $labels IS NULL OR any(label IN labels(node) WHERE label IN $labels)
  WITH node, score LIMIT $candidates
  RETURN 'entity' AS kind, node, score
  UNION ALL
  WITH 1 AS one WHERE $measures
  CALL db.index.fulltext.queryNodes('measure_text', $query) YIELD node, score
  WITH node, score LIMIT $candidates
  RETURN 'measure' AS kind, node, score
}
RETURN kind, score, node.key AS key, [label IN labels(node) WHERE label <> 'Entity'][0] AS label,
       node.name AS name, node.nameEn AS nameEn, node.aliases AS aliases,
       node.number AS number, node.reference AS reference, node.year AS year, node.ordinal AS ordinal, node.document AS document,
       node.text AS text, node.textAlt AS textAlt,
       COLLECT { MATCH (hitDocument:Document {key: node.document}) RETURN hitDocument.script }[0] AS script`;

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export interface SearchOptions {
  limit?: number;
  /** Labels to search: `Measure` and entity labels; all when absent. */
  types?: string[];
}

export type MatchKind = 'exact' | 'prefix' | 'contains' | 'related';

export interface EntityHit {
  kind: 'entity';
  key: string;
  label: string;
  name: string;
  nameEn: string | null;
  aliases: string[];
  match: MatchKind;
  score: number;
}

export interface MeasureHit {
  kind: 'measure';
  key: string;
  label: 'Measure';
  number: string;
  /** Unique in its document and read like it (`三（一）16`); `number` is the number as printed. */
  reference: string;
  ordinal: number;
  document: string;
  text: string;
  /** Where the query stands in `text` (offsets also valid in the other script), when it does. */
  highlight: [number, number] | null;
  match: MatchKind;
  score: number;
}

export type SearchHit = EntityHit | MeasureHit;

export interface SearchResult {
  query: string;
  lucene: string;
  results: SearchHit[];
}

const RANK: Record<MatchKind, number> = { exact: 3, prefix: 2, contains: 1, related: 0 };

function matchNames(needle: string, names: string[]): MatchKind {
  const folded = names.map(words);
  if (folded.includes(needle)) return 'exact';
  if (folded.some((name) => name.startsWith(needle))) return 'prefix';
  if (folded.some((name) => name.includes(needle))) return 'contains';
  return 'related';
}

/** Whether the query (as typed, else its words) stands in the text or its other-script form, and where. */
function matchText(query: string, text: string, textAlt: string): [MatchKind, [number, number] | null] {
  // NFKC can change lengths (ligatures), so offsets are only reported when folding kept the length.
  for (const needle of new Set([fold(query), words(query)])) {
    for (const candidate of [text, textAlt]) {
      const folded = candidate.normalize('NFKC').toLowerCase();
      const at = folded.indexOf(needle);
      if (at >= 0) return ['contains', folded.length === candidate.length ? [at, at + needle.length] : null];
    }
  }
  return ['related', null];
}

export function searchParams(query: string, options: SearchOptions = {}) {
  const limit = options.limit ?? 20;
  const types = options.types;
  const labels = types ? types.filter((t) => t !== 'Measure') : null;
  return {
    query,
    labels: labels && labels.length > 0 ? labels : null,
    entities: !types || (labels?.length ?? 0) > 0,
    measures: !types || types.includes('Measure'),
    // Room for the re-ranking below to lift an exact name Lucene scored lower.
    candidates: Math.max(limit * 2, 50),
  };
}

export async function search(
  connection: Connection,
  text: string,
  options: SearchOptions = {},
): Promise<SearchResult | null> {
  const lucene = luceneQuery(text);
  if (lucene === null) return null;
  const limit = options.limit ?? 20;
  const needle = words(text);
  const records = await readRecords(connection, SEARCH_CYPHER, searchParams(lucene, options));
  const hits: SearchHit[] = records.map((record) => {
    const score = Number(record.get('score'));
    const key = String(record.get('key'));
    if (record.get('kind') === 'entity') {
      const name = String(record.get('name') ?? key);
      const nameEn = (record.get('nameEn') as string | null) ?? null;
      const aliases = (record.get('aliases') as string[] | null) ?? [];
      const names = [name, key, ...(nameEn ? [nameEn] : []), ...aliases];
      const label = String(record.get('label') ?? 'Entity');
      return { kind: 'entity', key, label, name, nameEn, aliases, match: matchNames(needle, names), score };
    }
    const measureText = String(record.get('text') ?? '');
    const textAlt = stringOrNull(record.get('textAlt'));
    const [match, highlight] = matchText(text, measureText, textAlt ?? '');
    return {
      kind: 'measure',
      key,
      label: 'Measure',
      number: String(record.get('number') ?? ''),
      reference: measureReference({ reference: record.get('reference'), number: record.get('number') }),
      ordinal: Number(record.get('ordinal') ?? 0),
      document: String(record.get('document') ?? ''),
      year: typeof record.get('year') === 'number' ? (record.get('year') as number) : null,
      text: measureText,
      textAlt,
      script: stringOrNull(record.get('script')),
      highlight,
      match,
      score,
    };
  });
  hits.sort(
    (a, b) =>
      RANK[b.match] - RANK[a.match] ||
      (a.kind === b.kind ? 0 : a.kind === 'entity' ? -1 : 1) ||
      b.score - a.score ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return { query: text, lucene, results: hits.slice(0, limit) };
}
