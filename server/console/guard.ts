/**
 * The read-only guard for Cypher that users write (POST /api/cypher) and for the named queries of
 * cypher/: it decides from what Neo4j will execute, never from how the query is spelled.
 *
 * Two stages:
 *  1. `inspectQuery` (no Neo4j needed), a fast first line that follows Cypher's own lexical rules
 *     (lexer.ts): control characters are refused; the `CYPHER …` options and an `EXPLAIN`/`PROFILE`
 *     prefix are read off; LOAD CSV, `CALL { … } IN TRANSACTIONS`, USE, SHOW/TERMINATE of
 *     transactions and settings, procedures outside the allowlist and user-defined functions are
 *     refused by name before anything is sent.
 *  2. `judgePlan`, the decision: Neo4j's own EXPLAIN plan must have query type 'r', run on the
 *     explorer's own database, and consist only of read operators from READ_OPERATORS; every
 *     ProcedureCall in it must name a procedure of READ_PROCEDURES.
 * Whatever either stage refuses answers 400 READ_ONLY with a message naming what was refused.
 */
import type { PlanJson, QueryMode as Mode } from '../../model/api';
import { ApiError, badRequest } from '../http/errors';
import {
  controlCharacter,
  dottedName,
  isKeyword,
  isSymbol,
  lineAndColumn,
  tokenize,
  type Token,
} from './lexer';

/**
 * Operators that only read the graph or compute values (Neo4j 5 plan operator names, without their
 * `@database` suffix). Anything else, including an operator a newer Neo4j invents, is refused: that
 * is the point of an allowlist. Left out on purpose: every updating operator, LoadCSV,
 * TransactionApply/TransactionForeach (they commit), Foreach/SubqueryForeach (they only run updates),
 * the SHOW/TERMINATE operators for transactions, settings and servers, LockNodes, RunQueryAt.
 */
