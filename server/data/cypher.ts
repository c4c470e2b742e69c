/**
 * Read-only Cypher execution, shared by the named queries (/api/queries/:name) and the analysts'
 * console (/api/cypher), and the conversion of a result to plain JSON: `{columns, rows, graph,
 * summary}`, where `graph` is graphology's serialized form of every node and relationship in the rows.
 *
 * Read-only is enforced in four layers, so that no query sent here can change the graph:
 *  1. a static check refuses what EXPLAIN reports as a read but that still reaches outside the graph
 *     or commits on its own: LOAD CSV, CALL { … } IN TRANSACTIONS, USE, SHOW/TERMINATE
 *     TRANSACTIONS and other administration commands, dbms.* and other state-changing procedures;
 *  2. `EXPLAIN <query>` must report the query type 'r' (not 'rw', 'w' or 's': writes, schema and
 *     dbms-mode procedures);
 *  3. it runs in a transaction opened in READ access mode, where the server refuses writes;
 *  4. that transaction is always rolled back, never committed.
 * A query text EXPLAIN found read-only is remembered, so it is planned once, not on every run. The
 * named queries of cypher/ (`trusted`) then run as one auto-commit query in READ mode, as the other
 * routes' reads do: layers 1–3 hold for them, and a read-only plan commits nothing.
 * Every run has a timeout (the server terminates the transaction; a watchdog here answers even if it
 * does not) and a row cap (further records are discarded, and `summary.truncated` says so).
 */
import type { SerializedGraph } from 'graphology-types';
import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
  type Node,
  type Relationship,
  type Transaction,
} from 'neo4j-driver';
import type { Connection } from '../db/connection';
import { withoutCallSite } from '../db/without-call-site';
import { ApiError } from '../http/errors';
import { displayName } from './graph';
import { spanPairs, type Json } from './values';

export type { Json };

export const DEFAULT_TIMEOUT_MS = 5_000;
export const MAX_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_ROWS = 1_000;
export const MAX_MAX_ROWS = 10_000;
/** How long after the timeout the watchdog answers if the server has not terminated the query. */
const WATCHDOG_GRACE_MS = 3_000;

export interface ReadOptions {
  timeoutMs?: number;
  maxRows?: number;
  /**
   * The query is one of ours (a file in cypher/, reviewed with the code), not a user's text. It is
   * still checked like any other the first time it runs, but once its plan is known to be read-only it
   * runs as one auto-commit query in READ mode: the same single round trip as a bare driver call,
   * where a user's query always gets a transaction of its own that is rolled back.
   */
  trusted?: boolean;
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
  /** Nodes and relationships in `graph`. */
  nodes: number;
  relationships: number;
  /** The server's notifications (deprecations, cartesian products, unknown labels, …). */
  notifications: { code: string; title: string; description: string }[];
}

export interface ReadResult {
  columns: string[];
  rows: Record<string, Json>[];
  graph: SerializedGraph;
  summary: ReadSummary;
}

// ---------------------------------------------------------------------------------------------------
// The static check

/**
 * The query with its comments removed and the contents of its string literals blanked (`'…'` → `''`),
 * and backtick-quoted names unquoted, so that keywords are only found where Cypher would read them.
 */
