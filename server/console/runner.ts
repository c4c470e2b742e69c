/**
 * Runs read-only Cypher for the analysts' console (/api/cypher) and the named queries of cypher/
 * (/api/queries/:name): `{columns, rows, graph, summary}`, or for `EXPLAIN …`/`PROFILE …` the plan.
 *
 * Read-only is enforced in layers, so that no query sent here can change the graph or reach past it:
 *  1. guard.ts's text check (Cypher's own lexical rules) refuses what needs no plan to refuse;
 *  2. guard.ts's plan check: Neo4j's EXPLAIN plan must be a read ('r') made only of read operators,
 *     on the explorer's database, calling only allowlisted procedures and built-in functions;
 *  3. the query runs in a transaction opened in READ access mode, where the server refuses writes;
 *  4. that transaction is always rolled back, never committed.
 * A query text found read-only is remembered, so it is planned once, not on every run. The named
 * queries of cypher/ (`trusted`) then run as one auto-commit query in READ mode, as the other routes'
 * reads do: layers 1–3 hold for them, and a read-only plan commits nothing.
 *
 * Every run has a timeout (the server terminates the transaction; a watchdog here answers even if it
 * does not), a row cap (further records are discarded, and `summary.truncated` says so) and a byte
 * cap counted while the records stream in (413 RESPONSE_TOO_LARGE). At most `slots` runs go at once.
 */
import type { SerializedGraph } from 'graphology-types';
import { randomUUID } from 'node:crypto';
import neo4j, { type Transaction } from 'neo4j-driver';
import { DEFAULT_LIMITS } from '../../store/config';
import { readRecords } from '../../store/read';
import type { Connection } from '../../store/connection';
import { withoutCallSite } from '../../store/call-site';
import { ApiError, apiErrorFromNeo4j } from '../http/errors';
import type { Json } from '../../model/json';
import type { PlanJson, QueryMode, ReadResult, ReadSummary } from '../../model/api';
import { neo4jParams } from '../../store/params';
import {
  inspectQuery,
  judgeFunctions,
  judgePlan,
  operatorOf,
  planJson,
  type DriverPlan,
  type Inspection,
  type PlanContext,
} from './guard';
import { ResultConverter } from './result';
import type { Slots } from './slots';

export type { Json, ReadResult, ReadSummary };

export const DEFAULT_TIMEOUT_MS = 5_000;
export const MAX_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_ROWS = 1_000;
export const MAX_MAX_ROWS = 10_000;
/** Largest answer sent by default (CYPHER_MAX_RESPONSE_BYTES); the JSON text, in bytes. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** How long after the timeout the watchdog answers if the server has not terminated the query. */
const WATCHDOG_GRACE_MS = 3_000;
/**
 * Records the driver asks for at a time: few for users' queries, so a result of huge rows is stopped
 * before Neo4j has sent many of them (Neo4j holds a whole batch in its network buffers); more for the
 * named queries, whose rows are ours and small.
 */
const CONSOLE_FETCH_SIZE = 10;
const TRUSTED_FETCH_SIZE = 1_000;
/**
 * A query past its timeout that Neo4j has not stopped this long after (a long expression such as
 * `reduce` over a huge range never checks for termination) keeps a thread busy for good: the embedded
 * Neo4j is then restarted; a Neo4j of the user's own keeps the query's slot taken until it ends.
 */
export const DEFAULT_RUNAWAY_MS = DEFAULT_LIMITS.runawayMs;

export interface ReadOptions {
  timeoutMs?: number;
  maxRows?: number;
  /** Largest answer in bytes (rows and graph as JSON); default DEFAULT_MAX_BYTES. */
  maxBytes?: number;
  /**
   * The query is one of ours (a file in cypher/, reviewed with the code), not a user's text. It is
   * still checked like any other the first time it runs, but once its plan is known to be read-only it
   * runs as one auto-commit query in READ mode: the same single round trip as a bare driver call,
   * where a user's query always gets a transaction of its own that is rolled back.
   */
  trusted?: boolean;
  /** Bounds how many runs go at once (the app's one Slots); none when absent. */
  slots?: Slots;
  /** How long a timed-out query may go on running in Neo4j before it is dealt with; DEFAULT_RUNAWAY_MS. */
  runawayMs?: number;
}

// ---------------------------------------------------------------------------------------------------
// Errors

