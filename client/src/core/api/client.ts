/**
 * The one place the client talks HTTP. Every failure becomes an ApiFailure whose `kind` says what
 * went wrong in words the UI can explain (server down, Neo4j down, nothing with that key, a bad
 * parameter), from the API's error shape `{error: {code, message, param?}}`.
 */
import type { SerializedGraph } from 'graphology-types';
import { isNodeLabel, type NodeLabel } from '../graph/schema';
import { OutageWatch } from './outage';

export type FailureKind = 'network' | 'unavailable' | 'not-found' | 'bad-request' | 'server';

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status: number,
    message: string,
    readonly param?: string,
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

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    outage.report();
    throw new ApiFailure('network', 0, error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const detail =
      (body as { error?: { code?: string; message?: string; param?: string }; reason?: string } | null) ?? {};
    const message = detail.error?.message ?? detail.reason ?? `${response.status} ${response.statusText}`;
    const kind = failureKind(response.status);
    reportOutage(response.status, detail.error?.code);
    throw new ApiFailure(kind, response.status, message, detail.error?.param);
  }
  if (body === null) throw new ApiFailure('server', response.status, `${path}: the answer is not JSON`);
  return body as T;
}

/** Keys hold `/` (measures: `doc/m2`) and CJK (entities: `港珠澳大桥`); both travel as one path segment. */
export function keySegment(key: string): string {
  return encodeURIComponent(key);
}

export interface SearchHit {
  key: string;
  label: NodeLabel;
  name: string;
  aliases: string[];
  nameEn?: string | null;
  /** Measures: the number as printed, their document and text. */
  number?: string;
  document?: string;
  text?: string;
  /** Measures: where the query stands in `text`. */
  highlight?: [number, number] | null;
}

type RawHit = Partial<SearchHit> & { labels?: string[]; type?: string; kind?: string; snippet?: string };

function toHit(raw: RawHit): SearchHit | null {
  const label = [raw.label, raw.type, ...(raw.labels ?? [])].find(isNodeLabel);
  if (!raw.key || !label) return null;
  return {
    key: raw.key,
    label,
    name: raw.name ?? raw.key,
    aliases: raw.aliases ?? [],
    nameEn: raw.nameEn,
    number: raw.number,
    document: raw.document,
    text: raw.text ?? raw.snippet,
    highlight: raw.highlight ?? null,
  };
}

/** /api/search answers `{results}`, or entities and measures apart; both read the same here. */
export function readSearchHits(body: unknown): SearchHit[] {
  const parts = Array.isArray(body)
    ? [body]
    : typeof body === 'object' && body
      ? Object.values(body as Record<string, unknown>).filter(Array.isArray)
      : [];
  return (parts.flat() as RawHit[]).map(toHit).filter((hit): hit is SearchHit => hit !== null);
}

/** GET /api/paths (docs/api.md): node and edge keys of the loaded graph. */
export interface PathNode {
  key: string;
  label: string;
  name: string;
  nameEn?: string;
  number?: string;
  document?: string;
}

export interface PathEdge {
  key: string;
  source: string;
  target: string;
  type: string;
}

export interface PathsResult {
  from: string;
  to: string;
  max: number;
  limit: number;
  rels: string[];
  length: number | null;
  truncated: boolean;
  paths: { length: number; nodes: string[]; edges: string[] }[];
  nodes: PathNode[];
  edges: PathEdge[];
}

/** Relationships a path may take: through measures, and with `places` also where places are. */
export const PATH_RELS_MEASURES = ['MENTIONS', 'ASSIGNED_TO'] as const;
export const PATH_RELS_PLACES = [...PATH_RELS_MEASURES, 'LOCATED_IN', 'PART_OF'] as const;

export const EXPORT_FORMATS = ['json', 'gexf', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const api = {
  graph: (signal?: AbortSignal) => getJson<SerializedGraph>('/api/graph', signal),

  /** `types`: labels to keep (`Entity` = every entity type); all by default. */
  search: async (q: string, signal?: AbortSignal, types?: readonly string[]) =>
    readSearchHits(
      await getJson<unknown>(
        `/api/search?q=${encodeURIComponent(q)}&limit=12${types?.length ? `&types=${types.join(',')}` : ''}`,
        signal,
      ),
    ),

  paths: (from: string, to: string, options: { places?: boolean; signal?: AbortSignal } = {}) =>
    getJson<PathsResult>(
      `/api/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&rels=${(options.places
        ? PATH_RELS_PLACES
        : PATH_RELS_MEASURES
      ).join(',')}`,
      options.signal,
    ),

  neighbors: (key: string, depth: number) =>
    getJson<SerializedGraph>(`/api/entities/${keySegment(key)}/neighbors?depth=${depth}`),

  health: () => getJson<{ status: string; counts?: Record<string, number> }>('/api/health'),

  exportUrl: (format: ExportFormat) => `/api/export?format=${format}`,
};