export const READ_OPERATORS: ReadonlySet<string> = new Set([
  // Leaves: scans and seeks.
  'AllNodesScan',
  'Argument',
  'ArgumentTracker',
  'AssertingMultiNodeIndexSeek',
  'DirectedAllRelationshipsScan',
  'DirectedRelationshipByElementIdSeek',
  'DirectedRelationshipByIdSeek',
  'DirectedRelationshipIndexContainsScan',
  'DirectedRelationshipIndexEndsWithScan',
  'DirectedRelationshipIndexScan',
  'DirectedRelationshipIndexSeek',
  'DirectedRelationshipIndexSeekByRange',
  'DirectedRelationshipTypeScan',
  'DirectedRelationshipUniqueIndexSeek',
  'DirectedRelationshipUniqueIndexSeekByRange',
  'DirectedUnionRelationshipTypesScan',
  'DynamicDirectedRelationshipTypeLookup',
  'DynamicLabelNodeLookup',
  'DynamicUndirectedRelationshipTypeLookup',
  'EmptyRow',
  'IntersectionNodeByLabelsScan',
  'MultiNodeIndexSeek',
  'NodeByElementIdSeek',
  'NodeByIdSeek',
  'NodeByLabelScan',
  'NodeCountFromCountStore',
  'NodeIndexContainsScan',
  'NodeIndexEndsWithScan',
  'NodeIndexScan',
  'NodeIndexSeek',
  'NodeIndexSeekByRange',
  'NodeUniqueIndexSeek',
  'NodeUniqueIndexSeekByRange',
  'PartitionedAllNodesScan',
  'PartitionedDirectedAllRelationshipsScan',
  'PartitionedDirectedRelationshipIndexScan',
  'PartitionedDirectedRelationshipIndexSeek',
  'PartitionedDirectedRelationshipIndexSeekByRange',
  'PartitionedDirectedRelationshipTypesScan',
  'PartitionedDirectedUnionRelationshipTypesScan',
  'PartitionedIntersectionNodeByLabelsScan',
  'PartitionedNodeByLabelScan',
  'PartitionedNodeIndexScan',
  'PartitionedNodeIndexSeek',
  'PartitionedNodeIndexSeekByRange',
  'PartitionedSubtractionNodeByLabelsScan',
  'PartitionedUndirectedAllRelationshipsScan',
  'PartitionedUndirectedRelationshipIndexScan',
  'PartitionedUndirectedRelationshipIndexSeek',
  'PartitionedUndirectedRelationshipIndexSeekByRange',
  'PartitionedUndirectedRelationshipTypeScan',
  'PartitionedUndirectedUnionRelationshipTypesScan',
  'PartitionedUnionNodeByLabelsScan',
  'RelationshipCountFromCountStore',
  'SubtractionNodeByLabelsScan',
  'UndirectedAllRelationshipsScan',
  'UndirectedRelationshipByElementIdSeek',
  'UndirectedRelationshipByIdSeek',
  'UndirectedRelationshipIndexContainsScan',
  'UndirectedRelationshipIndexEndsWithScan',
  'UndirectedRelationshipIndexScan',
  'UndirectedRelationshipIndexSeek',
  'UndirectedRelationshipIndexSeekByRange',
  'UndirectedRelationshipTypeScan',
  'UndirectedRelationshipUniqueIndexSeek',
  'UndirectedRelationshipUniqueIndexSeekByRange',
  'UndirectedUnionRelationshipTypesScan',
  'UnionNodeByLabelsScan',
  // Traversal. Operators written with a mode in parentheses (`Expand(All)`, `Expand(Into)`,
  // `VarLengthExpand(Pruning,BFS,All)`, `Repeat(Trail)`, `StatefulShortestPath(Into)`) are listed by
  // the name before the parenthesis.
  'BFSPruningVarLengthExpand',
  'Expand',
  'NullifyMetadata',
  'OptionalExpand',
  'ProjectEndpoints',
  'Repeat',
  'ShortestPath',
  'StatefulShortestPath',
  'TriadicBuild',
  'TriadicFilter',
  'TriadicSelection',
  'VarLengthExpand',
  // Rows: filtering, projecting, ordering, aggregating, joining.
  'Aggregation',
  'Anti',
  'AntiConditionalApply',
  'AntiSemiApply',
  'Apply',
  'AssertSameNode',
  'AssertSameRelationship',
  'CacheProperties',
  'CartesianProduct',
  'ConditionalApply',
  'Distinct',
  'Eager',
  'EagerAggregation',
  'EmptyResult',
  'ExhaustiveLimit',
  'Filter',
  'LetAntiSemiApply',
  'LetSelectOrAntiSemiApply',
  'LetSelectOrSemiApply',
  'LetSemiApply',
  'Limit',
  'NodeHashJoin',
  'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin',
  'Optional',
  'OrderedAggregation',
  'OrderedDistinct',
  'OrderedUnion',
  'PartialSort',
  'PartialTop',
  'PartitionedUnwind',
  'ProduceResults',
  'Projection',
  'RollUpApply',
  'SelectOrAntiSemiApply',
  'SelectOrSemiApply',
  'SemiApply',
  'Skip',
  'Sort',
  'Top',
  'Top1WithTies',
  'Union',
  'Unwind',
  'ValueHashJoin',
  // Catalogue commands that reveal nothing about other sessions or the server.
  'ShowConstraints',
  'ShowFunctions',
  'ShowIndexes',
  'ShowProcedures',
  // Checked further: only READ_PROCEDURES.
  'ProcedureCall',
]);

/** Procedures a console query may call: they read the graph or its schema and reveal nothing else. */
export const READ_PROCEDURES: ReadonlySet<string> = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.schema.visualization',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
  'db.index.fulltext.listAvailableAnalyzers',
  'db.index.vector.queryNodes',
  'db.index.vector.queryRelationships',
  'db.ping',
]);

const PROCEDURES_ALLOWED =
  'the console calls only db.labels, db.relationshipTypes, db.propertyKeys, db.ping, db.schema.* and the full-text and vector index queries';

/** `CYPHER` options a query may set (lower-cased); internal ones such as `debug` are refused. */
const QUERY_OPTIONS = new Set([
  'planner',
  'runtime',
  'replan',
  'expressionengine',
  'operatorengine',
  'interpretedpipesfallback',
  'connectcomponentsplanner',
  'updatestrategy',
  'inferschemaparts',
]);

