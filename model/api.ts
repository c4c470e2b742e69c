/**
 * The contract between the server and the client: what every route under /api takes and answers.
 * The server builds these shapes and the client reads them; neither guesses. docs/api.md and
 * docs/queries.md describe them with examples.
 */
import type { Attributes, SerializedGraph } from 'graphology-types';
import type { EntityLabel, NodeLabel, RelType } from './graph';
import type { Json, Properties } from './json';
import type { AlignmentBlock, Span } from './spans';

// ---------------------------------------------------------------------------------------------------
// Errors: every failure answers `{error: {code, message, param?}}` (503s with Retry-After).

export interface ApiErrorBody {
  error: { code: string; message: string; param?: string };
}

// ---------------------------------------------------------------------------------------------------
// GET /api/health

export interface GraphCounts {
  documents: number;
  measures: number;
  entities: number;
}

export interface HealthNeo4j {
  connected: boolean;
  uri: string;
  version: string;
  edition: string;
  embedded: boolean;
}

/** 200 with `status: 'ok'` and the counts; 503 `unavailable`, `restarting` or `failed` with a reason. */
export interface HealthResponse {
  status: 'ok' | 'unavailable' | 'restarting' | 'failed';
  neo4j: HealthNeo4j;
  counts?: GraphCounts;
  reason?: string;
}

// ---------------------------------------------------------------------------------------------------
// GET /api/graph (and /api/entities/:key/neighbors, /api/export?format=json): graphology JSON

export interface GraphFilters {
  /** Labels to keep (`Entity` = every entity type). */
  types?: string[];
  document?: string;
  section?: string;
  minDegree?: number;
  /** Every node even in a corpus too large to draw (exports); `/api/graph` otherwise sends the overview. */
  full?: boolean;
}

/** What the overview of a corpus (GET /api/graph on a large graph) shows of it: its `attributes.overview`. */
export interface OverviewInfo {
  entities: number;
  documents: number;
  totalNodes: number;
  totalEntities: number;
  totalDocuments: number;
  totalMeasures: number;
}

/** A node of the graph JSON: its properties plus what the explorer draws. */
export interface GraphNodeAttributes extends Attributes {
  label: NodeLabel;
  /** displayName (names.ts). */
  name: string;
  /** Measures: the key of the section holding them, null directly under the document. */
  section?: string | null;
  /** Relationships in the whole graph. */
  degree: number;
  /** Measures the node stands for (touching an entity, under a section or document; 1 for a measure). */
  measures: number;
  /** nodeSize (names.ts) of `measures`. */
  size: number;
  x: number;
  y: number;
}

export interface GraphEdgeAttributes extends Attributes {
  type: RelType;
  /** MENTIONS: where in the measure's text. */
  spans?: Span[];
  surface?: string[];
  /** ASSIGNED_TO: a lead unit (牽頭). */
  lead?: boolean;
}

export type GraphResponse = SerializedGraph<GraphNodeAttributes, GraphEdgeAttributes>;

// ---------------------------------------------------------------------------------------------------
// GET /api/search?q=&limit=&types=

export type MatchKind = 'exact' | 'prefix' | 'contains' | 'related';

export interface EntityHit {
  kind: 'entity';
  key: string;
  label: EntityLabel;
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
  /** The plan's year, when it has one. */
  year: number | null;
  text: string;
  /** `text` in the other script, as long as `text` (the content-script switch shows it). */
  textAlt: string | null;
  /** The script its document is written in (`traditional`, `simplified`), null when unknown. */
  script: string | null;
  /** Where the query stands in `text` (offsets also valid in the other script), when it does. */
  highlight: Span | null;
  match: MatchKind;
  score: number;
}

export type SearchHit = EntityHit | MeasureHit;

export interface SearchResponse {
  query: string;
  lucene: string;
  results: SearchHit[];
}

// ---------------------------------------------------------------------------------------------------
// GET /api/entities/:key

export interface Place {
  key: string;
  label: string;
  name: string;
  nameEn: string | null;
  relation?: string;
}

export interface EntityMeasure {
  key: string;
  number: string;
  /** Unique in its document and read like it (`三（一）16`); `number` is the number as printed. */
  reference: string;

  ordinal: number;
  document: string;
  text: string;
  /** Mentions in `text`; empty when the entity is only assigned the measure. */
  spans: Span[];
  surface: string[];
  assigned: boolean;
  lead: boolean;
}

export interface EntityDetail {
  key: string;
  label: string;
  labels: string[];
  properties: Properties;
  locatedIn: Place[];
  partOf: Place[];
  /** Entities located in it or part of it (`relation` says which). */
  contains: Place[];
  /** Documents implementing it (a policy) or signed by it (an institution). */
  documents: { key: string; title: string; relation: string }[];
  counts: { measures: number; mentions: number; assignments: number; leads: number; documents: number };
  /** Measures touching it, by document and order, at most `limit`; `counts.measures` has them all. */
  measures: EntityMeasure[];
}

