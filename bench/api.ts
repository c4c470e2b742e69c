/**
 * `npm run bench:api`: latency and throughput of the API on the seed, each scenario beside the same
 * Cypher run straight through the driver and through Neo4j's own HTTP Query API (the peer a user
 * would otherwise call), so the API's own cost shows as ratios.
 *
 * Neo4j: a fresh embedded one on a temporary data folder (or NEO4J_BENCH_URI, into which the seed is
 * ingested unless it is there already). The API runs in a child process on a free loopback port, as
 * it does in production, so the load generator (autocannon, in this process) does not share its event
 * loop. First every scenario's statement runs through the driver and the HTTP Query API, round
 * robin, for BENCH_WARM_UP seconds (20): a freshly started Neo4j spends its first minute compiling its
 * own hot paths (JIT), which slows and disturbs whatever runs then. Each scenario: one request, a 2 s
 * warm-up of each side, then BENCH_SECONDS (5) of BENCH_CONNECTIONS (4) concurrent requests, in
 * one-second slices interleaved with slices of every other side, so all sides see the same machine:
 *  - API, cached: the route, the same request over and over, as before (once the server caches
 *    responses per graph version, most of them are answered from that cache);
 *  - API, no-cache: the same with `Cache-Control: no-cache`, which makes the server bypass its
 *    response cache (a server without one ignores the header), so every request reaches Neo4j;
 *  - Neo4j HTTP: the route's statement and parameters POSTed to Neo4j's HTTP Query API
 *    (/db/neo4j/query/v2, JSON `{statement, parameters}`, basic auth) by the same load generator
 *    (autocannon: keep-alive, the same connections). The embedded Neo4j opens its HTTP connector for
 *    this bench only (127.0.0.1, a free port); with NEO4J_BENCH_URI, set NEO4J_BENCH_HTTP_URL
 *    (e.g. http://127.0.0.1:7474), or the column is left out;
 *  - driver: the same number of concurrent sessions, each running the statement (two ways, below).
 * The CPU each process spends in each slice is read too, and reported per request. Latencies are per
 * request, percentiles by nearest rank. Results also go to bench-results/api.json.
 *
 * The driver runs two ways, and both are reported:
 *  - back to back (the baseline of the ratio and its target): each query sent the moment the last
 *    one returned;
 *  - paced (for diagnosis): before each query, untimed, one HTTP round trip to the API server on a
 *    path it answers without Neo4j (its JSON 404), so Neo4j sees queries arrive as the API's do, one
 *    client round trip apart. Only the query is timed. On this 2-core VM the same driver call is
 *    markedly slower when anything runs between queries (the measure lookup, one connection: 1.6 ms
 *    at p50 back to back, 2.7–3.0 ms paced, and 3.0 ms timed inside the API server while it serves
 *    requests), because back to back neither process ever idles. The difference between the two
 *    driver columns is that effect; the API, whose requests come from a client, always pays it.
 *
 * Targets, for each API route (cached and no-cache) of search, entity, measure and the named query:
 * p95 under 50 ms, at most 1.0× the p95 of Neo4j's HTTP Query API and at most 1.5× the driver's
 * (back to back), without errors.
 */
import { benchNeo4j, type BenchHttp } from './neo4j';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { createApp } from '../server/app';
import { loadConfig, neo4jSettings, type Neo4jSettings } from '../store/config';
import { connect, type Connection } from '../store/connection';
import { ENTITY_CYPHER } from '../server/entities/entities';
import { graphQuery } from '../server/graph/graph';
import { MEASURE_CYPHER } from '../server/measures/measures';
import { readRecords } from '../store/read';
import { luceneQuery, SEARCH_CYPHER, searchParams } from '../server/search/search';
import { ingestFiles } from '../ingest/ingest';
import { REPO_ROOT } from '../store/repo';

const REPO = REPO_ROOT;
const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const SEED = path.join(REPO, `seeds/${DOC}.txt`);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const WARM_UP_SECONDS = 2;
const NEO4J_WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP ?? 20);
const P95_TARGET_MS = 50;
/** Most API p95 over the bare driver's (back to back). */
const RATIO_TARGET = 1.5;
/** Most API p95 over that of Neo4j's HTTP Query API. */
const HTTP_RATIO_TARGET = 1.0;