function timeoutError(timeoutMs: number): ApiError {
  return new ApiError(
    504,
    'QUERY_TIMEOUT',
    `The query did not finish within its timeout of ${timeoutMs} ms and was stopped; narrow it, add a LIMIT, or raise timeoutMs (at most ${MAX_TIMEOUT_MS})`,
  );
}

function tooLarge(maxBytes: number, rows: number): ApiError {
  const mb = (maxBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
  return new ApiError(
    413,
    'RESPONSE_TOO_LARGE',
    `The result is larger than the response limit of ${mb} MB (stopped after ${rows} rows); add a LIMIT or return fewer or smaller values`,
  );
}

/**
 * A syntax error found while planning the check statement, with its position and quoted line as they
 * are in the query that was sent (without the `shift` characters the check added in front).
 */
export function withoutPrefix(message: string, prefix: string): string {
  const shift = prefix.length;
  if (shift === 0) return message;
  const position = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/.exec(message);
  if (!position) return message.replace(`"${prefix}`, '"');
  const [, line, column, offset] = position.map(Number) as [number, number, number, number];
  const columnShift = line === 1 ? shift : 0;
  let fixed = message.replace(
    position[0],
    `(line ${line}, column ${Math.max(1, column - columnShift)} (offset: ${Math.max(0, offset - shift)}))`,
  );
  if (line === 1)
    fixed = fixed
      .replace(`"${prefix}`, '"')
      .replace(/\n( *)\^/, (_m, spaces: string) => `\n${spaces.slice(columnShift)}^`);
  return fixed;
}

/** Neo4j's failures as API errors: the user's mistakes are 400s, an unreachable Neo4j is a 503. */
export function apiErrorOf(error: unknown, timeoutMs: number, checkPrefix = ''): unknown {
  if (error instanceof ApiError) return error;
  const mapped = apiErrorFromNeo4j(error);
  if (!mapped) return error;
  if (mapped.code === 'QUERY_TIMEOUT') return timeoutError(timeoutMs);
  if (mapped.code === 'CYPHER_SYNTAX')
    return new ApiError(400, 'CYPHER_SYNTAX', withoutPrefix(mapped.message, checkPrefix));
  return mapped;
}

// ---------------------------------------------------------------------------------------------------
// What Neo4j said about a query text, remembered

interface Verdict {
  mode: QueryMode;
  notifications: ReadSummary['notifications'];
  plan: PlanJson;
}

/**
 * Verdicts do not depend on the parameters, so a text already found read-only is not planned twice
 * (Neo4j caches the plan itself; this saves the round trip). Only read-only verdicts are kept, at
 * most VERDICT_CACHE_SIZE of them, the least recently used dropped.
 */
const VERDICT_CACHE_SIZE = 500;
const verdicts = new Map<string, Verdict>();

function cachedVerdict(query: string): Verdict | undefined {
  const verdict = verdicts.get(query);
  if (verdict) {
    verdicts.delete(query);
    verdicts.set(query, verdict);
  }
  return verdict;
}

function remember(query: string, verdict: Verdict): void {
  verdicts.set(query, verdict);
  if (verdicts.size > VERDICT_CACHE_SIZE) verdicts.delete(verdicts.keys().next().value!);
}

/** Forgets every remembered verdict (for tests). */
export function clearPlanCache(): void {
  verdicts.clear();
}

type ConnectionFacts = PlanContext;

const facts = new WeakMap<Connection, Promise<ConnectionFacts>>();

/** The database the connection reads and Neo4j's built-in functions, asked once per connection. */
function connectionFacts(connection: Connection): Promise<ConnectionFacts> {
  let known = facts.get(connection);
  if (!known) {
    known = (async () => {
      const session = connection.driver.session({
        database: connection.database,
        defaultAccessMode: neo4j.session.READ,
      });
      try {
        const probe = await session.run('EXPLAIN RETURN 1 AS one');
        const database =
          connection.database ?? operatorOf(probe.summary.plan as unknown as DriverPlan).database ?? 'neo4j';
        const functions = await session.run(
          'SHOW FUNCTIONS YIELD name, isBuiltIn WHERE isBuiltIn RETURN name',
        );
        return {
          database,
          builtInFunctions: new Set(functions.records.map((r) => String(r.get('name')).toLowerCase())),
        };
      } finally {
        await session.close();
      }
    })();
    facts.set(connection, known);
    known.catch(() => facts.delete(connection));
  }
  return known;
}

function notificationsOf(summary: { notifications: { code: string; title: string; description: string }[] }) {
  return summary.notifications.map((n) => ({ code: n.code, title: n.title, description: n.description }));
}

/** Plans the query (EXPLAIN) inside `tx` and judges the plan; refuses anything but a pure read. */
async function check(
  connection: Connection,
  tx: Pick<Transaction, 'run'>,
  query: string,
  inspection: Inspection,
  params: Record<string, unknown>,
): Promise<Verdict> {
  const context = await connectionFacts(connection);
  judgeFunctions(inspection.functions, context.builtInFunctions);
  const { summary } = await withoutCallSite(() => tx.run(inspection.checkStatement, params));
  const plan = summary.plan as unknown as DriverPlan | false;
  judgePlan(query, summary.queryType, plan || null, context);
  const verdict = {
    mode: inspection.mode,
    notifications: notificationsOf(summary),
    plan: planJson(plan as DriverPlan),
  };
  remember(query, verdict);
  return verdict;
}

// ---------------------------------------------------------------------------------------------------
// Running

function bounded(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return fallback;
  return Math.min(Math.floor(value), max);
}

interface Streamed {
  columns: string[];
  rows: Record<string, Json>[];
  truncated: boolean;
  graph: SerializedGraph;
  profile?: DriverPlan;
}

/** Streams up to maxRows records, converting each as it comes; stops at maxBytes. */
async function stream(
  result: ReturnType<Transaction['run']>,
  maxRows: number,
  maxBytes: number,
): Promise<Streamed> {
  const columns = await result.keys();
  const converter = new ResultConverter();
  const rows: Record<string, Json>[] = [];
  let truncated = false;
  try {
    for await (const record of result) {
      if (rows.length === maxRows) {
        truncated = true;
        break;
      }
      rows.push(
        converter.row(
          columns,
          columns.map((c) => record.get(c)),
        ),
      );
      if (converter.bytes > maxBytes) throw tooLarge(maxBytes, rows.length);
    }
  } catch (error) {
    // Leaving a PROFILE's records unread makes Neo4j fail the rest of the stream ("not materialised
    // yet"): the rows up to the cap are the answer, without the profile (the transaction is rolled back).
    if (!truncated) throw error;
  }
  const profile = truncated ? undefined : ((await result.summary()).profile as unknown as DriverPlan | false);
  return { columns, rows, truncated, graph: converter.graph(), profile: profile || undefined };
}

const EMPTY_GRAPH: SerializedGraph = {
  options: { type: 'directed', multi: true, allowSelfLoops: true },
  attributes: {},
  nodes: [],
  edges: [],
};

/**
 * Runs one read-only query and converts its result. Throws ApiError: 400 READ_ONLY for anything that
 * is not a pure read, 400 CYPHER_SYNTAX/CYPHER_ERROR/BAD_PARAMETER for the query's mistakes, 413
 * RESPONSE_TOO_LARGE, 504 QUERY_TIMEOUT, 503 NEO4J_UNAVAILABLE/CONSOLE_BUSY.
 */
export async function runReadOnly(
  connection: Connection,
  query: string,
  rawParams: Record<string, unknown> = {},
  options: ReadOptions = {},
): Promise<ReadResult> {
  const params = neo4jParams(rawParams);
  const timeoutMs = bounded(options.timeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const maxRows = bounded(options.maxRows, DEFAULT_MAX_ROWS, MAX_MAX_ROWS);
  const maxBytes = bounded(options.maxBytes, DEFAULT_MAX_BYTES, Number.MAX_SAFE_INTEGER);
  // A text with a remembered verdict passed both checks before it was remembered.
  const known = cachedVerdict(query);
  const inspection = known ? undefined : inspectQuery(query);
  const mode = known?.mode ?? inspection!.mode;
  const checkPrefix = inspection ? inspection.checkStatement.slice(0, inspection.checkShift) : '';

  const release = options.slots ? await options.slots.acquire() : () => undefined;
  const started = Date.now();
  const session = connection.exactDriver().session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
    fetchSize: options.trusted ? TRUSTED_FETCH_SIZE : CONSOLE_FETCH_SIZE,
  });
  // The run's own id, to find its transaction in Neo4j if it outlives its timeout.
  const run = randomUUID();
  const metadata = { app: 'policy-graph-explorer', run };
  let timedOut = false;
  let tx: Transaction | undefined;
  let checking = false;
  let watchdog: NodeJS.Timeout | undefined;
  const work = (async (): Promise<Streamed & { verdict: Verdict }> => {
    if (options.trusted && known && known.mode === 'run')
      return {
        ...(await stream(
          withoutCallSite(() => session.run(query, params, { timeout: timeoutMs, metadata })),
          maxRows,
          maxBytes,
        )),
        verdict: known,
      };
    const opened = session.beginTransaction({ timeout: timeoutMs, metadata });
    tx = opened;
    checking = true;
    const verdict = known ?? (await check(connection, opened, query, inspection!, params));
    checking = false;
    if (verdict.mode === 'explain')
      return { columns: [], rows: [], truncated: false, graph: EMPTY_GRAPH, verdict };
    return {
      ...(await stream(
        withoutCallSite(() => opened.run(query, params)),
        maxRows,
        maxBytes,
      )),
      verdict,
    };
  })();
  const expired = new Promise<never>((_resolve, reject) => {
    watchdog = setTimeout(() => reject(timeoutError(timeoutMs)), timeoutMs + WATCHDOG_GRACE_MS);
  });
  try {
    const { columns, rows, truncated, graph, profile, verdict } = await Promise.race([work, expired]);
    const plan = verdict.mode === 'explain' ? verdict.plan : profile ? planJson(profile) : undefined;
    return {
      columns,
      rows,
      graph,
      summary: {
        rows: rows.length,
        truncated,
        maxRows,
        timeoutMs,
        elapsedMs: Date.now() - started,
        queryType: 'r',
        mode,
        nodes: graph.nodes.length,
        relationships: graph.edges.length,
        notifications: verdict.notifications,
      },
      ...(plan ? { plan } : {}),
    };
  } catch (error) {
    const apiError = await droppedForSize(
      connection,
      apiErrorOf(error, timeoutMs, checking ? checkPrefix : ''),
    );
    timedOut = apiError instanceof ApiError && apiError.code === 'QUERY_TIMEOUT';
    throw apiError;
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
    // A query past its timeout keeps its slot until Neo4j has really stopped it.
    if (timedOut)
      void settleRunaway(connection, run, options.runawayMs ?? DEFAULT_RUNAWAY_MS).finally(release);
    else release();
  }
}