/** SHOW commands allowed: the catalogue, not transactions, settings, users or servers. */
const SHOWABLE = new Set([
  'INDEX',
  'INDEXES',
  'CONSTRAINT',
  'CONSTRAINTS',
  'PROCEDURE',
  'PROCEDURES',
  'FUNCTION',
  'FUNCTIONS',
]);

export interface Inspection {
  mode: Mode;
  /** What to EXPLAIN to judge the query; the same text with the same offsets as far as possible. */
  checkStatement: string;
  /** Characters `checkStatement` adds before the query (for syntax error positions). */
  checkShift: number;
  /** Namespaced functions the query calls (`point.distance`), to be checked against the built-ins. */
  functions: string[];
}

const READ_ONLY = '/api/cypher is read-only';

/** 400 READ_ONLY: `message` says what was refused and why. */
export function refuse(message: string): never {
  throw new ApiError(400, 'READ_ONLY', `${message}; ${READ_ONLY}`);
}

const WRITE_KEYWORDS = new Set([
  'CREATE',
  'MERGE',
  'DELETE',
  'DETACH',
  'NODETACH',
  'SET',
  'REMOVE',
  'FOREACH',
  'INSERT',
  'DROP',
  'ALTER',
  'RENAME',
  'GRANT',
  'DENY',
  'REVOKE',
  'START',
  'STOP',
  'ENABLE',
  'DEALLOCATE',
  'REALLOCATE',
]);

/** The first clause of `query` that writes or changes the schema, as Cypher reads it, for messages. */
export function writeClause(query: string): string | undefined {
  const tokens = tokenize(query);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || isSymbol(tokens[i - 1], '.')) continue;
    const word = token.value.toUpperCase();
    if (!WRITE_KEYWORDS.has(word)) continue;
    if ((word === 'DETACH' || word === 'NODETACH') && isKeyword(tokens[i + 1], 'DELETE'))
      return `${word} DELETE`;
    return word;
  }
  return undefined;
}

function where(query: string, token: Token): string {
  const { line, column } = lineAndColumn(query, token.start);
  return `line ${line}, column ${column}`;
}

/** The tokens after the `CYPHER` options and `EXPLAIN`/`PROFILE`, and which of the two was given. */
function readPrefix(query: string, tokens: Token[]): { mode: Mode; body: number; modeToken?: Token } {
  let mode: Mode = 'run';
  let modeToken: Token | undefined;
  let i = 0;
  for (;;) {
    const token = tokens[i];
    if (isKeyword(token, 'EXPLAIN', 'PROFILE')) {
      if (modeToken)
        refuse(`${modeToken.value.toUpperCase()} and ${token!.value.toUpperCase()} cannot be combined`);
      mode = token!.value.toUpperCase() === 'EXPLAIN' ? 'explain' : 'profile';
      modeToken = token;
      i++;
    } else if (isKeyword(token, 'CYPHER')) {
      i++;
      if (tokens[i]?.kind === 'number') i++;
      while (tokens[i]?.kind === 'word' && isSymbol(tokens[i + 1], '=')) {
        const option = tokens[i]!;
        if (!QUERY_OPTIONS.has(option.value.toLowerCase()))
          refuse(`The query option ${option.value} is not allowed (${where(query, option)})`);
        i += 3;
      }
    } else {
      return { mode, body: i, modeToken };
    }
  }
}

const ADMINISTRATION_VERBS = new Set([
  'CREATE',
  'DROP',
  'ALTER',
  'START',
  'STOP',
  'RENAME',
  'ENABLE',
  'DEALLOCATE',
  'REALLOCATE',
  'DRYRUN',
]);
const ADMINISTERED = new Set([
  'USER',
  'USERS',
  'ROLE',
  'ROLES',
  'DATABASE',
  'DATABASES',
  'ALIAS',
  'SERVER',
  'SERVERS',
]);

/**
 * An administration command (users, roles, databases, servers, privileges) at the start of the
 * statement. Neo4j plans these on the system database or not at all (Community answers "unsupported"),
 * so they are named here rather than left to a confusing error.
 */