interface Scenario {
  name: string;
  /** Held to the p95 and ratio targets. */
  target: boolean;
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  cypher: string;
  params: Record<string, unknown>;
}

interface Figures {
  /** Every latency, sorted (not written to the results file). */
  latencies: number[];
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** CPU time spent during the run, ms over all threads, by process (null where not measurable). */
  cpu?: Cpu;
}

/**
 * CPU time in ms of this process (the load generator or the driver; process.cpuUsage), the API
 * server and the embedded Neo4j (/proc/<pid>/stat on Linux: utime + stime in USER_HZ ticks, 100 a
 * second on Linux), all threads; null where there is no /proc or no pid (NEO4J_BENCH_URI).
 */
interface Cpu {
  bench: number;
  server: number | null;
  neo4j: number | null;
}

function procCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may itself hold ") "): state is the first, utime the 12th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function cpuNow(pids: { server?: number; neo4j?: number }): Cpu {
  const { user, system } = process.cpuUsage();
  return { bench: (user + system) / 1000, server: procCpuMs(pids.server), neo4j: procCpuMs(pids.neo4j) };
}

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** Runs one slice and records the CPU each process spent during it. */
async function measured(pids: { server?: number; neo4j?: number }, run: () => Promise<Figures>) {
  const before = cpuNow(pids);
  const result = await run();
  const after = cpuNow(pids);
  result.cpu = {
    bench: after.bench - before.bench,
    server: minus(after.server, before.server),
    neo4j: minus(after.neo4j, before.neo4j),
  };
  return result;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function figures(latencies: number[], seconds: number, errors: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    latencies: sorted,
    seconds,
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
  };
}

/** The figures of several slices of one run as one. */
function merged(slices: Figures[]): Figures {
  const result = figures(
    slices.flatMap((s) => s.latencies),
    slices.reduce((sum, s) => sum + s.seconds, 0),
    slices.reduce((sum, s) => sum + s.errors, 0),
  );
  const cpus = slices.map((s) => s.cpu).filter((c): c is Cpu => c !== undefined);
  if (cpus.length > 0)
    result.cpu = cpus.reduce((sum, c) => ({
      bench: sum.bench + c.bench,
      server: plus(sum.server, c.server),
      neo4j: plus(sum.neo4j, c.neo4j),
    }));
  return result;
}

/** CPU ms per request of each process, and their sum. */
function cpuPerRequest(f: Figures): (Cpu & { total: number | null }) | null {
  if (!f.cpu || f.requests === 0) return null;
  const per = (ms: number | null) => (ms === null ? null : ms / f.requests);
  const bench = f.cpu.bench / f.requests;
  const server = per(f.cpu.server);
  const neo4j = per(f.cpu.neo4j);
  return { bench, server, neo4j, total: plus(plus(bench, server), neo4j) };
}

/** One HTTP request, sent over and over by autocannon (loadHttp) or once (send). */
interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** The route's request to the API; `noCache` adds `Cache-Control: no-cache` (bypass the response cache). */
function apiRequest(base: string, scenario: Scenario, noCache: boolean): HttpRequest {
  return {
    url: `${base}${scenario.path}`,
    method: scenario.method ?? 'GET',
    headers: {
      ...(scenario.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(noCache ? { 'cache-control': 'no-cache' } : {}),
    },
    ...(scenario.body === undefined ? {} : { body: JSON.stringify(scenario.body) }),
  };
}

/** The route's statement and parameters as a request to Neo4j's HTTP Query API. */
function queryApiRequest(queryApi: BenchHttp, scenario: Scenario): HttpRequest {
  return {
    url: queryApi.queryUrl,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: queryApi.authorization,
    },
    // Plain JSON: whole numbers arrive as Cypher integers, as the driver's do (store/params.ts).
    body: JSON.stringify({ statement: scenario.cypher, parameters: scenario.params }),
  };
}

/** Sends `request` once (fetch, keep-alive) and returns the status and the body. */
async function send(request: HttpRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, text: await response.text() };
}

