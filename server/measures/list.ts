/**
 * GET /api/measures: every measure of the corpus as a table, filtered, sorted and paged on the
 * server (the Measures view, phones and screen readers, a CSV of what the filters chose). Each
 * filter is a parameter; the sort is one of a fixed list whose ORDER BY is written here, never taken
 * from the request.
 */
import { stringify } from 'csv-stringify/sync';
import type { MeasureListQuery, MeasureListResponse, MeasureRow, MeasureSort } from '../../model/api';
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

function listCypher(sort: MeasureSort, order: 'asc' | 'desc'): string {
  return `
MATCH (d:Document)
WHERE ($document IS NULL OR d.key = $document)
  AND ($year IS NULL OR d.year = $year)
  AND ($region IS NULL OR d.region = $region)
MATCH (m:Measure {document: d.key})
WHERE ($lineage IS NULL OR ($lineage = 'dropped' AND m.dropped) OR m.lineage = $lineage)
  AND ($q IS NULL OR m.text CONTAINS $q OR m.textAlt CONTAINS $q OR m.reference = $q
       OR EXISTS { MATCH (m)-[:MENTIONS|ASSIGNED_TO]->(e:Entity)
                   WHERE e.name CONTAINS $q OR any(a IN coalesce(e.aliases, []) WHERE a CONTAINS $q) }
       OR EXISTS { MATCH (s:Section)-[:HAS_SECTION|HAS_MEASURE]->+(m) WHERE s.title CONTAINS $q })
WITH m, d ORDER BY ${orderBy(sort, order)}
WITH collect(m) AS measures
RETURN size(measures) AS total,
       [m IN measures[$offset..$offset + $limit] | ${MEASURE_ROW}] AS rows,
       COLLECT { MATCH (d:Document) RETURN d {.key, .title, .year, .region} ORDER BY d.year, d.key } AS documents`;
}

export async function listMeasures(
  connection: Connection,
  query: Required<Pick<MeasureListQuery, 'sort' | 'order' | 'offset' | 'limit'>> & MeasureListQuery,
): Promise<MeasureListResponse> {
  const [record] = await readRecords(connection, listCypher(query.sort, query.order), {
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
    documents: ((record?.get('documents') as unknown[]) ?? []).map((d) => documentRef(d)),
  };
}

/**
 * The rows as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese), one line
 * per measure: what the table shows, lists joined with `、`.
 */
export function measuresCsv(rows: MeasureRow[]): string {
  return (
    '\uFEFF' +
    stringify(
      rows.map((r) => [
        r.document.title,
        r.document.year ?? '',
        r.document.key,
        r.reference,
        r.sections.join(' › '),
        r.text,
        r.entities.join('、'),
        r.units.join('、'),
        r.actions.join('、'),
        r.lineage ?? '',
        r.dropped ? 'dropped' : '',
        r.key,
      ]),
      {
        header: true,
        columns: [
          'document',
          'year',
          'documentKey',
          'reference',
          'sections',
          'text',
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