export function codeOf(query: string): string {
  let out = '';
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    const next = query[i + 1];
    if (c === '/' && next === '/') {
      while (i < query.length && query[i] !== '\n') i++;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end === -1 ? query.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"') {
      i++;
      while (i < query.length && query[i] !== c) i += query[i] === '\\' ? 2 : 1;
      i++;
      out += `${c}${c}`;
    } else if (c === '`') {
      const end = query.indexOf('`', i + 1);
      out += query.slice(i + 1, end === -1 ? query.length : end);
      i = end === -1 ? query.length : end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Procedures that change the database or the server, or reach outside it, even in a read query. */
const REFUSED_PROCEDURES: { pattern: RegExp; why: string }[] = [
  { pattern: /^dbms\./i, why: 'dbms.* procedures administer the server' },
  {
    pattern:
      /^db\.(create|clear|stats\.(clear|collect|stop)|resample|prepareForReplanning|index\.\w+\.create)/i,
    why: 'it changes the database, its indexes or its caches',
  },
  { pattern: /^tx\.setMetaData$/i, why: 'it changes the transaction' },
  {
    pattern:
      /^apoc\.(load|import|export|periodic|trigger|systemdb|config|cypher|create|merge|refactor|lock|atomic|schema|uuid|ttl|log|nodes\.(delete|link|rels)|do\b|when\b)/i,
    why: 'it writes, reads files or URLs, or runs other Cypher',
  },
];

const ADMINISTRATION =
  /^(?:(?:CREATE(?:\s+OR\s+REPLACE)?|DROP|ALTER|START|STOP|RENAME|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\s+(?:COMPOSITE\s+)?(?:USER|ROLE|DATABASES?|ALIAS|SERVERS?)\b|GRANT\b|DENY\b|REVOKE\b)/i;
const SHOW_ALLOWED =
  /^SHOW\s+(?:\w+\s+){0,3}?(?:INDEX|INDEXES|CONSTRAINT|CONSTRAINTS|PROCEDURE|PROCEDURES|FUNCTION|FUNCTIONS)\b/i;

function refuse(message: string): never {
  throw new ApiError(400, 'READ_ONLY', message);
}

/**
 * Refuses (400 READ_ONLY) what EXPLAIN would let through as a read but must not run here. Writes and
 * schema changes are refused after EXPLAIN, by their query type.
 */
export function refuseUnsafe(query: string): void {
  // Query options (`CYPHER 5`, `CYPHER runtime=slotted`) are allowed; keywords are checked after them.
  const code = codeOf(query)
    .trim()
    .replace(/^(?:CYPHER(?:\s+\d+)?(?:\s+\w+\s*=\s*\w+)*\s+)/i, '');
  if (/^(EXPLAIN|PROFILE)\b/i.test(code))
    refuse(
      'EXPLAIN and PROFILE are not available here: send the query itself (/api/cypher is read-only and returns rows, not plans)',
    );
  if (ADMINISTRATION.test(code))
    refuse(
      'Administration commands (users, roles, databases, privileges) are not allowed; /api/cypher is read-only',
    );
  if (/\bLOAD\s+CSV\b/i.test(code))
    refuse('LOAD CSV is not allowed: /api/cypher is read-only and reads the graph, not files or URLs');
  if (/\}\s*IN\s+(?:\S+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b/i.test(code))
    refuse(
      'CALL { … } IN TRANSACTIONS is not allowed: it commits batches of its own, and /api/cypher is read-only',
    );
  if (/\bTERMINATE\s+TRANSACTIONS?\b/i.test(code))
    refuse('TERMINATE TRANSACTIONS is an administration command; /api/cypher is read-only');
  if (/^SHOW\b/i.test(code) && !SHOW_ALLOWED.test(code))
    refuse(
      'Administration commands are not allowed (/api/cypher is read-only); of the SHOW commands only SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are',
    );
  if (/(?:^|\{)\s*USE\s/i.test(code))
    refuse('USE is not allowed: /api/cypher is read-only and runs against the explorer’s own database');
  for (const match of code.matchAll(/\bCALL\s+([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)/gi)) {
    const name = match[1]!.replace(/\s+/g, '');
    const refused = REFUSED_PROCEDURES.find((p) => p.pattern.test(name));
    if (refused) refuse(`The procedure ${name} is not allowed: ${refused.why}; /api/cypher is read-only`);
  }
}

/** The first clause of `code` that writes or changes the schema, for the refusal message. */
function writeClause(code: string): string | undefined {
  const match =
    /(?<![.\w$])(DETACH\s+DELETE|CREATE\s+(?:OR\s+REPLACE\s+)?(?:\w+\s+)?(?:INDEX|CONSTRAINT|USER|ROLE|DATABASE|ALIAS)|DROP|ALTER|CREATE|MERGE|DELETE|SET|REMOVE|FOREACH|GRANT|DENY|REVOKE)(?![\w$])/i.exec(
      code,
    );
  return match?.[1]?.replace(/\s+/g, ' ').toUpperCase();
}

function refuseQueryType(queryType: string, query: string): void {
  if (queryType === 'r') return;
  const clause = writeClause(codeOf(query));
  const named = clause ? ` (${clause})` : '';
  if (queryType === 's')
    refuse(
      `The query${named} changes the schema or administers the database (query type 's'); /api/cypher is read-only`,
    );
  refuse(`The query writes to the graph${named} (query type '${queryType}'); /api/cypher is read-only`);
}

// ---------------------------------------------------------------------------------------------------
// Parameters and errors

/**
 * JSON parameters as Neo4j expects them: whole numbers become Cypher integers (as in Neo4j's own HTTP
 * API), so `LIMIT $n` and `range(1, $n)` work; other values pass through.
 */
export function toNeo4jParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNeo4jParams(v)]));
  return value;
}

interface DriverError {
  code?: string;
  message?: string;
}

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

function timeoutError(timeoutMs: number): ApiError {
  return new ApiError(
    504,
    'QUERY_TIMEOUT',
    `The query did not finish within its timeout of ${timeoutMs} ms and was stopped; narrow it, add a LIMIT, or raise timeoutMs (at most ${MAX_TIMEOUT_MS})`,
  );
}

const EXPLAIN = 'EXPLAIN ';

interface Plan {
  queryType: string;
  notifications: ReadSummary['notifications'];
}

/**
 * What EXPLAIN said about a query text: its type does not depend on the parameters, so a text already
 * found read-only is not planned twice (Neo4j caches the plan itself; this saves the round trip).
 * Only read-only plans are kept, at most PLAN_CACHE_SIZE of them, the least recently used dropped.
 */
const PLAN_CACHE_SIZE = 500;
const plans = new Map<string, Plan>();

function cachedPlan(query: string): Plan | undefined {
  const plan = plans.get(query);
  if (plan) {
    plans.delete(query);
    plans.set(query, plan);
  }
  return plan;
}

function rememberPlan(query: string, plan: Plan): void {
  if (plan.queryType !== 'r') return;
  plans.set(query, plan);
  if (plans.size > PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value!);
}

/** Forgets every remembered plan (for tests). */
export function clearPlanCache(): void {
  plans.clear();
}

/**
 * A syntax error found while planning `EXPLAIN <query>`, with its position and quoted line as they
 * are in the query that was sent (without the EXPLAIN prefix).
 */
export function withoutExplain(message: string): string {
  const position = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/.exec(message);
  if (!position) return message.replace(`"${EXPLAIN}`, '"');
  const [, line, column, offset] = position.map(Number) as [number, number, number, number];
  const shift = line === 1 ? EXPLAIN.length : 0;
  let fixed = message.replace(
    position[0],
    `(line ${line}, column ${Math.max(1, column - shift)} (offset: ${Math.max(0, offset - EXPLAIN.length)}))`,
  );
  if (line === 1)
    fixed = fixed
      .replace(`"${EXPLAIN}`, '"')
      .replace(/\n( *)\^/, (_m, spaces: string) => `\n${spaces.slice(shift)}^`);
  return fixed;
}

/** Neo4j's failures as API errors: the user's mistakes are 400s, an unreachable Neo4j is a 503. */
export function apiErrorOf(error: unknown, timeoutMs: number): unknown {
  if (error instanceof ApiError) return error;
  const { code = '', message = String(error) } = (error ?? {}) as DriverError;
  const text = message.trim();
  if (TIMEOUT_CODES.has(code)) return timeoutError(timeoutMs);
  if (code === 'Neo.ClientError.Statement.AccessMode')
    return new ApiError(
      400,
      'READ_ONLY',
      `The query tried to write; /api/cypher is read-only (${text.split('\n')[0]})`,
    );
  if (code === 'Neo.ClientError.Statement.ParameterMissing') {
    const name = /Expected parameter\(s\):\s*([^\s,]+)/.exec(text)?.[1] ?? 'params';
    return new ApiError(400, 'BAD_PARAMETER', `${name}: the query needs this parameter (${text})`, name);
  }
  if (code === 'Neo.ClientError.Statement.SyntaxError')
    return new ApiError(400, 'CYPHER_SYNTAX', `Cypher syntax error: ${withoutExplain(text)}`);
  if (/^Neo\.ClientError\.(Statement|Procedure|Schema)\./.test(code))
    return new ApiError(400, 'CYPHER_ERROR', `${text} [${code}]`);
  if (/^Neo\.ClientError\.Security\./.test(code))
    return new ApiError(403, 'FORBIDDEN', `Neo4j refused the query: ${text.split('\n')[0]}`);
  if (/MemoryPool|OutOfMemory/i.test(code))
    return new ApiError(
      400,
      'QUERY_TOO_LARGE',
      `The query needs more memory than Neo4j allows it: ${text.split('\n')[0]}`,
    );
  if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    /Pool is closed|ECONNREFUSED|ECONNRESET|Connection was closed/i.test(text)
  )
    return new ApiError(503, 'NEO4J_UNAVAILABLE', 'Neo4j is unreachable; try again when it is back');
  return error;
}

