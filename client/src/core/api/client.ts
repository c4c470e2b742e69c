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
  type CompareResponse,
  type LineageResponse,
  type MeasureListQuery,
  type MeasureListResponse,
  type TimelineResponse,
  type DocumentOutline,
  type DocumentPatch,
  type DocumentList,
  type DocumentSummary,
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
  type UploadEvent,
  type UploadResponse,
} from '../../../../model/api';
import { OutageWatch } from './outage';
import { t } from '../../locales';
import { documentsPickPath, measuresPath, type NamedQueryRequest } from '../../../../model/opening';
import type { ContentScript } from '../../../../model/script';

export { EXPORT_FORMATS, PATH_RELS_MEASURES, PATH_RELS_PLACES } from '../../../../model/api';
export type {
  CompareResponse,
  LineageResponse,
  MeasureListQuery,
  MeasureListResponse,
  TimelineResponse,
  DocumentOutline,
  DocumentPatch,
  DocumentSummary,
  UploadEvent,
  UploadResponse,
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

export type FailureKind = 'network' | 'unavailable' | 'not-found' | 'bad-request' | 'server' | 'timeout';

/** How long a request may take before the UI gives up on it, says so and offers Retry. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A shorter limit for this browser (a test simulating a hung Neo4j sets it), in milliseconds. */
export const REQUEST_TIMEOUT_KEY = 'policy-graph-explorer.request-timeout-ms';

/** The limit this page applies to a request with no limit of its own. */
export function requestTimeoutMs(): number {
  try {
    // Through globalThis: the server's type-check (no DOM library) reads this module too.
    const storage = (globalThis as { localStorage?: { getItem(key: string): string | null } }).localStorage;
    const configured = Number(storage?.getItem(REQUEST_TIMEOUT_KEY));
    return configured > 0 ? configured : REQUEST_TIMEOUT_MS;
  } catch {
    return REQUEST_TIMEOUT_MS;
  }
}

/** A request's own signal and its time limit as one signal, and whether the limit is what fired. */
function limited(signal: AbortSignal | undefined, timeoutMs: number) {
  const timer = AbortSignal.timeout(timeoutMs);
  return {
    signal: signal ? AbortSignal.any([signal, timer]) : timer,
    timedOut: () => timer.aborted && !signal?.aborted,
  };
}

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
export const outage = new OutageWatch(
  async () => (await fetch('/api/health', { signal: AbortSignal.timeout(requestTimeoutMs()) })).ok,
);

/**
 * A 503 saying Neo4j is unreachable (not a busy console or a stopped query, which are 503s too) starts
 * the outage watch.
 */
export function reportOutage(status: number, code: string | undefined): void {
  if (status === 503 && (code === undefined || code === 'NEO4J_UNAVAILABLE')) outage.report();
}

/**
 * GET (or POST with `body`) a JSON route of the API. Every request has a time limit (`timeoutMs`,
 * requestTimeoutMs() by default): a server or Neo4j that hangs becomes an ApiFailure of kind
 * `timeout` the UI explains with a Retry, and starts the outage watch, so the page recovers by itself
 * when /api/health answers again.
 */
export async function request<T>(
  path: string,
  options: {
    body?: unknown;
    signal?: AbortSignal;
    method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    timeoutMs?: number;
  } = {},
): Promise<T> {
  const { body } = options;
  const timeoutMs = options.timeoutMs ?? requestTimeoutMs();
  const { signal, timedOut } = limited(options.signal, timeoutMs);
  const timeout = () => {
    outage.report();
    return new ApiFailure('timeout', 0, t('request.timeout', { s: Math.round(timeoutMs / 1000) }));
  };
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (timedOut()) throw timeout();
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    outage.report();
    throw new ApiFailure('network', 0, error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (timedOut()) throw timeout();
  if (options.signal?.aborted) throw new DOMException('The request was aborted', 'AbortError');
  if (!response.ok) throw failureOf(response, json);
  if (response.status === 204) return undefined as T;
  if (json === null) throw new ApiFailure('server', response.status, `${path}: the answer is not JSON`);
  return json as T;
}

/** The failure an error answer describes (ApiErrorBody; /api/health says why in `reason`). */
function failureOf(response: Response, json: unknown): ApiFailure {
  const failure = json as (Partial<ApiErrorBody> & { reason?: string }) | null;
  const error = failure?.error;
  reportOutage(response.status, error?.code);
  return new ApiFailure(
    failureKind(response.status),
    response.status,
    error?.message ?? failure?.reason ?? `${response.status} ${response.statusText}`,
    error?.param,
    error?.code,
  );
}

/**
 * POST /api/documents as server-sent events: files (or one pasted text) in, each event to `onEvent`
 * as it arrives, the whole result at the end.
 */
async function upload(
  input: File[] | { name: string; text: string },
  onEvent: (event: UploadEvent) => void,
  options: { signal?: AbortSignal; replaces?: string } = {},
): Promise<UploadResponse> {
  let body: FormData | string;
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (Array.isArray(input)) {
    const form = new FormData();
    for (const file of input) form.append('file', file, file.name);
    body = form;
  } else {
    body = JSON.stringify(input);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    const target = options.replaces === undefined ? '' : `?replace=${encodeURIComponent(options.replaces)}`;
    response = await fetch(`/api/documents${target}`, {
      method: 'POST',
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiFailure('network', 0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok || !response.body) throw failureOf(response, await response.json().catch(() => null));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let result: UploadResponse | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (!data) continue;
      const event = JSON.parse(data.slice(6)) as UploadEvent;
      if (event.type === 'done') result = event.result;
      onEvent(event);
    }
  }
  if (!result) throw new ApiFailure('server', response.status, 'the upload ended without its result');
  return result;
}

/** A query the server bounds itself gets this long more before the page gives up on it. */
const SERVER_MARGIN_MS = 5_000;

/** Keys hold `/` (measures: `doc/m2`) and CJK (entities: `港珠澳大桥`); both travel as one path segment. */
export function keySegment(key: string): string {
  return encodeURIComponent(key);
}

/** The table's query string: only what is set. */
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
    request<NamedQueryResult>(`/api/queries/${keySegment(name)}`, {
      body: { params, timeoutMs },
      signal,
      timeoutMs: Math.max(requestTimeoutMs(), timeoutMs + SERVER_MARGIN_MS),
    }),

  /** A named query as a view opens it (model/opening.ts), the request the server answers ahead of time. */
  runNamed: ({ name, body }: NamedQueryRequest, signal?: AbortSignal) =>
    request<NamedQueryResult>(`/api/queries/${keySegment(name)}`, {
      body,
      signal,
      timeoutMs: Math.max(requestTimeoutMs(), body.timeoutMs + SERVER_MARGIN_MS),
    }),

  /** The first page of documents (DOCUMENTS_PAGE_MAX at most: the views that pick plans), filtered. */
  documents: async (signal?: AbortSignal, filter: { region?: string } = {}) =>
    (await request<DocumentList>(documentsPickPath(filter), { signal })).documents,
  /** A page of documents with the total the filter passes (the Documents view). */
  documentPage: (query: { q?: string; limit: number; offset: number }, signal?: AbortSignal) =>
    request<DocumentList>(
      `/api/documents?${new URLSearchParams({
        ...(query.q ? { q: query.q } : {}),
        limit: String(query.limit),
        offset: String(query.offset),
      })}`,
      { signal },
    ),

  outline: (key: string) => request<DocumentOutline>(`/api/documents/${keySegment(key)}`),

  upload,

  deleteDocument: (key: string) => request<void>(`/api/documents/${keySegment(key)}`, { method: 'DELETE' }),

  patchDocument: (key: string, patch: DocumentPatch) =>
    request<DocumentOutline>(`/api/documents/${keySegment(key)}`, { method: 'PATCH', body: patch }),

  /** The measures table: filtered, sorted and paged on the server. */
  measures: (query: MeasureListQuery, signal?: AbortSignal) =>
    request<MeasureListResponse>(measuresPath(query), { signal }),

  /** The same rows, all of them, as CSV (a link to download). */
  /** The table as CSV, in the content script shown (`script`; as stored when `written`). */
  measuresCsvUrl: (query: MeasureListQuery, script: ContentScript = 'written') =>
    measuresPath(
      { ...query, offset: undefined, limit: undefined },
      `&format=csv${script === 'written' ? '' : `&script=${script}`}`,
    ),

  /** The bytes a document was made from, as they arrived (a link: the browser downloads them). */
  documentOriginalUrl: (key: string) => `/api/documents/${encodeURIComponent(key)}/original`,

  compare: (from: string, to: string, signal?: AbortSignal) =>
    request<CompareResponse>(`/api/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, {
      signal,
    }),

  lineage: (key: string, signal?: AbortSignal) =>
    request<LineageResponse>(`/api/measures/${keySegment(key)}/lineage`, { signal }),

  timeline: (key: string, signal?: AbortSignal) =>
    request<TimelineResponse>(`/api/entities/${keySegment(key)}/timeline`, { signal }),

  /** Read-only Cypher (POST /api/cypher). */
  cypher: (query: string, params: Record<string, unknown> = {}, signal?: AbortSignal, timeoutMs = 15000) =>
    request<ReadResult>('/api/cypher', {
      body: { query, params, timeoutMs },
      signal,
      timeoutMs: Math.max(requestTimeoutMs(), timeoutMs + SERVER_MARGIN_MS),
    }),
};
