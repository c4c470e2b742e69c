/**
 * `npm run bench:api`: latency and throughput of the API on the seed, each scenario beside the same
 * Cypher run straight through the driver, so the API's own cost shows as a ratio.
 *
 * Neo4j: a fresh embedded one on a temporary data folder (or NEO4J_BENCH_URI, into which the seed is
 * ingested unless it is there already). The API runs in a child process on a free loopback port, as
 * it does in production, so the load generator (autocannon, in this process) does not share its event
 * loop. Each scenario: one request, a 2 s warm-up of each side, then BENCH_SECONDS (5) of BENCH_CONNECTIONS
 * (4) concurrent requests, in one-second slices interleaved with slices of the bare driver (the same
 * number of concurrent sessions, each running the route's statement with the same parameters), so
 * both sides see the same machine. Latencies are per request, percentiles by nearest
 * rank. Results also go to bench-results/api.json.
 *
 * Targets: p95 under 50 ms for search and measure lookups, and API p95 within 1.5× of the driver's.
 */
import { benchNeo4j } from './neo4j';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { createApp } from '../server/app';
import { loadConfig, neo4jSettings, type Neo4jSettings } from '../server/config';
import { connect, type Connection } from '../server/db/connection';
import { ENTITY_CYPHER } from '../server/data/entities';
import { graphQuery } from '../server/data/graph';
import { MEASURE_CYPHER } from '../server/data/measures';
import { readRecords } from '../server/data/read';
import { luceneQuery, SEARCH_CYPHER, searchParams } from '../server/data/search';
import { ingestFiles } from '../ingest/ingest';

const REPO = path.resolve(__dirname, '..');
const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const SEED = path.join(REPO, `seeds/${DOC}.txt`);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const WARM_UP_SECONDS = 2;
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
  return figures(
    slices.flatMap((s) => s.latencies),
    slices.reduce((sum, s) => sum + s.seconds, 0),
    slices.reduce((sum, s) => sum + s.errors, 0),
  );
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

async function loadDriver(connection: Connection, scenario: Scenario, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        try {
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

async function startServer(uri: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve', uri], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const lines = readline.createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const port = /^LISTENING (\d+)$/.exec(line)?.[1];
    if (port) return { child, base: `http://127.0.0.1:${port}` };
  }
  throw new Error('the API server exited before listening');
}

const ms = (n: number) => n.toFixed(1).padStart(7);

async function main(): Promise<void> {
  const neo4j = await benchNeo4j('api');
  const { connection, uri } = neo4j;
  let server: ChildProcess | undefined;
  try {
    await ingestFiles(connection, [SEED]);
    const started = await startServer(uri);
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
        ` | ${'driver p50'.padStart(10)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'q/s'.padStart(7)} | p95 ratio  target`,
    );
    const results: Record<
      string,
      {
        api: Omit<Figures, 'latencies'>;
        driver: Omit<Figures, 'latencies'>;
        ratio: number;
        met: boolean | null;
      }
    > = {};
    let missed = 0;
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
      // Interleaved one-second slices (API, driver, driver, API, …), so a change in the machine's load
      // during the run weighs on both sides alike instead of on whichever ran second.
      const apiSlices: Figures[] = [];
      const driverSlices: Figures[] = [];
      for (let slice = 0; slice < SECONDS; slice++) {
        const apiFirst = slice % 2 === 0;
        if (apiFirst) apiSlices.push(await loadApi(base, scenario, 1));
        driverSlices.push(await loadDriver(connection, scenario, 1));
        if (!apiFirst) apiSlices.push(await loadApi(base, scenario, 1));
      }
      const api = merged(apiSlices);
      const driver = merged(driverSlices);
      const ratio = api.p95 / driver.p95;
      const met = scenario.target
        ? api.p95 < P95_TARGET_MS && ratio <= RATIO_TARGET && api.errors === 0
        : null;
      if (met === false) missed++;
      const { latencies: _api, ...apiFigures } = api;
      const { latencies: _driver, ...driverFigures } = driver;
      results[scenario.name] = { api: apiFigures, driver: driverFigures, ratio, met };
      console.log(
        `${scenario.name.padEnd(20)} ${ms(api.p50)} ${ms(api.p95)} ${ms(api.p99)} ${api.perSecond.toFixed(0).padStart(7)}` +
          ` | ${ms(driver.p50).padStart(10)} ${ms(driver.p95)} ${ms(driver.p99)} ${driver.perSecond.toFixed(0).padStart(7)}` +
          ` | ${ratio.toFixed(2).padStart(8)}×  ${met === null ? '—' : met ? 'met' : 'MISSED'}` +
          (api.errors + driver.errors > 0 ? `  (errors: API ${api.errors}, driver ${driver.errors})` : ''),
      );
    }
    console.log(
      `Latencies in ms. Targets (search, entity, measure, named query): API p95 < ${P95_TARGET_MS} ms and ≤ ${RATIO_TARGET}× the driver's p95; ${missed === 0 ? 'all met' : `${missed} missed`}.`,
    );
    await mkdir(path.join(REPO, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(REPO, 'bench-results/api.json'),
      `${JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, neo4j: connection.server.version, results }, null, 2)}\n`,
    );
  } finally {
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