// ---------------------------------------------------------------------------------------------------
// Values to JSON

function integerToJson(value: { toNumber(): number; toString(): string; inSafeRange(): boolean }): Json {
  return value.inSafeRange() ? value.toNumber() : value.toString();
}

function propertiesToJson(properties: Record<string, unknown>): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toJson(v)]));
}

type Properties = { [key: string]: Json };

/**
 * While one result is converted (synchronously, see `converting`), each node's and relationship's
 * properties are converted once, however many rows, paths and the graph repeat them (a named query's
 * paths repeat the document and section in every row). Shared, so never mutated.
 */
let memo: { nodes: Map<string, Properties>; rels: Map<string, Properties> } | null = null;

function converting<T>(convert: () => T): T {
  memo = { nodes: new Map(), rels: new Map() };
  try {
    return convert();
  } finally {
    memo = null;
  }
}

/** An element's properties as JSON, converted once per result while `converting` holds a cache. */
function cachedProperties(
  cache: Map<string, Properties> | undefined,
  element: Node | Relationship,
): Properties {
  let properties = cache?.get(element.elementId);
  if (!properties) {
    properties = propertiesToJson(element.properties);
    cache?.set(element.elementId, properties);
  }
  return properties;
}

const nodeProperties = (node: Node): Properties => cachedProperties(memo?.nodes, node);
const relationshipProperties = (rel: Relationship): Properties => cachedProperties(memo?.rels, rel);