/**
 * Neo4j dropping the connection in the middle of a user's query, while it still answers others, is
 * the query's doing (a result too large for Neo4j's network buffers), not an outage: 400.
 */
async function droppedForSize(connection: Connection, error: unknown): Promise<unknown> {
  if (!(error instanceof ApiError) || error.code !== 'NEO4J_UNAVAILABLE') return error;
  const reachable = await readRecords(connection, 'RETURN 1', {}, { timeoutMs: 2_000 }).then(
    () => true,
    () => false,
  );
  return reachable
    ? new ApiError(
        400,
        'QUERY_TOO_LARGE',
        'Neo4j dropped the connection while sending the result: its values are too large to send; return fewer or smaller values',
      )
    : error;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Waits until the timed-out run `run` has left Neo4j, terminating it again each second. When it is
 * still there after `runawayMs`, a supervised embedded Neo4j is restarted (the only way to stop a
 * thread that never checks for termination); a Neo4j of the user's own is waited on.
 */
async function settleRunaway(connection: Connection, run: string, runawayMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    let ids: string[];
    try {
      const records = await readRecords(
        connection,
        'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.run = $run RETURN transactionId',
        { run },
        { timeoutMs: 5_000 },
      );
      ids = records.map((r) => String(r.get('transactionId')));
      if (ids.length === 0) return;
      await readRecords(connection, 'TERMINATE TRANSACTIONS $ids', { ids }, { timeoutMs: 5_000 });
    } catch {
      return; // Neo4j gone or restarting: nothing of the query is left to wait for.
    }
    if (Date.now() - started > runawayMs && connection.restart) {
      await connection.restart(
        `a query past its timeout (${ids.join(', ')}) went on running ${Math.round(runawayMs / 1000)} s after it was stopped`,
      );
      return;
    }
    await sleep(1_000);
  }
}
