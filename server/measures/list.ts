/**
 * GET /api/measures: every measure of the corpus as a table, filtered, sorted and paged on the
 * server (the Measures view, phones and screen readers, a CSV of what the filters chose). Each
 * filter is a parameter; the sort is one of a fixed list whose ORDER BY is written here, never taken
 * from the request.
 */
import { stringify } from 'csv-stringify/sync';
import type { MeasureListQuery, MeasureListResponse, MeasureRow, MeasureSort } from '../../model/api';
import { inContentScript, type ContentScript } from '../../model/script';
import { toSimplified, toTraditional } from '../../ingest';
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { documentRef, measureRow, MEASURE_ROW } from './rows';

export const MAX_PAGE = 500;
/** Rows a CSV holds at most: the whole table of any corpus we expect, bounded all the same. */
export const MAX_CSV_ROWS = 200_000;

const ORDER: Record<MeasureSort, string> = {
  document: 'd.year, d.key, m.ordinal',
  year: 'd.year, d.key, m.ordinal',
  reference: 'm.reference, d.year, m.ordinal',
  text: 'm.text, d.year, m.ordinal',
  lineage: 'coalesce(m.lineage, ""), d.year, d.key, m.ordinal',
  entities: 'COUNT { (m)-[:MENTIONS]->() }, d.year, d.key, m.ordinal',
};

/** The ORDER BY for a sort and direction: every key of ORDER turned around for `desc`. */
function orderBy(sort: MeasureSort, order: 'asc' | 'desc'): string {
  return ORDER[sort]
    .split(', ')
    .map((part) => (order === 'desc' ? `${part} DESC` : part))
    .join(', ');
}

/** What `q` asks of a measure: in its text (either script), its reference, an entity it touches, a section above it. */
const MATCHES_Q = `($q IS NULL OR m.text CONTAINS $q OR m.textAlt CONTAINS $q OR m.reference = $q
       OR EXISTS { MATCH (m)-[:MENTIONS|ASSIGNED_TO]->(e:Entity)
                   WHERE e.name CONTAINS $q OR any(a IN coalesce(e.aliases, []) WHERE a CONTAINS $q) }
       OR EXISTS { MATCH (s:Section)-[:HAS_SECTION|HAS_MEASURE]->+(m) WHERE s.title CONTAINS $q })`;

/**
 * The measures `q` may match, found through the indexes instead of reading every measure of the
 * corpus: a Chinese text of two characters or more, as a phrase of the full-text indexes (the cjk
 * analyzer's bigrams in order: every text containing it matches), the reference through its index,
 * and the sections whose title holds it. A superset: MATCHES_Q then decides exactly.
 */
const Q_CANDIDATES = `
CALL () {
  CALL db.index.fulltext.queryNodes('measure_text', $phrase) YIELD node RETURN node AS m
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $phrase) YIELD node
  MATCH (m:Measure)-[:MENTIONS|ASSIGNED_TO]->(node) RETURN m
  UNION
  MATCH (m:Measure {reference: $q}) RETURN m
  UNION
  MATCH (s:Section) WHERE s.title CONTAINS $q
  MATCH (s)-[:HAS_SECTION|HAS_MEASURE]->+(m:Measure) RETURN m
}
MATCH (d:Document {key: m.document})`;

/**
 * The measures of one node (`node`), found from the node through its key's index: the measure
 * itself, those of a document, those touching an entity or unit, those under a section.
 */
const NODE_MEASURES = `
CALL () {
  MATCH (m:Measure {key: $node}) RETURN m
  UNION
  MATCH (m:Measure {document: $node}) RETURN m
  UNION
  MATCH (:Entity {key: $node})<-[:MENTIONS|ASSIGNED_TO]-(m:Measure) RETURN m
  UNION
  MATCH (:Section {key: $node})-[:HAS_SECTION|HAS_MEASURE]->+(m:Measure) RETURN m
}
MATCH (d:Document {key: m.document})`;

/** A `q` the full-text indexes can narrow: Chinese characters only, two or more. */
export function indexedQuery(q: string | undefined): string | null {
  return q !== undefined && /^\p{Script=Han}{2,}$/u.test(q) ? `"${q}"` : null;
}

/** Documents the table's document filter offers, at most (the newest first); any other is named in the URL. */
export const FILTER_DOCUMENTS = 1_000;

/**
 * The statement for a sort and how `q` is looked for: through the indexes, by reading every
 * measure, or not at all; with `node`, the chosen measures start from that node's. Only fixed fragments are joined (each filter is a parameter); a filter not
 * asked for is left out, not written as `$x IS NULL OR …`, which Neo4j would still evaluate for
 * every measure (the section-path test of MATCHES_Q ran out of transaction memory at 34,000 measures).
 */
