/**
 * The query API (docs/queries.md): the named queries, running one, and read-only Cypher. Failures
 * become the app's ApiFailure with the server's message (`READ_ONLY`, `CYPHER_SYNTAX`, …) and code.
 */
import type { SerializedGraph } from 'graphology-types';
import { ApiFailure, keySegment, outage, reportOutage, type FailureKind } from '../../core/api/client';

export type ParamType = 'string' | 'integer' | 'float' | 'boolean';

export interface QueryParam {
  name: string;
  type: ParamType;
  required: boolean;
  default?: unknown;
  description?: string;
  min?: number;
  max?: number;
  values?: string[];
}

export interface NamedQuery {
  name: string;
  description: string;
  parameters: QueryParam[];
  example?: Record<string, unknown>;
  cypher?: string;
}

export interface QuerySummary {
  rows: number;
  truncated: boolean;
  elapsedMs?: number;
  nodes?: number;
  relationships?: number;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  graph: SerializedGraph;
  summary: QuerySummary;
}

/** An ApiFailure that also keeps the API's error code. */
export class QueryFailure extends ApiFailure {
  constructor(
    kind: FailureKind,
    status: number,
    message: string,
    readonly code: string | undefined,
    param?: string,
  ) {
    super(kind, status, message, param);
  }
}

function kindOf(status: number): FailureKind {
  if (status === 503) return 'unavailable';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'server';
}

async function request<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
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
    throw new QueryFailure('network', 0, error instanceof Error ? error.message : String(error), undefined);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; param?: string } } | null)?.error;
    reportOutage(response.status, error?.code);
    throw new QueryFailure(
      kindOf(response.status),
      response.status,
      error?.message ?? `${response.status} ${response.statusText}`,
      error?.code,
      error?.param,
    );
  }
  if (json === null)
    throw new QueryFailure('server', response.status, `${path}: the answer is not JSON`, undefined);
  return json as T;
}

export const queryApi = {
  list: async (signal?: AbortSignal) =>
    (await request<{ queries: NamedQuery[] }>('/api/queries', undefined, signal)).queries,
  /** `timeoutMs`: the server's limit for the query (its default is 5000, at most 60000). */
  run: (name: string, params: Record<string, unknown>, signal?: AbortSignal, timeoutMs = 15000) =>
    request<QueryResult>(`/api/queries/${keySegment(name)}`, { params, timeoutMs }, signal),
  cypher: (query: string, params: Record<string, unknown> = {}, signal?: AbortSignal, timeoutMs = 15000) =>
    request<QueryResult>('/api/cypher', { query, params, timeoutMs }, signal),
};