/** The number of rows in an answer of the Query API; throws when it is an error instead. */
function queryApiRows(scenario: Scenario, answer: { status: number; text: string }): number {
  type Answer = { data?: { values?: unknown }; errors?: unknown[] } | null;
  let parsed: Answer = null;
  try {
    parsed = JSON.parse(answer.text) as Answer;
  } catch {
    // reported below
  }
  const values = parsed?.data?.values;
  if (answer.status < 200 || answer.status >= 300 || !Array.isArray(values) || parsed?.errors?.length)
    throw new Error(
      `${scenario.name}: Neo4j's HTTP Query API answered ${answer.status}: ${answer.text.slice(0, 500)}`,
    );
  return values.length;
}

/** `request` from CONNECTIONS keep-alive connections for `seconds`; only 2xx answers are timed. */
async function loadHttp(request: HttpRequest, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const options: autocannon.Options = {
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    connections: CONNECTIONS,
    duration: seconds,
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
      else errors++;
    });
  });
  return figures(latencies, seconds, errors + result.errors + result.timeouts);
}

/** One untimed HTTP round trip to the API server, on a path it answers without Neo4j. */
type Pace = () => Promise<void>;

function pacer(base: string): { pace: Pace; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const pace: Pace = () =>
    new Promise((resolve, reject) => {
      const request = http.get(`${base}/api/bench-pace`, { agent, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', reject);
      });
      request.on('timeout', () =>
        request.destroy(new Error('the API server did not answer the pace request')),
      );
      request.on('error', reject);
    });
  return { pace, close: () => agent.destroy() };
}

async function loadDriver(
  connection: Connection,
  scenario: Scenario,
  seconds: number,
  pace?: Pace,
): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        try {
          if (pace) await pace();
          const start = performance.now();
          // readRecords is session.run in READ mode and nothing else: the bare driver call.
          await readRecords(connection, scenario.cypher, scenario.params);
          latencies.push(performance.now() - start);
        } catch {
          errors++;
        }
      }
    }),
  );
  return figures(latencies, seconds, errors);
}

/** Child-process mode: serve the API on a free loopback port and print it; exit when stdin closes. */
async function serve(uri: string): Promise<void> {
  const settings: Neo4jSettings = { ...neo4jSettings(process.env, 'NEO4J_BENCH'), uri };
  const connection = await connect({ repoRoot: REPO, neo4j: settings, embedded: loadConfig({}).embedded });
  const server = createApp({ connection }).listen(0, '127.0.0.1', () => {
    console.log(`LISTENING ${(server.address() as AddressInfo).port}`);
  });
  process.stdin.resume();
  process.stdin.on('end', () => {
    server.close();
    void connection.close().finally(() => process.exit(0));
  });
}

async function startServer(
  uri: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve', uri], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = readline.createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const port = /^LISTENING (\d+)$/.exec(line)?.[1];
    if (port) return { child, base: `http://127.0.0.1:${port}` };
  }
  throw new Error('the API server exited before listening');
}

const ms = (n: number) => n.toFixed(1).padStart(7);

/** The sides of a scenario, in the order they are printed. */
const SIDES = ['api', 'apiNoCache', 'http', 'driver', 'driverPaced'] as const;
type Side = (typeof SIDES)[number];
const SIDE_LABELS: Record<Side, string> = {
  api: 'API, cached',
  apiNoCache: 'API, no-cache',
  http: 'Neo4j HTTP',
  driver: 'driver',
  driverPaced: 'driver, paced',
};

/** One API route (cached or no-cache) of a scenario against the others, and its targets. */
interface Route {
  p95: number;
  /** p95 over the p95 of Neo4j's HTTP Query API; null without it. */
  overHttp: number | null;
  /** p95 over the driver's (back to back). */
  overDriver: number;
  /** p95 over the paced driver's (diagnosis only). */
  overPaced: number;
  /** Each target, met or not; null for a scenario held to none (graph). */
  met: {
    p95: boolean;
    /** null without the HTTP column. */
    http: boolean | null;
    driver: boolean;
    noErrors: boolean;
    /** All of them (the HTTP one only where measured). */
    all: boolean;
  } | null;
}

function route(
  api: Figures,
  queryApi: Figures | undefined,
  driver: Figures,
  paced: Figures,
  target: boolean,
): Route {
  const overHttp = queryApi ? api.p95 / queryApi.p95 : null;
  const overDriver = api.p95 / driver.p95;
  const met = {
    p95: api.p95 < P95_TARGET_MS,
    http: overHttp === null ? null : overHttp <= HTTP_RATIO_TARGET,
    driver: overDriver <= RATIO_TARGET,
    noErrors: api.errors === 0,
  };
  return {
    p95: api.p95,
    overHttp,
    overDriver,
    overPaced: api.p95 / paced.p95,
    met: target ? { ...met, all: met.p95 && met.http !== false && met.driver && met.noErrors } : null,
  };
}