function nodeToJson(node: Node): Json {
  return {
    elementId: node.elementId,
    labels: [...node.labels],
    properties: nodeProperties(node),
  };
}

function relationshipToJson(rel: Relationship): Json {
  return {
    elementId: rel.elementId,
    type: rel.type,
    startNodeElementId: rel.startNodeElementId,
    endNodeElementId: rel.endNodeElementId,
    properties: relationshipProperties(rel),
  };
}

/**
 * A Neo4j value as plain JSON: integers as numbers (as decimal strings beyond 2^53), nodes as
 * `{elementId, labels, properties}`, relationships as `{elementId, type, startNodeElementId,
 * endNodeElementId, properties}`, paths as `{nodes, relationships}` in path order, temporal values as
 * ISO-8601 strings, points as `{srid, x, y[, z]}`, byte arrays as lists of numbers, and NaN/±Infinity
 * as strings.
 */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (isInt(value)) return integerToJson(value);
  if (isNode(value)) return nodeToJson(value);
  if (isRelationship(value)) return relationshipToJson(value);
  if (isPath(value)) {
    const nodes = [value.start, ...value.segments.map((s) => s.end)];
    return {
      nodes: nodes.map(nodeToJson),
      relationships: value.segments.map((s) => relationshipToJson(s.relationship)),
    };
  }
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value))
    return value.toString();
  // The driver writes one day as "P1DT"; ISO-8601 has no empty time part.
  if (isDuration(value)) return value.toString().replace(/T$/, '');
  if (isPoint(value)) {
    const point: { [key: string]: Json } = { srid: toJson(value.srid), x: value.x, y: value.y };
    if (value.z !== undefined) point.z = value.z;
    return point;
  }
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
    return String(value);
  }
  return String(value);
}

// ---------------------------------------------------------------------------------------------------
// The graph of a result

/** The node's main label: its one label besides `Entity` (`Port`, `City`, …), else its first label. */
export function mainLabel(labels: readonly string[]): string {
  const specific = labels.filter((l) => l !== 'Entity').sort();
  return specific[0] ?? labels[0] ?? 'Node';
}