// ---------------------------------------------------------------------------------------------------
// GET /api/measures/:key

export interface EntityRef {
  key: string;
  label: string;
  name: string;
  nameEn: string | null;
}

export interface SectionRef {
  key: string;
  number: string;
  /** The section's place in the numbering (`三（一）`); empty for an unnumbered heading at the top. */
  reference: string;
  title: string;
  level: number;
}

export interface MeasureDetail {
  key: string;
  number: string;
  /** Unique in its document and read like it (`三（一）16`); `number` is the number as printed. */
  reference: string;
  /** People named as the leader in charge (`分管省領導`), in task-division plans; not units. */
  leaders: string[];
  ordinal: number;
  /** In the document's script; `textAlt` is the other script, character for character. */
  text: string;
  textAlt: string | null;
  /** [start, end) of the measure in the source file. */
  span: number[];
  actions: string[];
  document: { key: string; title: string; year: number | null; date: string | null; script: string | null };
  /** The innermost section; `sections` is the path from the top. Null and empty directly under the document. */
  section: SectionRef | null;
  sections: SectionRef[];
  /** Mentions in order of first appearance; `spans` are offsets into `text`. */
  mentions: (EntityRef & { spans: Span[]; surface: string[] })[];
  units: (EntityRef & { lead: boolean })[];
  previous: string | null;
  next: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Plans across years: GET /api/measures (the table), /api/compare, /api/measures/:key/lineage,
// /api/entities/:key/timeline. Lineage links measures of plans of one series (the same `region`,
// different years); `CONTINUES` runs from the newer measure to the older one.

/** How a measure continues one of an earlier plan (`CONTINUES.kind`). */
export const LINEAGE_KINDS = ['same', 'revised', 'merged', 'split'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];
/** A measure's place in its series: a kind, `new` (it continues nothing), or null (no earlier plan). */
export type LineageStatus = LineageKind | 'new' | null;

/** A document as lists across plans name it. */
export interface DocumentRef {
  key: string;
  title: string;
  year: number | null;
  region: string | null;
  /** The script its texts are written in (`traditional`, `simplified`), null when unknown or not read. */
  script: string | null;
}

/** A measure as the table, the comparison, the lineage and the timeline show it. */
export interface MeasureRow {
  key: string;
  reference: string;
  number: string;
  ordinal: number;
  document: DocumentRef;
  /** The sections from the top, each `number title` as printed (`三、促進現代服務業合作`). */
  sections: string[];
  text: string;
  /** `text` in the other script, character for character (the content-script switch shows it). */
  textAlt: string | null;
  entities: string[];
  units: string[];
  actions: string[];
  /** Against the earlier plans of its series. */
  lineage: LineageStatus;
  /** The next plan of its series continues nothing of it (false when there is no next plan). */
  dropped: boolean;
}

export const MEASURE_SORTS = ['document', 'year', 'reference', 'text', 'lineage', 'entities'] as const;
export type MeasureSort = (typeof MEASURE_SORTS)[number];

export interface MeasureListQuery {
  /** Words in the text (either script), a reference, a section title, an entity or a unit. */
  q?: string;
  /**
   * Only the measures of one node of the graph (by key): a measure itself, those touching an entity
   * or a unit (MENTIONS, ASSIGNED_TO), those of a document or under a section.
   */
  node?: string;
  document?: string;
  year?: number;
  region?: string;
  lineage?: LineageStatus | 'dropped';
  sort?: MeasureSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface MeasureListResponse {
  total: number;
  offset: number;
  limit: number;
  rows: MeasureRow[];
  /** What the document filter offers: the newest 1,000 documents, oldest first. */
  documents: DocumentRef[];
}

export interface ComparePair {
  from: MeasureRow;
  to: MeasureRow;
  kind: LineageKind;
  similarity: number;
  /** Runs of identical characters: [from start, from end, to start, to end] in the two texts. */
  alignment: AlignmentBlock[];
}

export interface EntityChange extends EntityRef {
  /** Measures of `from` and of `to` that mention it (or are assigned to it). */
  from: number;
  to: number;
}

export interface CompareResponse {
  from: DocumentRef;
  to: DocumentRef;
  /** `stored`: the lineage in the graph (a series); `computed`: aligned for this request (other plans). */
  source: 'stored' | 'computed';
  pairs: ComparePair[];
  /** Measures of `to` that continue nothing of `from`. */
  added: MeasureRow[];
  /** Measures of `from` that nothing of `to` continues. */
  dropped: MeasureRow[];
  entities: { gained: EntityChange[]; lost: EntityChange[] };
  units: {
    gained: EntityChange[];
    lost: EntityChange[];
    /** In paired measures: a unit no longer named and one named instead, with how often. */
    handovers: { from: EntityRef; to: EntityRef; measures: number }[];
  };
}

export interface LineageLink {
  /** The newer measure and the older one it continues. */
  from: string;
  to: string;
  kind: LineageKind;
  similarity: number;
}

export interface LineageResponse {
  measure: string;
  /** Every measure of the chain (the measure's predecessors and successors, transitively), by year. */
  measures: MeasureRow[];
  links: LineageLink[];
  /** Measures of the same plan that say nearly the same thing (`SIMILAR_TO`), most alike first. */
  similar: (MeasureRow & { similarity: number })[];
}

export interface TimelineYear {
  year: number | null;
  documents: { document: DocumentRef; measures: MeasureRow[] }[];
  count: number;
}

export interface TimelineResponse {
  entity: EntityRef;
  years: TimelineYear[];
}

// ---------------------------------------------------------------------------------------------------
// GET /api/documents, GET /api/documents/:key

export interface DocumentSummary {
  key: string;
  title: string;
  year: number | null;
  date: string | null;
  issuer: string[];
  source: string | null;
  sha256: string | null;
  script: string | null;
  /** How the file was read: `text`, `markdown`, `html`, `docx`, `pdf`. */
  format: string | null;
  /** For text and web pages: the encoding read (`UTF-8`, `GB18030`, `Big5`, …). */
  encoding: string | null;
  /** The document number (文號) as printed. */
  documentNumber: string | null;
  /** The partner: `hong-kong`, `macao` or `both`. */
  region: string | null;
  /** How many warnings the parser gave (the report lists them). */
  warnings: number;
  /** When it was (last) loaded, ISO 8601. */
  loadedAt: string | null;
  /** Metadata fields a user corrected. */
  edited: string[];
  counts: { sections: number; measures: number; entities: number; units: number };
}

// ---------------------------------------------------------------------------------------------------
// POST /api/documents (multipart, field `file`, repeatable; or JSON {name, text})
// DELETE /api/documents/:key, PATCH /api/documents/:key

/** Stages a file goes through on its way in. */
export const INGEST_STAGES = ['read', 'parse', 'extract', 'load'] as const;
export type IngestStage = (typeof INGEST_STAGES)[number];

/** What became of one uploaded file that loaded: the parse report. */
export interface UploadedDocument {
  file: string;
  key: string;
  title: string;
  year: number | null;
  /** `created`, `replaced` (a new version of the same file) or `unchanged`. */
  outcome: string;
  /** How it was read (`PDF`, `web page, GB18030`, …). */
  readAs: string;
  measures: number;
  entities: number;
  units: number;
  /** The parser's warnings, `line N: …`, and what the reader changed. */
  warnings: string[];
  /** Said when the file got a key other than its name's (another file had it). */
  note: string | null;
}

export interface UploadFailure {
  file: string;
  code: string;
  message: string;
}

export interface UploadResponse {
  documents: UploadedDocument[];
  failures: UploadFailure[];
}

/** Server-sent events of an upload asked with `Accept: text/event-stream`. */
export type UploadEvent =
  | { type: 'stage'; file: string; stage: IngestStage }
  | { type: 'document'; document: UploadedDocument }
  | { type: 'failure'; failure: UploadFailure }
  | { type: 'done'; result: UploadResponse };

/** Which partner a plan is with, read from its title. */
export const PARTNER_REGIONS = ['hong-kong', 'macao', 'both'] as const;

/** Documents per page of GET /api/documents by default, and at most. */
export const DOCUMENTS_PAGE = 500;
export const DOCUMENTS_PAGE_MAX = 5_000;

/** GET /api/documents: a page of the documents the filter passes, and how many it passes. */
export interface DocumentList {
  documents: DocumentSummary[];
  total: number;
  limit: number;
  offset: number;
}
export type PartnerRegion = (typeof PARTNER_REGIONS)[number];

/** PATCH /api/documents/:key: the metadata a user may correct. */
export interface DocumentPatch {
  title?: string;
  year?: number | null;
  date?: string | null;
  issuer?: string[];
  documentNumber?: string | null;
  region?: PartnerRegion | null;
}

export interface OutlineMeasure {
  key: string;
  number: string;
  /** Unique in its document and read like it (`三（一）16`); `number` is the number as printed. */
  reference: string;
  ordinal: number;
  text: string;
  /** Entities it mentions or is assigned to. */
  entities: number;
}

export interface OutlineSection {
  key: string;
  number: string;
  /** The section's place in the numbering (`三（一）`). */
  reference: string;
  title: string;
  level: number;
  ordinal: number;
  measures: OutlineMeasure[];
  sections: OutlineSection[];
}

export interface DocumentOutline extends DocumentSummary {
  implements: { key: string; name: string; nameEn: string | null }[];
  signedBy: { key: string; name: string; nameEn: string | null }[];
  /** Top-level sections, each with its measures and subsections, in document order. */
  sections: OutlineSection[];
  /** Measures outside every section (none when the parser found sections). */
  measures: OutlineMeasure[];
}

// ---------------------------------------------------------------------------------------------------
// GET /api/paths?from=&to=&max=&limit=&rels=

/** Relationships a path may take: through measures, and with places also where places are. */
export const PATH_RELS_MEASURES = ['MENTIONS', 'ASSIGNED_TO'] as const satisfies readonly RelType[];
export const PATH_RELS_PLACES = [
  ...PATH_RELS_MEASURES,
  'LOCATED_IN',
  'PART_OF',
] as const satisfies readonly RelType[];

export interface PathNode {
  key: string;
  /** The node's type: Measure or an entity label (City, Port, …). */
  label: string;
  /** displayName: the entity's name, `16. 支持兩地…` for a measure. */
  name: string;
  nameEn?: string;
  /** Measures: the number as printed, the document's key, the ordinal. */
  number?: string;
  document?: string;
  ordinal?: number;
}

export interface PathEdge {
  key: string;
  source: string;
  target: string;
  type: string;
}

export interface EntityPath {
  length: number;
  /** Node keys from `from` to `to`. */
  nodes: string[];
  /** Edge keys, `edges[i]` joining `nodes[i]` and `nodes[i + 1]` (in either direction). */
  edges: string[];
}

export interface PathsResult {
  from: string;
  to: string;
  max: number;
  limit: number;
  rels: string[];
  /** The length of the shortest paths; null when there is none within `max`. */
  length: number | null;
  /** More shortest paths exist than `limit`. */
  truncated: boolean;
  paths: EntityPath[];
  nodes: PathNode[];
  edges: PathEdge[];
}

// ---------------------------------------------------------------------------------------------------
// GET /api/export?format=

export const EXPORT_FORMATS = ['json', 'gexf', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// ---------------------------------------------------------------------------------------------------
// GET /api/queries, POST /api/queries/:name, POST /api/cypher

export type ParamType = 'string' | 'integer' | 'float' | 'boolean';

export type Literal = null | boolean | number | string | Literal[] | { [key: string]: Literal };

export interface QueryParameter {
  name: string;
  type: ParamType;
  required: boolean;
  /** Present when not required; null means the parameter may be null. */
  default?: Literal;
  description: string;
  min?: number;
  max?: number;
  /** The values a string parameter may take. */
  values?: string[];
}

export interface NamedQuery {
  name: string;
  description: string;
  parameters: QueryParameter[];
  /** Example parameters: a value for every parameter. */
  example: Record<string, Literal>;
  /** Path relative to the repository, e.g. cypher/overlaps.cypher */
  file: string;
  /** The whole file, header included: what runs. */
  cypher: string;
}

export interface QueriesResponse {
  queries: NamedQuery[];
}

/** The body of POST /api/cypher; POST /api/queries/:name takes the same without `query`. */
export interface QueryRequest {
  query?: string;
  params?: Record<string, unknown>;
  timeoutMs?: number;
  maxRows?: number;
}

/** How a console query ran: as written, or `EXPLAIN …`/`PROFILE …`. */
export type QueryMode = 'run' | 'explain' | 'profile';

/** A plan node: EXPLAIN's, or PROFILE's with its statistics. */
export interface PlanJson {
  operator: string;
  details: string | null;
  identifiers: string[];
  estimatedRows: number | null;
  rows?: number;
  dbHits?: number;
  pageCacheHits?: number;
  pageCacheMisses?: number;
  time?: number;
  children: PlanJson[];
}

export interface ReadSummary {
  /** Rows returned (at most maxRows). */
  rows: number;
  /** True when the query had more rows than maxRows; the rest were discarded. */
  truncated: boolean;
  maxRows: number;
  timeoutMs: number;
  elapsedMs: number;
  /** Always 'r': anything else is refused before it runs. */
  queryType: string;
  mode: QueryMode;
  /** Nodes and relationships in `graph`. */
  nodes: number;
  relationships: number;
  /** The server's notifications (deprecations, cartesian products, unknown labels, …). */
  notifications: { code: string; title: string; description: string }[];
}

export interface ReadResult {
  columns: string[];
  rows: Record<string, Json>[];
  /** Every node and relationship in the rows, keyed like /api/graph's. */
  graph: SerializedGraph;
  summary: ReadSummary;
  /** For EXPLAIN the plan, for PROFILE the profile with its statistics. */
  plan?: PlanJson;
}

/** POST /api/queries/:name also says which query ran and with which parameters. */
export interface NamedQueryResult extends ReadResult {
  query: string;
  params: Record<string, Json>;
}