function administration(tokens: readonly Token[], body: number): string | null {
  const first = tokens[body];
  if (isKeyword(first, 'GRANT', 'DENY', 'REVOKE')) return first!.value.toUpperCase();
  if (!first || first.kind !== 'word' || !ADMINISTRATION_VERBS.has(first.value.toUpperCase())) return null;
  for (const token of tokens.slice(body + 1, body + 5)) {
    if (token.kind !== 'word') return null;
    if (ADMINISTERED.has(token.value.toUpperCase()))
      return `${first.value.toUpperCase()} ${token.value.toUpperCase()}`;
  }
  return null;
}

/** Words that may stand between SHOW and what it shows: `SHOW ALL RANGE INDEXES`, `SHOW BUILT IN FUNCTIONS`. */
const SHOW_MODIFIERS = new Set([
  'ALL',
  'RANGE',
  'TEXT',
  'POINT',
  'FULLTEXT',
  'LOOKUP',
  'VECTOR',
  'BTREE',
  'UNIQUE',
  'UNIQUENESS',
  'EXIST',
  'EXISTENCE',
  'NODE',
  'REL',
  'RELATIONSHIP',
  'KEY',
  'PROPERTY',
  'TYPE',
  'BUILT',
  'IN',
  'USER',
  'DEFINED',
]);

/** Whether the SHOW at `i` shows the catalogue: its first word past the modifiers is one of SHOWABLE. */
function showsCatalogue(tokens: readonly Token[], i: number): boolean {
  let j = i + 1;
  while (tokens[j]?.kind === 'word' && SHOW_MODIFIERS.has(tokens[j]!.value.toUpperCase())) j++;
  const shown = tokens[j];
  return shown?.kind === 'word' && SHOWABLE.has(shown.value.toUpperCase());
}

/** Whether TRANSACTIONS at `i` ends `} IN [n] [CONCURRENT] TRANSACTIONS`. */
function afterSubqueryIn(tokens: readonly Token[], i: number, body: number): boolean {
  for (let j = i - 1; j > body && j >= i - 6; j--) {
    if (isKeyword(tokens[j], 'IN')) return isSymbol(tokens[j - 1], '}');
  }
  return false;
}

/** Deepest nesting of brackets a query may have: Neo4j's parser overflows its stack not far beyond. */
export const MAX_NESTING = 64;

/**
 * Refuses a backslash outside string literals (Neo4j decodes `\uXXXX` escapes in names too, so
 * `point.di\u0073tance(` would hide a function's name from a check by spelling) and nesting deeper
 * than MAX_NESTING.
 */
function refuseEscapesAndNesting(query: string, tokens: readonly Token[]): void {
  let depth = 0;
  for (const token of tokens) {
    const escaped =
      token.kind === 'quoted' || token.kind === 'parameter' ? query.slice(token.start, token.end) : '';
    if (isSymbol(token, '\\') || escaped.includes('\\'))
      refuse(`Escapes (\\) outside string literals are not allowed (${where(query, token)})`);
    if (token.kind !== 'symbol') continue;
    if ('([{'.includes(token.value) && ++depth > MAX_NESTING)
      refuse(`The query nests brackets more than ${MAX_NESTING} deep (${where(query, token)})`);
    if (')]}'.includes(token.value)) depth--;
  }
}