function collectGraphElements(
  value: unknown,
  nodes: Map<string, Node>,
  rels: Map<string, Relationship>,
): void {
  if (value === null || typeof value !== 'object' || isInt(value)) return;
  if (isNode(value)) {
    nodes.set(value.elementId, value);
  } else if (isRelationship(value)) {
    rels.set(value.elementId, value);
  } else if (isPath(value)) {
    nodes.set(value.start.elementId, value.start);
    for (const segment of value.segments) {
      nodes.set(segment.end.elementId, segment.end);
      rels.set(segment.relationship.elementId, segment.relationship);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectGraphElements(item, nodes, rels);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collectGraphElements(item, nodes, rels);
  }
}

/**
 * What the export (ingest/export.ts) and /api/graph show as a node's name when the node has no `name`
 * property: a document's or section's title, "number. text…" for a measure (graph.ts's displayName).
 */
function displayNameOf(label: string, properties: Record<string, Json>): string | undefined {
  if (properties.name !== undefined) return undefined;
  const titled = (label === 'Document' || label === 'Section') && typeof properties.title === 'string';
  const measure = label === 'Measure' && typeof properties.text === 'string';
  return titled || measure ? displayName(label, properties, '') : undefined;
}

/**
 * graphology's serialized form of the nodes and relationships found anywhere in `values` (in nodes,
 * relationships, paths, and lists and maps of them). Nodes are keyed by their `key` property, as in
 * the ingest export, or by elementId when they have none; attributes are `label` (the main label),
 * `name` (for documents and sections their title, for measures "number. text…", as in the export)
 * and the properties but `textAlt`. Edges are keyed like the export's (`source->target` for
 * HAS_SECTION/HAS_MEASURE, `source-TYPE->target` otherwise) and carry `type` and the properties, a
 * mention's `spans` as pairs [[start, end], …] like the export's. A relationship whose two nodes are
 * not both in the result is left out.
 */
export function toGraph(values: Iterable<unknown>): SerializedGraph {
  const nodes = new Map<string, Node>();
  const rels = new Map<string, Relationship>();
  for (const value of values) collectGraphElements(value, nodes, rels);

  // Written straight in graphology's serialized form (what Graph#export gives for a directed multi
  // graph with self-loops), without building a Graph: this runs on every named query and console run.
  const serializedNodes: SerializedGraph['nodes'] = [];
  const serializedEdges: SerializedGraph['edges'] = [];
  const nodeKeys = new Set<string>();
  const edgeKeys = new Set<string>();
  const keyOf = new Map<string, string>();
  for (const node of nodes.values()) {
    // textAlt (the measure in the other script) is for search, not for drawing.
    const { textAlt: _textAlt, ...properties } = nodeProperties(node);
    const label = mainLabel(node.labels);
    let key = typeof properties.key === 'string' ? properties.key : node.elementId;
    if (nodeKeys.has(key)) key = node.elementId;
    const name = displayNameOf(label, properties);
    nodeKeys.add(key);
    serializedNodes.push({
      key,
      attributes: { ...properties, ...(name !== undefined ? { name } : {}), label },
    });
    keyOf.set(node.elementId, key);
  }
  for (const rel of rels.values()) {
    const source = keyOf.get(rel.startNodeElementId);
    const target = keyOf.get(rel.endNodeElementId);
    if (source === undefined || target === undefined) continue;
    let key =
      rel.type === 'HAS_SECTION' || rel.type === 'HAS_MEASURE'
        ? `${source}->${target}`
        : `${source}-${rel.type}->${target}`;
    if (edgeKeys.has(key)) key = rel.elementId;
    edgeKeys.add(key);
    const properties = { ...relationshipProperties(rel) };
    // As in the export contract, a mention's spans are pairs [[start, end], …] in the graph.
    if (rel.type === 'MENTIONS' && Array.isArray(properties.spans))
      properties.spans = spanPairs(properties.spans);
    serializedEdges.push({ key, source, target, attributes: { ...properties, type: rel.type } });
  }
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: {},
    nodes: serializedNodes,
    edges: serializedEdges,
  };
}

