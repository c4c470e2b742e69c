/**
 * `npm run bench:api`: latency and throughput of the API on the seed, each scenario beside the same
 * Cypher run straight through the driver, so the API's own cost shows as a ratio.
 *
 * Neo4j: a fresh embedded one on a temporary data folder (or NEO4J_BENCH_URI, into which the seed is
 * ingested unless it is there already). The API runs in a child process on a free loopback port, as
 * it does in production, so the load generator (autocannon, in this process) does not share its event
 * loop. First every scenario's statement runs through the driver, round robin, for BENCH_WARM_UP
 * seconds (20): a freshly started Neo4j spends its first minute compiling its own hot paths (JIT),
 * which slows and disturbs whatever runs then. Each scenario: one request, a 2 s warm-up of each
 * side, then BENCH_SECONDS (5) of BENCH_CONNECTIONS (4) concurrent requests, in one-second slices
 * interleaved with slices of the bare driver (the same number of concurrent sessions, each running
 * the route's statement with the same parameters), so all sides see the same machine. The CPU each
 * process spends in each slice is read too, and reported per request. Latencies are per request,
 * percentiles by nearest rank. Results also go to bench-results/api.json.
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
 * Targets: p95 under 50 ms for search and measure lookups, and API p95 within 1.5× of the driver's
 * (back to back).
 */
import { benchNeo4j } from './neo4j';
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
const RATIO_TARGET = 1.5;

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