/** Refuses what no read-only console query may contain, by the tokens Cypher reads. */
function refuseByTokens(query: string, tokens: Token[], body: number): string[] {
  refuseEscapesAndNesting(query, tokens);
  const functions: string[] = [];
  for (let i = body; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    const atClauseStart = i === body || isSymbol(previous, '{') || isKeyword(previous, 'UNION', 'ALL');
    if (isKeyword(token, 'LOAD') && isKeyword(tokens[i + 1], 'CSV') && !isSymbol(previous, '.'))
      refuse(
        `LOAD CSV is not allowed (${where(query, token)}): the console reads the graph, not files or URLs`,
      );
    if (isKeyword(token, 'TRANSACTION', 'TRANSACTIONS') && afterSubqueryIn(tokens, i, body))
      refuse(
        `CALL { … } IN TRANSACTIONS is not allowed (${where(query, token)}): it commits batches of its own`,
      );
    if (isKeyword(token, 'TERMINATE') && isKeyword(tokens[i + 1], 'TRANSACTION', 'TRANSACTIONS'))
      refuse(
        `TERMINATE is not allowed (${where(query, token)}): the console cannot stop other sessions' work`,
      );
    if (atClauseStart && isKeyword(token, 'USE'))
      refuse(
        `USE is not allowed (${where(query, token)}): the console reads only the explorer's own database`,
      );
    if (atClauseStart && isKeyword(token, 'SHOW')) {
      const shown = showsCatalogue(tokens, i);
      if (!shown) {
        const what = tokens
          .slice(i, i + 3)
          .map((t) => t.value.toUpperCase())
          .join(' ');
        refuse(
          `${what} is not allowed (${where(query, token)}): of the SHOW commands the console runs only SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS`,
        );
      }
    }
    if (isKeyword(token, 'CALL') && !isSymbol(tokens[i + 1], '{') && !isSymbol(tokens[i + 1], '(')) {
      const name = dottedName(tokens, i + 1);
      if (name && !READ_PROCEDURES.has(name.name))
        refuse(`The procedure ${name.name} is not allowed (${where(query, token)}): ${PROCEDURES_ALLOWED}`);
      if (name) i = name.next - 1;
      continue;
    }
    // A dotted name right before '(' outside CALL is a function call: `point.distance(…)`, also as
    // a map's value (`{d: apoc.x()}`).
    if ((token.kind === 'word' || token.kind === 'quoted') && !isSymbol(previous, '.')) {
      const name = dottedName(tokens, i);
      if (name && isSymbol(tokens[name.next], '(') && name.name.includes('.')) functions.push(name.name);
    }
  }
  return functions;
}

/**
 * Stage 1: what can be decided from the text alone. Throws 400 BAD_PARAMETER (control characters,
 * nothing to run) or 400 READ_ONLY (a refused construct, named with its line and column).
 */
export function inspectQuery(query: string): Inspection {
  const control = controlCharacter(query);
  if (control) {
    const { line, column } = lineAndColumn(query, control.offset);
    const code = control.codePoint.toString(16).toUpperCase().padStart(4, '0');
    throw badRequest(
      'query',
      `contains the control character U+${code} at line ${line}, column ${column}; only tab, line feed and carriage return are allowed`,
    );
  }
  const tokens = tokenize(query);
  const { mode, body, modeToken } = readPrefix(query, tokens);
  if (body >= tokens.length) throw badRequest('query', 'has no statement to run after its prefix');
  const command = administration(tokens, body);
  if (command)
    refuse(
      `Administration commands (${command}: users, roles, databases, servers, privileges) are not allowed (${where(query, tokens[body]!)})`,
    );
  const functions = refuseByTokens(query, tokens, body);
  if (mode === 'explain') return { mode, checkStatement: query, checkShift: 0, functions };
  if (mode === 'profile') {
    // PROFILE and EXPLAIN have the same length, so offsets in Neo4j's messages stay right.
    const check = `${query.slice(0, modeToken!.start)}EXPLAIN${query.slice(modeToken!.end)}`;
    return { mode, checkStatement: check, checkShift: 0, functions };
  }
  return { mode, checkStatement: `EXPLAIN ${query}`, checkShift: 'EXPLAIN '.length, functions };
}

/** The plan tree as the driver gives it (`summary.plan`, or `summary.profile` with statistics). */
export interface DriverPlan {
  operatorType: string;
  arguments: Record<string, unknown>;
  identifiers?: string[];
  children: DriverPlan[];
  dbHits?: number;
  rows?: number;
  pageCacheHits?: number;
  pageCacheMisses?: number;
  time?: number;
}

/** `NodeIndexSeek@neo4j` → operator `NodeIndexSeek`, database `neo4j`. */
export function operatorOf(plan: DriverPlan): { operator: string; database: string | null } {
  const at = plan.operatorType.lastIndexOf('@');
  return at < 0
    ? { operator: plan.operatorType, database: null }
    : { operator: plan.operatorType.slice(0, at), database: plan.operatorType.slice(at + 1) };
}

