/**
 * The one place the client talks HTTP, typed from the contract (model/api.ts): every route's answer
 * is the server's type, never guessed at. Every failure becomes an ApiFailure whose `kind` says what
 * went wrong in words the UI can explain (server down, Neo4j down, nothing with that key, a bad
 * parameter) and whose `code` is the API's (`READ_ONLY`, `CYPHER_SYNTAX`, …); an outage starts the
 * outage watch (outage.ts).
 */
import {
  PATH_RELS_MEASURES,
  PATH_RELS_PLACES,
  type ApiErrorBody,
  type EntityHit,
  type ExportFormat,
  type GraphResponse,
  type HealthResponse,
  type MeasureHit,
  type NamedQuery,
  type NamedQueryResult,
  type PathsResult,
  type QueriesResponse,
  type QueryParameter,
  type ReadResult,
  type SearchHit,
  type SearchResponse,
} from '../../../../model/api';
import { OutageWatch } from './outage';

export { EXPORT_FORMATS, PATH_RELS_MEASURES, PATH_RELS_PLACES } from '../../../../model/api';
export type {
  EntityHit,
  ExportFormat,
  GraphResponse,
  MeasureHit,
  NamedQuery,
  NamedQueryResult,
  PathsResult,
  QueryParameter,
  ReadResult,
  SearchHit,
};
export type { PathEdge, PathNode } from '../../../../model/api';

export type FailureKind = 'network' | 'unavailable' | 'not-found' | 'bad-request' | 'server';

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status: number,
    message: string,
    readonly param?: string,
    /** The API's error code, when it answered one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

function failureKind(status: number): FailureKind {
  if (status === 503) return 'unavailable';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'server';
}

/** The server's health, watched while it or Neo4j is down (core/api/outage.ts). */
export const outage = new OutageWatch(async () => (await fetch('/api/health')).ok);

/**
 * A 503 saying Neo4j is unreachable (not a busy console or a stopped query, which are 503s too) starts
 * the outage watch.
 */
export function reportOutage(status: number, code: string | undefined): void {
  if (status === 503 && (code === undefined || code === 'NEO4J_UNAVAILABLE')) outage.report();
}

/** GET (or POST with `body`) a JSON route of the API. */
export async function request<T>(
  path: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const { body, signal } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    outage.report();
    throw new ApiFailure('network', 0, error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    // Errors are ApiErrorBody; /api/health says why in `reason`.
    const failure = json as (Partial<ApiErrorBody> & { reason?: string }) | null;
    const error = failure?.error;
    reportOutage(response.status, error?.code);
    throw new ApiFailure(
      failureKind(response.status),
      response.status,
      error?.message ?? failure?.reason ?? `${response.status} ${response.statusText}`,
      error?.param,
      error?.code,
    );
  }
  if (json === null) throw new ApiFailure('server', response.status, `${path}: the answer is not JSON`);
  return json as T;
}

/** Keys hold `/` (measures: `doc/m2`) and CJK (entities: `港珠澳大桥`); both travel as one path segment. */
export function keySegment(key: string): string {
  return encodeURIComponent(key);
}

export const api = {
  graph: (signal?: AbortSignal) => request<GraphResponse>('/api/graph', { signal }),

  /** `types`: labels to keep (`Entity` = every entity type); all by default. */
  search: async (q: string, signal?: AbortSignal, types?: readonly string[]) =>
    (
      await request<SearchResponse>(
        `/api/search?q=${encodeURIComponent(q)}&limit=12${types?.length ? `&types=${types.join(',')}` : ''}`,
        { signal },
      )
    ).results,

  paths: (from: string, to: string, options: { places?: boolean; signal?: AbortSignal } = {}) =>
    request<PathsResult>(
      `/api/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&rels=${(options.places
        ? PATH_RELS_PLACES
        : PATH_RELS_MEASURES
      ).join(',')}`,
      { signal: options.signal },
    ),

  neighbors: (key: string, depth: number) =>
    request<GraphResponse>(`/api/entities/${keySegment(key)}/neighbors?depth=${depth}`),

  health: () => request<HealthResponse>('/api/health'),

  exportUrl: (format: ExportFormat) => `/api/export?format=${format}`,

  /** The named queries of cypher/ (docs/queries.md). */
  queries: async (signal?: AbortSignal) =>
    (await request<QueriesResponse>('/api/queries', { signal })).queries,

  /** Runs a named query; `timeoutMs` is the server's limit for it (its default 5000, at most 60000). */
  runQuery: (name: string, params: Record<string, unknown>, signal?: AbortSignal, timeoutMs = 15000) =>
    request<NamedQueryResult>(`/api/queries/${keySegment(name)}`, { body: { params, timeoutMs }, signal }),

  /** Read-only Cypher (POST /api/cypher). */
  cypher: (query: string, params: Record<string, unknown> = {}, signal?: AbortSignal, timeoutMs = 15000) =>
    request<ReadResult>('/api/cypher', { body: { query, params, timeoutMs }, signal }),
};