// ---------------------------------------------------------------------------------------------------
// Running

function bounded(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return fallback;
  return Math.min(Math.floor(value), max);
}

interface Rows {
  columns: string[];
  records: unknown[][];
  truncated: boolean;
  notifications: ReadSummary['notifications'];
}

/** EXPLAIN's verdict on the query, remembered; refuses anything but a read. */
async function checkedPlan(
  runner: Pick<Transaction, 'run'>,
  query: string,
  params: Record<string, unknown>,
): Promise<Plan> {
  let plan = cachedPlan(query);
  if (!plan) {
    const { summary } = await withoutCallSite(() => runner.run(`${EXPLAIN}${query}`, params));
    plan = {
      queryType: summary.queryType,
      notifications: summary.notifications.map((n) => ({
        code: n.code,
        title: n.title,
        description: n.description,
      })),
    };
    refuseQueryType(plan.queryType, query);
    rememberPlan(query, plan);
  }
  return plan;
}

/** Streams up to maxRows records; the rest are discarded on the server. */
async function collectRows(
  result: ReturnType<Transaction['run']>,
  maxRows: number,
  plan: Plan,
): Promise<Rows> {
  const columns = await result.keys();
  const records: unknown[][] = [];
  let truncated = false;
  for await (const record of result) {
    if (records.length === maxRows) {
      truncated = true;
      break;
    }
    records.push(columns.map((c) => record.get(c)));
  }
  return { columns, records, truncated, notifications: plan.notifications };
}

/**
 * Runs one read-only query and converts its result. Throws ApiError: 400 READ_ONLY for anything that
 * is not a pure read, 400 CYPHER_SYNTAX/CYPHER_ERROR/BAD_PARAMETER for the query's mistakes, 504
 * QUERY_TIMEOUT, 503 NEO4J_UNAVAILABLE.
 */
export async function runReadOnly(
  connection: Connection,
  query: string,
  params: Record<string, unknown> = {},
  options: ReadOptions = {},
): Promise<ReadResult> {
  const timeoutMs = bounded(options.timeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const maxRows = bounded(options.maxRows, DEFAULT_MAX_ROWS, MAX_MAX_ROWS);
  // A text with a remembered plan passed this check (and EXPLAIN) before it was remembered.
  const known = cachedPlan(query);
  if (!known) refuseUnsafe(query);

  const started = Date.now();
  const session = connection.driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
  });
  const metadata = { app: 'policy-graph-explorer' };
  let tx: Transaction | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  const work = (async () => {
    if (options.trusted && known)
      return collectRows(
        withoutCallSite(() => session.run(query, params, { timeout: timeoutMs, metadata })),
        maxRows,
        known,
      );
    const checked = session.beginTransaction({ timeout: timeoutMs, metadata });
    tx = checked;
    const plan = await checkedPlan(checked, query, params);
    return collectRows(
      withoutCallSite(() => checked.run(query, params)),
      maxRows,
      plan,
    );
  })();
  const expired = new Promise<never>((_resolve, reject) => {
    watchdog = setTimeout(() => reject(timeoutError(timeoutMs)), timeoutMs + WATCHDOG_GRACE_MS);
  });
  try {
    const { columns, records, truncated, notifications } = await Promise.race([work, expired]);
    const { graph, rows } = converting(() => ({
      graph: toGraph(records),
      rows: records.map((values) => Object.fromEntries(columns.map((c, i) => [c, toJson(values[i])]))),
    }));
    return {
      columns,
      rows,
      graph,
      summary: {
        rows: records.length,
        truncated,
        maxRows,
        timeoutMs,
        elapsedMs: Date.now() - started,
        queryType: 'r',
        nodes: graph.nodes.length,
        relationships: graph.edges.length,
        notifications,
      },
    };
  } catch (error) {
    throw apiErrorOf(error, timeoutMs);
  } finally {
    clearTimeout(watchdog);
    work.catch(() => undefined);
    // Never commit: whatever happened, the transaction is rolled back.
    const cleanup = (async () => {
      if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
      await session.close().catch(() => undefined);
    })();
    // After a watchdog timeout the server may still be busy; do not keep the response waiting.
    await Promise.race([cleanup, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
}