/** `db.labels() :: (label :: STRING)` → `db.labels`. */
export function procedureOf(plan: DriverPlan): string | null {
  const details = plan.arguments.Details ?? plan.arguments.details ?? plan.arguments.Signature;
  if (typeof details !== 'string') return null;
  return /^\s*([^\s(]+)\s*\(/.exec(details)?.[1]?.replace(/`/g, '') ?? null;
}

export interface PlanContext {
  /** The database the explorer reads; an operator running anywhere else is refused. */
  database: string;
  /** Names of Neo4j's built-in functions, lower-cased: any other function in the plan is refused. */
  builtInFunctions: ReadonlySet<string>;
}

/** Namespaced function calls in a plan operator's details, as Neo4j resolved them (escapes decoded). */
const FUNCTION_CALL = /(?<![\w.`$])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\s*\(/g;

export function functionsIn(details: string): string[] {
  return [...details.matchAll(FUNCTION_CALL)].map((m) => m[1]!);
}

/**
 * Stage 2, the decision: Neo4j's plan for the query. Refuses (400 READ_ONLY) unless the query type
 * is 'r', every operator is a read operator running on `context.database`, every procedure it
 * calls is one of READ_PROCEDURES and every namespaced function in its expressions a built-in.
 */
export function judgePlan(
  query: string,
  queryType: string,
  plan: DriverPlan | null | undefined,
  context: PlanContext,
): void {
  if (queryType !== 'r') {
    const clause = writeClause(query);
    const named = clause ? ` (${clause})` : '';
    if (queryType === 's')
      refuse(`The query${named} changes the schema or administers the database (query type 's')`);
    refuse(`The query writes to the graph${named} (query type '${queryType}')`);
  }
  if (!plan) refuse('Neo4j gave no plan for the query, so it cannot be shown to be read-only');
  const stack: DriverPlan[] = [plan];
  while (stack.length) {
    const node = stack.pop()!;
    const { operator, database } = operatorOf(node);
    if (database !== null && database !== context.database)
      refuse(`The query runs on the database ${database}; the console reads only ${context.database}`);
    if (!READ_OPERATORS.has(operator.replace(/\(.*\)$/, '')))
      refuse(`The query's plan uses the operator ${operator}, which the console does not run`);
    let details = typeof node.arguments.Details === 'string' ? node.arguments.Details : '';
    if (operator === 'ProcedureCall') {
      const procedure = procedureOf(node);
      if (!procedure || !READ_PROCEDURES.has(procedure))
        refuse(`The procedure ${procedure ?? '(unnamed)'} is not allowed: ${PROCEDURES_ALLOWED}`);
      details = details.slice(details.indexOf('(') + 1);
    }
    judgeFunctions(functionsIn(details), context.builtInFunctions);
    stack.push(...(node.children ?? []));
  }
}

/** Refuses a namespaced function that is not one of Neo4j's built-ins (user-defined functions run arbitrary code). */
export function judgeFunctions(functions: readonly string[], builtIn: ReadonlySet<string>): void {
  for (const name of functions) {
    if (!builtIn.has(name.toLowerCase()))
      refuse(
        `The function ${name} is not one of Neo4j's built-in functions; the console runs no user-defined functions`,
      );
  }
}

export function planJson(plan: DriverPlan): PlanJson {
  const estimated = plan.arguments.EstimatedRows;
  const details = plan.arguments.Details;
  const json: PlanJson = {
    operator: operatorOf(plan).operator,
    details: typeof details === 'string' ? details : null,
    identifiers: [...(plan.identifiers ?? [])],
    estimatedRows: typeof estimated === 'number' ? estimated : null,
    children: (plan.children ?? []).map(planJson),
  };
  for (const key of ['rows', 'dbHits', 'pageCacheHits', 'pageCacheMisses', 'time'] as const) {
    const value = plan[key];
    if (typeof value === 'number') json[key] = value;
  }
  return json;
}
