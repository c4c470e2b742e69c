/**
 * What the explorer's views ask for when they open, written once for both sides: the client sends
 * exactly these requests, and the server computes their answers ahead of time for each graph version
 * (server/http/prefetch.ts) so that the first user to open a view on a large corpus does not wait for
 * the corpus-wide aggregates behind it (the overlap matrices take seconds on thousands of plans).
 */
import { DOCUMENTS_PAGE_MAX, type MeasureListQuery, type MeasureSort } from './api';

/** Which plans the overlap matrices count: a series (partner region) and a range of years; null: any. */
export interface OverlapScope {
  region: string | null;
  fromYear: number | null;
  toYear: number | null;
}

export const ANY_PLAN: OverlapScope = { region: null, fromYear: null, toYear: null };

/** A named query as a view runs it: the body of POST /api/queries/:name. */
export interface NamedQueryRequest {
  name: string;
  body: { params: Record<string, unknown>; timeoutMs: number };
}

/** The overlap matrices are corpus-wide aggregates: their requests may take this long (the unit pairs
 * take 5 s on 2,000 plans alone, and passed 30 s on a busy 2-core machine). */
const OVERLAP_TIMEOUT_MS = 60_000;

/**
 * Caps asked beyond the queries' defaults, so that each answer stays under 2 MB on 2,000 documents:
 * `overlaps` 5 paths per entity (of 40), `unit-overlaps` 4 per pair (of 100) and short lists of what
 * a pair shares, which the view does not show. The paths give the matrices their structure; a card
 * reads the text of a measure they leave out.
 */
const SECTION_PATHS = 5;
const UNIT_PAIR_CAPS = { maxMeasures: 10, maxEntities: 10, maxPaths: 4 };

const query = (name: string, params: Record<string, unknown>): NamedQueryRequest => ({
  name,
  body: { params, timeoutMs: OVERLAP_TIMEOUT_MS },
});

/** The overlaps view's four matrices for a scope, in the order it reads them. */
export function overlapRequests({ region, fromYear, toYear }: OverlapScope) {
  return {
    sections: query('overlaps', {
      by: 'section',
      minSides: 2,
      limit: 40,
      region,
      fromYear,
      toYear,
      maxPaths: SECTION_PATHS,
    }),
    entityYears: query('overlaps-by-year', { rows: 'entities', region, fromYear, toYear, limit: 40 }),
    unitYears: query('overlaps-by-year', { rows: 'units', region, fromYear, toYear, limit: 40 }),
    units: query('unit-overlaps', { minShared: 1, limit: 100, ...UNIT_PAIR_CAPS }),
  };
}

/** GET /api/documents for the views that pick plans: the first DOCUMENTS_PAGE_MAX, filtered. */
export function documentsPickPath(filter: { region?: string } = {}): string {
  return `/api/documents?${new URLSearchParams({ limit: String(DOCUMENTS_PAGE_MAX), ...filter })}`;
}

/** A page of the measures table. */
export const MEASURES_PAGE = 50;

/** The measures table as it opens: every measure, in plan order, the first page. */
export const MEASURES_OPENING: MeasureListQuery & {
  sort: MeasureSort;
  order: 'asc' | 'desc';
  offset: number;
} = { sort: 'document', order: 'asc', offset: 0, limit: MEASURES_PAGE };

/** GET /api/measures for a query of the table: its set parameters, in the query's order. */
export function measuresPath(query: MeasureListQuery, extra = ''): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  return `/api/measures?${params.toString()}${extra}`;
}

/** A request the server answers ahead of time, for every graph version. */
export interface OpeningRequest {
  path: string;
  /** A POST's JSON body; none for a GET. */
  body?: unknown;
}

/**
 * The requests behind the views' opening screens whose answers are corpus-wide: the graph's overview,
 * the plans the pickers list, the measures table's first page (sorted over every measure), and the
 * overlaps view's matrices for every plan.
 */
export function openingRequests(): OpeningRequest[] {
  return [
    { path: '/api/graph' },
    { path: documentsPickPath() },
    { path: measuresPath(MEASURES_OPENING) },
    ...Object.values(overlapRequests(ANY_PLAN)).map(({ name, body }) => ({
      path: `/api/queries/${encodeURIComponent(name)}`,
      body,
    })),
  ];
}