async function loadApi(base: string, scenario: Scenario, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const options: autocannon.Options = {
    url: `${base}${scenario.path}`,
    method: scenario.method ?? 'GET',
    ...(scenario.body === undefined
      ? {}
      : { body: JSON.stringify(scenario.body), headers: { 'content-type': 'application/json' } }),
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

function cpuLine(name: string, api: Figures, driver: Figures): string {
  const a = cpuPerRequest(api);
  const d = cpuPerRequest(driver);
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '  —  ' : v.toFixed(2));
  const side = (c: ReturnType<typeof cpuPerRequest>) =>
    `${n(c?.bench)} + ${n(c?.server)} + ${n(c?.neo4j)} = ${n(c?.total)}`;
  const ratio = a?.total && d?.total ? `${(a.total / d.total).toFixed(2)}×` : '—';
  return `${name.padEnd(20)} API ${side(a)} | driver ${side(d)} | ${ratio}`;
}

async function main(): Promise<void> {
  const neo4j = await benchNeo4j('api');
  const { connection, uri } = neo4j;
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
      `API bench: seed (${DOC}), ${CONNECTIONS} concurrent connections, ${SECONDS} s per run, Neo4j ${connection.server.version} at ${uri}`,
    );
    console.log(
      `${'scenario'.padEnd(20)} ${'API p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'req/s'.padStart(7)}` +
        ` | ${'driver p50'.padStart(10)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'q/s'.padStart(7)} | p95 ratio  target` +
        ` | ${'paced p50'.padStart(9)} ${'p95'.padStart(7)}  ratio`,
    );
    type Reported = Omit<Figures, 'latencies'>;
    const results: Record<
      string,
      {
        api: Reported;
        /** The baseline: each query the moment the last returned. */
        driver: Reported;
        ratio: number;
        /** Each query after an untimed HTTP round trip, as the API's arrive (see the header comment). */
        driverPaced: Reported;
        ratioPaced: number;
        /** CPU ms per request: this process (autocannon or the driver), the API server, Neo4j. */
        cpuPerRequest: { api: ReturnType<typeof cpuPerRequest>; driver: ReturnType<typeof cpuPerRequest> };
        met: boolean | null;
      }
    > = {};
    const reported = ({ latencies: _latencies, ...rest }: Figures): Reported => rest;
    const { pace, close: closePacer } = pacer(base);
    closeAll.push(closePacer);
    const pids = { server: server.pid, neo4j: neo4j.pid };
    const cpuLines: string[] = [];
    let missed = 0;
    const warmUpEnd = performance.now() + NEO4J_WARM_UP_SECONDS * 1000;
    for (let i = 0; performance.now() < warmUpEnd; i++) {
      const scenario = scenarios[i % scenarios.length]!;
      await readRecords(connection, scenario.cypher, scenario.params);
    }
    for (const scenario of scenarios) {
      // One request to completion first: a cold Neo4j may take seconds to plan a statement.
      const first = await fetch(`${base}${scenario.path}`, {
        method: scenario.method ?? 'GET',
        ...(scenario.body === undefined
          ? {}
          : { body: JSON.stringify(scenario.body), headers: { 'content-type': 'application/json' } }),
      });
      if (!first.ok) throw new Error(`${scenario.name}: ${scenario.path} answered ${first.status}`);
      await readRecords(connection, scenario.cypher, scenario.params);
      await loadApi(base, scenario, WARM_UP_SECONDS);
      await loadDriver(connection, scenario, WARM_UP_SECONDS);
      await loadDriver(connection, scenario, WARM_UP_SECONDS, pace);
      // Interleaved one-second slices, the order turning each time (API, driver, paced; driver,
      // paced, API; …), so a change in the machine's load during the run weighs on every side
      // alike instead of on whichever ran last.
      const sides = [
        { slices: [] as Figures[], run: () => loadApi(base, scenario, 1) },
        { slices: [] as Figures[], run: () => loadDriver(connection, scenario, 1) },
        { slices: [] as Figures[], run: () => loadDriver(connection, scenario, 1, pace) },
      ];
      for (let slice = 0; slice < SECONDS; slice++)
        for (let i = 0; i < sides.length; i++) {
          const side = sides[(slice + i) % sides.length]!;
          side.slices.push(await measured(pids, side.run));
        }
      const [api, driver, paced] = sides.map((side) => merged(side.slices)) as [Figures, Figures, Figures];
      const ratio = api.p95 / driver.p95;
      const ratioPaced = api.p95 / paced.p95;
      const met = scenario.target
        ? api.p95 < P95_TARGET_MS && ratio <= RATIO_TARGET && api.errors === 0
        : null;
      if (met === false) missed++;
      results[scenario.name] = {
        api: reported(api),
        driver: reported(driver),
        ratio,
        driverPaced: reported(paced),
        ratioPaced,
        cpuPerRequest: { api: cpuPerRequest(api), driver: cpuPerRequest(driver) },
        met,
      };
      cpuLines.push(cpuLine(scenario.name, api, driver));
      const errors = api.errors + driver.errors + paced.errors;
      console.log(
        `${scenario.name.padEnd(20)} ${ms(api.p50)} ${ms(api.p95)} ${ms(api.p99)} ${api.perSecond.toFixed(0).padStart(7)}` +
          ` | ${ms(driver.p50).padStart(10)} ${ms(driver.p95)} ${ms(driver.p99)} ${driver.perSecond.toFixed(0).padStart(7)}` +
          ` | ${ratio.toFixed(2).padStart(8)}×  ${(met === null ? '—' : met ? 'met' : 'MISSED').padEnd(6)}` +
          ` | ${ms(paced.p50).padStart(9)} ${ms(paced.p95)} ${ratioPaced.toFixed(2).padStart(5)}×` +
          (errors > 0 ? `  (errors: API ${api.errors}, driver ${driver.errors}, paced ${paced.errors})` : ''),
      );
    }
    console.log(
      `\nCPU per request in ms, by process: load generator (autocannon) or driver + API server + Neo4j = total, and the ratio of the totals:`,
    );
    for (const line of cpuLines) console.log(line);
    console.log(
      `Latencies in ms. Targets (search, entity, measure, named query): API p95 < ${P95_TARGET_MS} ms and ≤ ${RATIO_TARGET}× the driver's p95; ${missed === 0 ? 'all met' : `${missed} missed`}.`,
    );
    await mkdir(path.join(REPO, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(REPO, 'bench-results/api.json'),
      `${JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, neo4j: connection.server.version, results }, null, 2)}\n`,
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