const verdict = (met: boolean | null | undefined) =>
  met === null || met === undefined ? '—' : met ? 'met' : 'MISSED';
const ratio = (r: number | null, width: number) => (r === null ? '—' : `${r.toFixed(2)}×`).padStart(width);

function sideLine(scenario: string, side: Side, f: Figures, r?: Route): string {
  const figures = `${ms(f.p50)} ${ms(f.p95)} ${ms(f.p99)} ${f.perSecond.toFixed(0).padStart(7)}`;
  const ratios = r
    ? ` | ${ratio(r.overHttp, 8)} ${verdict(r.met?.http).padEnd(6)}` +
      ` | ${ratio(r.overDriver, 8)} ${verdict(r.met?.driver).padEnd(6)}` +
      ` | ${ratio(r.overPaced, 8)} | ${verdict(r.met?.p95).padEnd(6)}`
    : '';
  return `${scenario.padEnd(20)} ${SIDE_LABELS[side].padEnd(14)} ${figures}${ratios}${f.errors > 0 ? `  (${f.errors} errors)` : ''}`;
}

function cpuLine(scenario: string, side: Side, f: Figures): string {
  const c = cpuPerRequest(f);
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '  —  ' : v.toFixed(2));
  return `${scenario.padEnd(20)} ${SIDE_LABELS[side].padEnd(14)} ${n(c?.bench)} + ${n(c?.server)} + ${n(c?.neo4j)} = ${n(c?.total)}`;
}