function listCypher(
  sort: MeasureSort,
  order: 'asc' | 'desc',
  q: 'indexed' | 'scan' | 'none',
  node = false,
): string {
  // One node's measures are few: `q` is then tested on them rather than looked up in the indexes.
  const from = node ? 'node' : q === 'indexed' ? 'indexed' : 'all';
  if (node && q === 'indexed') q = 'scan';
  const chosen = `
  ${from === 'node' ? NODE_MEASURES : from === 'indexed' ? Q_CANDIDATES : 'MATCH (d:Document)'}
  WHERE ($document IS NULL OR d.key = $document)
    AND ($year IS NULL OR d.year = $year)
    AND ($region IS NULL OR d.region = $region)
  ${from === 'all' ? 'MATCH (m:Measure {document: d.key})' : ''}
  WITH m, d WHERE ($lineage IS NULL OR ($lineage = 'dropped' AND m.dropped) OR m.lineage = $lineage)
    ${q === 'none' ? '' : `AND ${MATCHES_Q}`}`;
  // The total counted, the page sorted with SKIP/LIMIT (Neo4j keeps only offset + limit rows while
  // sorting): collecting every chosen measure to slice the page ran out of transaction memory at
  // 34,000 measures.
  return `
CALL () { ${chosen} RETURN count(m) AS total }
CALL () {
  ${chosen}
  WITH m, d ORDER BY ${orderBy(sort, order)} SKIP $offset LIMIT $limit
  RETURN collect(${MEASURE_ROW}) AS rows
}
RETURN total, rows,
       COLLECT {
         MATCH (d:Document) RETURN d {.key, .title, .year, .region} ORDER BY d.year DESC, d.key LIMIT ${FILTER_DOCUMENTS}
       } AS documents`;
}

export async function listMeasures(
  connection: Connection,
  query: Required<Pick<MeasureListQuery, 'sort' | 'order' | 'offset' | 'limit'>> & MeasureListQuery,
): Promise<MeasureListResponse> {
  const phrase = indexedQuery(query.q);
  const q = phrase !== null ? 'indexed' : query.q ? 'scan' : 'none';
  const [record] = await readRecords(connection, listCypher(query.sort, query.order, q, !!query.node), {
    phrase,
    node: query.node ?? null,
    document: query.document ?? null,
    year: query.year ?? null,
    region: query.region ?? null,
    lineage: query.lineage ?? null,
    q: query.q ?? null,
    offset: query.offset,
    limit: query.limit,
  });
  return {
    total: Number(record?.get('total') ?? 0),
    offset: query.offset,
    limit: query.limit,
    rows: ((record?.get('rows') as unknown[]) ?? []).map(measureRow),
    // Oldest first, as the filter lists them.
    documents: ((record?.get('documents') as unknown[]) ?? []).map((d) => documentRef(d)).reverse(),
  };
}

/** A name in `script`, converted as the ingest converts (OpenCC Hong Kong ⇄ Mainland, same length). */
function nameIn(name: string, script: ContentScript): string {
  if (script === 'simplified') return toSimplified(name);
  if (script === 'traditional') return toTraditional(name);
  return name;
}

/**
 * The rows as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese), one line
 * per measure: what the table shows, lists joined with `、`, in the content script the table shows
 * (`script`: a text through its textAlt, names converted; `written` as stored), and the script each
 * text is in.
 */
export function measuresCsv(rows: MeasureRow[], script: ContentScript = 'written'): string {
  const name = (text: string) => nameIn(text, script);
  return (
    '\uFEFF' +
    stringify(
      rows.map((r) => {
        const text = inContentScript(r.text, r.textAlt, r.document.script, script);
        return [
          name(r.document.title),
          r.document.year ?? '',
          r.document.key,
          r.reference,
          r.sections.map(name).join(' › '),
          text,
          text === r.text ? (r.document.script ?? '') : script,
          r.entities.map(name).join('、'),
          r.units.map(name).join('、'),
          r.actions.join('、'),
          r.lineage ?? '',
          r.dropped ? 'dropped' : '',
          r.key,
        ];
      }),
      {
        header: true,
        columns: [
          'document',
          'year',
          'documentKey',
          'reference',
          'sections',
          'text',
          'script',
          'entities',
          'units',
          'actions',
          'lineage',
          'next plan',
          'key',
        ],
      },
    )
  );
}