async function main(): Promise<void> {
  const neo4j = await benchNeo4j('api', undefined, { http: true });
  const { connection, uri } = neo4j;
  /** Neo4j's HTTP Query API (undefined with NEO4J_BENCH_URI and no NEO4J_BENCH_HTTP_URL). */
  const queryApi = neo4j.http;
  let server: ChildProcess | undefined;
  const closeAll: (() => void)[] = [];
  try {
    await ingestFiles(connection, [SEED]);
    const started = await startServer(uri, neo4j.env);
    server = started.child;
    const { base } = started;

    const q = '港珠澳大桥';
    const entity = '香港';
    const measure = `${DOC}/m16`;
    const graph = graphQuery({});
    const scenarios: Scenario[] = [
      {
        name: 'search',
        target: true,
        path: `/api/search?q=${encodeURIComponent(q)}`,
        cypher: SEARCH_CYPHER,
        params: searchParams(luceneQuery(q)!),
      },
      {
        name: 'entity + measures',
        target: true,
        path: `/api/entities/${encodeURIComponent(entity)}`,
        cypher: ENTITY_CYPHER,
        params: { key: entity, limit: 200 },
      },
      {
        name: 'measure',
        target: true,
        path: `/api/measures/${measure}`,
        cypher: MEASURE_CYPHER,
        params: { key: measure },
      },
      { name: 'graph', target: false, path: '/api/graph', cypher: graph.cypher, params: graph.params },
    ];
    // The named query, when the queries API and its file exist.
    const namedFile = path.join(REPO, 'cypher/measures-touching.cypher');
    const listed = await fetch(`${base}/api/queries`).then(
      (r) => (r.ok ? r.json() : null),
      () => null,
    );
    if (existsSync(namedFile) && JSON.stringify(listed ?? '').includes('measures-touching')) {
      scenarios.push({
        name: 'measures-touching',
        target: true,
        method: 'POST',
        path: '/api/queries/measures-touching',
        body: { params: { name: q } },
        cypher: await readFile(namedFile, 'utf8'),
        params: { name: q, includeContained: false },
      });
    }

    console.log(
      `API bench: seed (${DOC}), ${CONNECTIONS} concurrent connections, ${SECONDS} s per run, Neo4j ${connection.server.version} at ${uri}` +
        (queryApi
          ? `, its HTTP Query API at ${queryApi.queryUrl}`
          : ' (no HTTP Query API: set NEO4J_BENCH_HTTP_URL)'),
    );
    console.log(
      `${'scenario'.padEnd(20)} ${'side'.padEnd(14)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'req/s'.padStart(7)}` +
        ` | ${'p95/HTTP'.padStart(8)} ≤${HTTP_RATIO_TARGET.toFixed(1)}×` +
        ` | ${'/driver'.padStart(8)} ≤${RATIO_TARGET.toFixed(1)}×` +
        ` | ${'/paced'.padStart(8)} | <${P95_TARGET_MS} ms`,
    );
    type Reported = Omit<Figures, 'latencies'>;
    const results: Record<
      string,
      {
        /** API, each request as the last (served from the response cache where there is one). */
        api: Reported;
        /** API, every request with Cache-Control: no-cache. */
        apiNoCache: Reported;
        /** Neo4j's HTTP Query API, the same statement; null without it. */
        http: Reported | null;
        /** The baseline: each query the moment the last returned. */
        driver: Reported;
        /** Each query after an untimed HTTP round trip, as the API's arrive (see the header comment). */
        driverPaced: Reported;
        /** API (cached) p95 over the driver's and over the paced driver's, as in earlier results files. */
        ratio: number;
        ratioPaced: number;
        routes: { cached: Route; noCache: Route };
        /** CPU ms per request: this process (autocannon or the driver), the API server, Neo4j. */
        cpuPerRequest: Record<Exclude<Side, 'driverPaced'>, ReturnType<typeof cpuPerRequest>>;
        /** Both routes meet all their targets; null for a scenario held to none. */
        met: boolean | null;
      }
    > = {};
    const reported = ({ latencies: _latencies, ...rest }: Figures): Reported => rest;
    const { pace, close: closePacer } = pacer(base);
    closeAll.push(closePacer);
    const pids = { server: server.pid, neo4j: neo4j.pid };
    const cpuLines: string[] = [];
    const warmUpEnd = performance.now() + NEO4J_WARM_UP_SECONDS * 1000;
    for (let i = 0; performance.now() < warmUpEnd; i++) {
      const scenario = scenarios[i % scenarios.length]!;
      await readRecords(connection, scenario.cypher, scenario.params);
      if (queryApi) queryApiRows(scenario, await send(queryApiRequest(queryApi, scenario)));
    }
    for (const scenario of scenarios) {
      const requests = {
        api: apiRequest(base, scenario, false),
        apiNoCache: apiRequest(base, scenario, true),
        http: queryApi ? queryApiRequest(queryApi, scenario) : null,
      };
      // One request of each to completion first: a cold Neo4j may take seconds to plan a statement.
      for (const request of [requests.api, requests.apiNoCache]) {
        const first = await send(request);
        if (first.status < 200 || first.status >= 300)
          throw new Error(`${scenario.name}: ${scenario.path} answered ${first.status}`);
      }
      const rows = (await readRecords(connection, scenario.cypher, scenario.params)).length;
      if (requests.http) {
        const httpRows = queryApiRows(scenario, await send(requests.http));
        if (httpRows !== rows)
          throw new Error(
            `${scenario.name}: Neo4j's HTTP Query API returned ${httpRows} rows where the driver returned ${rows}`,
          );
      }
      const runs: Partial<Record<Side, (seconds: number) => Promise<Figures>>> = {
        api: (seconds) => loadHttp(requests.api, seconds),
        apiNoCache: (seconds) => loadHttp(requests.apiNoCache, seconds),
        ...(requests.http ? { http: (seconds: number) => loadHttp(requests.http!, seconds) } : {}),
        driver: (seconds) => loadDriver(connection, scenario, seconds),
        driverPaced: (seconds) => loadDriver(connection, scenario, seconds, pace),
      };
      const sides = SIDES.filter((side) => runs[side] !== undefined).map((side) => ({
        side,
        run: runs[side]!,
        slices: [] as Figures[],
      }));
      for (const { run } of sides) await run(WARM_UP_SECONDS);
      // Interleaved one-second slices, the order turning each time (API, API no-cache, HTTP, driver,
      // paced; API no-cache, HTTP, …), so a change in the machine's load during the run weighs on
      // every side alike instead of on whichever ran last.
      for (let slice = 0; slice < SECONDS; slice++)
        for (let i = 0; i < sides.length; i++) {
          const side = sides[(slice + i) % sides.length]!;
          side.slices.push(await measured(pids, () => side.run(1)));
        }
      const done = sides.map(({ side, slices }) => ({ side, figures: merged(slices) }));
      const f = Object.fromEntries(done.map(({ side, figures }) => [side, figures])) as Record<
        Exclude<Side, 'http'>,
        Figures
      > & { http?: Figures };
      const routes = {
        cached: route(f.api, f.http, f.driver, f.driverPaced, scenario.target),
        noCache: route(f.apiNoCache, f.http, f.driver, f.driverPaced, scenario.target),
      };
      results[scenario.name] = {
        api: reported(f.api),
        apiNoCache: reported(f.apiNoCache),
        http: f.http ? reported(f.http) : null,
        driver: reported(f.driver),
        driverPaced: reported(f.driverPaced),
        ratio: routes.cached.overDriver,
        ratioPaced: routes.cached.overPaced,
        routes,
        cpuPerRequest: {
          api: cpuPerRequest(f.api),
          apiNoCache: cpuPerRequest(f.apiNoCache),
          http: f.http ? cpuPerRequest(f.http) : null,
          driver: cpuPerRequest(f.driver),
        },
        met: scenario.target ? !!(routes.cached.met?.all && routes.noCache.met?.all) : null,
      };
      for (const { side, figures } of done) {
        const name = side === 'api' ? scenario.name : '';
        const r = side === 'api' ? routes.cached : side === 'apiNoCache' ? routes.noCache : undefined;
        console.log(sideLine(name, side, figures, r));
        if (side !== 'driverPaced') cpuLines.push(cpuLine(name, side, figures));
      }
    }
    console.log(
      `\nCPU per request in ms, by process: load generator (autocannon) or driver + API server + Neo4j = total:`,
    );
    for (const line of cpuLines) console.log(line);

    const targeted = Object.entries(results).filter(
      ([name]) => scenarios.find((s) => s.name === name)?.target,
    );
    console.log(
      `\nLatencies in ms. Targets for each API route (search, entity, measure, named query): p95 < ${P95_TARGET_MS} ms,` +
        ` ≤ ${HTTP_RATIO_TARGET.toFixed(1)}× the p95 of Neo4j's HTTP Query API, ≤ ${RATIO_TARGET.toFixed(1)}× the driver's, no errors.`,
    );
    for (const key of ['cached', 'noCache'] as const) {
      const label = key === 'cached' ? SIDE_LABELS.api : SIDE_LABELS.apiNoCache;
      const count = (target: 'p95' | 'http' | 'driver' | 'noErrors') => {
        const measuredRoutes = targeted.filter(([, r]) => r.routes[key].met?.[target] !== null);
        const missing = measuredRoutes
          .filter(([, r]) => r.routes[key].met?.[target] === false)
          .map(([n]) => n);
        if (measuredRoutes.length === 0) return 'not measured';
        return missing.length === 0
          ? `met (${measuredRoutes.length} of ${measuredRoutes.length})`
          : `MISSED by ${missing.join(', ')}`;
      };
      const all = targeted.every(([, r]) => r.routes[key].met?.all);
      console.log(
        `  ${label.padEnd(14)} ${all ? 'all met' : 'NOT all met'}: ≤ ${HTTP_RATIO_TARGET.toFixed(1)}× HTTP ${count('http')};` +
          ` ≤ ${RATIO_TARGET.toFixed(1)}× driver ${count('driver')}; p95 < ${P95_TARGET_MS} ms ${count('p95')};` +
          ` no errors ${count('noErrors')}`,
      );
    }
    if (!queryApi) console.log('  (the HTTP target was not measured: no HTTP Query API)');
    await mkdir(path.join(REPO, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(REPO, 'bench-results/api.json'),
      `${JSON.stringify(
        {
          connections: CONNECTIONS,
          seconds: SECONDS,
          neo4j: connection.server.version,
          targets: { p95Ms: P95_TARGET_MS, overHttp: HTTP_RATIO_TARGET, overDriver: RATIO_TARGET },
          results,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const close of closeAll) close();
    if (server && server.exitCode === null) {
      const exited = once(server, 'exit');
      server.stdin?.end();
      await exited;
    }
    await neo4j.close();
  }
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3]!).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
