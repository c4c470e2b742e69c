/**
 * `npm run bench:client`: how fast the explorer draws and animates the graph, beside a bare sigma.js
 * page drawing the same graphology JSON with default settings (bench/client/page/bare.ts), so the
 * explorer's own cost shows as a ratio. Targets: time to first render ≤ 1.5× the bare page's, frame
 * rate ≥ 1 / 1.5 of it. Results also go to bench-results/client.json.
 *
 * What runs: the real explorer (dist/client, rebuilt first when client/ is newer, as `npm start`
 * does) served by the real server app (createApp) against a real Neo4j holding the seed (a fresh
 * embedded one on a temporary data folder, or NEO4J_BENCH_URI, into which the seed is ingested unless
 * it is there already); ONE headless Debian Chromium (CHROMIUM_PATH, else /usr/bin/chromium), each
 * page load in a fresh browser context (cold HTTP cache, empty storage), 1366×768 at device scale 1;
 * the bare page's container is sized to the explorer's stage, so both draw the same pixels.
 *
 * Graphs: the seed, then generated graphs of 1k, 10k and 50k nodes with 3× as many edges
 * (testkit/synthetic-graph.ts: the real data model, clustered positions from a seed). The
 * generated graphs are NOT loaded into Neo4j: the server would lay out 50k nodes for minutes, and
 * the server's cost is not what this measures (see README, "Speed", for /api/graph at 10k). Nor are
 * they injected with Playwright's page.route: a fulfilled route hands the 9–45 MB body to the page
 * through the DevTools protocol, which would add seconds of transfer to both pages' times and hide
 * the difference. Instead a thin front in this process answers GET /api/graph with the generated
 * graph's JSON, pre-serialised, exactly as the server's buildGraph shapes it (the generator builds it
 * with that function); every other path goes to the real app. For the seed the front is a pass-through.
 *
 * Measures, per graph, BENCH_RUNS (3) loads of each page, interleaved (explorer, bare, bare, explorer,
 * …) so machine load falls on both, medians reported:
 * - time to first render: navigation start → the first frame with the whole graph drawn, painted
 *   (the `explorer:graph-rendered` mark GraphView sets two animation frames after it has started
 *   sigma, i.e. once the frame sigma drew the graph in is done; `bare:graph-rendered` likewise after
 *   `new Sigma`), with the part spent before the JSON had arrived (server and transfer) and the main
 *   thread's long tasks, to tell network from client work;
 * - frame rate during a fixed 3 s camera animation played through sigma's mouse layer (a drag along a
 *   circle, then five wheel steps in and five out: bench/client/page/drive.ts), counting animation
 *   frames; and, reported beside it, during a 2 s pointer sweep over the graph (hovering nodes).
 * Chromium runs with the tests' flags (testkit/chromium.ts): --disable-gpu, so WebGL is
 * software-rendered and absolute frame rates are those of a machine without a GPU (the ratio is the
 * point), and without the address bar's WebUI popups, which every new context otherwise loads in a
 * renderer of their own during the very page load being timed.
 */
import { benchNeo4j } from './neo4j';
import express from 'express';
import type { Server } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ingestFiles } from '../ingest/ingest';
import { createApp } from '../server/app';
import { securityHeaders } from '../server/http/security';
import { ensureClientBuilt } from '../server/client-build';
import { launchChromium, CHROMIUM } from '../testkit/chromium';
import { freePort } from '../testkit/ports';
import { syntheticGraph } from '../testkit/synthetic-graph';
import { explorerStage, measurePage, type PageKind, type Sample } from './client/measure';
import { buildBarePage, driverScript, PAGE_BASE, PAGE_BUILD_DIR } from './client/pages';
import { REPO_ROOT } from '../store/repo';

const REPO = REPO_ROOT;
const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const SEED = path.join(REPO, `seeds/${DOC}.txt`);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ANIMATION_MS = 3000;
const HOVER_MS = 2000;
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').filter(Boolean).map(Number);
const RATIO_TARGET = 1.5;

interface Case {
  name: string;
  nodes: number;
  edges: number;
  /** The /api/graph body the front serves, or null for the real route. */
  body: Buffer | null;
}

type Summary = { [K in keyof Sample]: number };

interface Result {
  nodes: number;
  edges: number;
  explorer: Summary;
  bare: Summary;
  samples: { explorer: Sample[]; bare: Sample[] };
  /** Explorer / bare time to first render; bare / explorer frame rate. */
  renderRatio: number;
  fpsRatio: number;
  met: boolean;
}

const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function summarise(samples: Sample[]): Summary {
  const keys = Object.keys(samples[0]!) as (keyof Sample)[];
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((s) => s[key]))])) as Summary;
}

function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  return freePort().then(
    (port) =>
      new Promise((resolve, reject) => {
        const server = app.listen(port, '127.0.0.1', () =>
          resolve({ server, base: `http://127.0.0.1:${port}` }),
        );
        server.once('error', reject);
      }),
  );
}

const fixed = (n: number, digits = 0, width = 7) =>
  (Number.isFinite(n) ? n.toFixed(digits) : '—').padStart(width);

async function main(): Promise<void> {
  console.log('Client bench: building the explorer (if stale) and the bare sigma page…');
  await ensureClientBuilt({ log: (line) => console.log(line) });
  await buildBarePage();
  const driver = await driverScript();

  const neo4j = await benchNeo4j('client');
  const { connection } = neo4j;
  let server: Server | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    await ingestFiles(connection, [SEED]);

    // The front: generated graphs for GET /api/graph when one is current, the bare page under
    // /bench/, and the real app for everything else. The bare page gets the app's security headers,
    // so the two pages differ only in their client code. Served without them, the bare page was
    // ~50 ms faster to first render on this machine (about half of it `Cross-Origin-Opener-Policy:
    // same-origin` alone: the tab, on about:blank as every bench load starts, switches browsing
    // context group to open such a page).
    let current: Buffer | null = null;
    const front = express();
    front.disable('x-powered-by');
    front.get('/api/graph', (_req, res, next) => {
      if (!current) return next();
      res.type('application/json').send(current);
    });
    front.use(PAGE_BASE, securityHeaders(), express.static(PAGE_BUILD_DIR));
    front.use(createApp({ connection }));
    const listening = await listen(front);
    server = listening.server;
    const { base } = listening;

    // The seed's first /api/graph plans its statements and lays the graph out: not part of a page load.
    const seed = await fetch(`${base}/api/graph`).then(async (r) => {
      if (!r.ok) throw new Error(`/api/graph answered ${r.status}`);
      return (await r.json()) as { nodes: unknown[]; edges: unknown[] };
    });
    const cases: Case[] = [{ name: 'seed', nodes: seed.nodes.length, edges: seed.edges.length, body: null }];
    for (const nodes of SIZES) {
      const graph = syntheticGraph({ nodes, prefix: `synthetic-${nodes}` });
      cases.push({
        name: nodes >= 1000 ? `${nodes / 1000}k` : String(nodes),
        nodes: graph.counts.nodes,
        edges: graph.counts.edges,
        body: Buffer.from(JSON.stringify(graph.json)),
      });
    }

    browser = await launchChromium();
    const stage = await explorerStage(browser, base);
    const urls: Record<PageKind, string> = {
      explorer: `${base}/`,
      bare: `${base}${PAGE_BASE}bare.html?w=${stage.width}&h=${stage.height}`,
    };
    console.log(
      `Chromium ${browser.version()} (${CHROMIUM}), viewport 1366×768, stage ${stage.width}×${stage.height}; ` +
        `${RUNS} loads per page and graph, interleaved; ${ANIMATION_MS / 1000} s camera animation`,
    );

    const results: Record<string, Result> = {};
    for (const testCase of cases) {
      current = testCase.body;
      // One unmeasured load of each: the server's plans, the page's code in the OS cache.
      for (const kind of ['explorer', 'bare'] as const)
        await measurePage(browser, { url: urls[kind], kind, driver, animationMs: 500, hoverMs: 200 });
      const samples: Record<PageKind, Sample[]> = { explorer: [], bare: [] };
      for (let run = 0; run < RUNS; run++) {
        const order: PageKind[] = run % 2 === 0 ? ['explorer', 'bare'] : ['bare', 'explorer'];
        for (const kind of order)
          samples[kind].push(
            await measurePage(browser, {
              url: urls[kind],
              kind,
              driver,
              animationMs: ANIMATION_MS,
              hoverMs: HOVER_MS,
            }),
          );
      }
      const explorer = summarise(samples.explorer);
      const bare = summarise(samples.bare);
      const renderRatio = explorer.renderMs / bare.renderMs;
      const fpsRatio = bare.fps / explorer.fps;
      results[testCase.name] = {
        nodes: testCase.nodes,
        edges: testCase.edges,
        explorer,
        bare,
        samples,
        renderRatio,
        fpsRatio,
        met: renderRatio <= RATIO_TARGET && fpsRatio <= RATIO_TARGET,
      };
      console.log(
        `  ${testCase.name}: first render ${explorer.renderMs.toFixed(0)} / ${bare.renderMs.toFixed(0)} ms, ` +
          `${explorer.fps.toFixed(1)} / ${bare.fps.toFixed(1)} fps (explorer / bare)`,
      );
    }
    current = null;

    console.log('');
    console.log(
      `${'graph'.padEnd(6)} ${'nodes'.padStart(6)} ${'edges'.padStart(7)} | first render ms: ${'ours'.padStart(7)} ${'bare'.padStart(7)} ${'ratio'.padStart(6)}` +
        ` | fps: ${'ours'.padStart(5)} ${'bare'.padStart(5)} ${'ratio'.padStart(6)} | target`,
    );
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(6)} ${String(r.nodes).padStart(6)} ${String(r.edges).padStart(7)} |                  ` +
          `${fixed(r.explorer.renderMs)} ${fixed(r.bare.renderMs)} ${fixed(r.renderRatio, 2, 5)}×` +
          ` |      ${fixed(r.explorer.fps, 1, 5)} ${fixed(r.bare.fps, 1, 5)} ${fixed(r.fpsRatio, 2, 5)}×` +
          ` | ${r.met ? 'met' : 'MISSED'}`,
      );
    }
    console.log('');
    console.log(
      'Where the first render went (medians, ms): JSON received / after it / long tasks before the mark',
    );
    for (const [name, r] of Object.entries(results)) {
      const part = (s: Summary) =>
        `${fixed(s.graphMs, 0, 6)} ${fixed(s.renderMs - s.graphMs, 0, 6)} ${fixed(s.longTaskMs, 0, 6)}`;
      console.log(
        `${name.padEnd(6)} ours ${part(r.explorer)}   bare ${part(r.bare)}   ` +
          `frame p95 ms ours ${fixed(r.explorer.frameP95Ms, 0, 4)} bare ${fixed(r.bare.frameP95Ms, 0, 4)}   ` +
          `hover fps ours ${fixed(r.explorer.hoverFps, 1, 5)} bare ${fixed(r.bare.hoverFps, 1, 5)}`,
      );
    }
    const missed = Object.values(results).filter((r) => !r.met).length;
    console.log(
      `\nRatios: first render ours / bare, fps bare / ours; target ≤ ${RATIO_TARGET}× for both: ` +
        `${missed === 0 ? 'all met' : `${missed} graph(s) missed`}.`,
    );
    await mkdir(path.join(REPO, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(REPO, 'bench-results/client.json'),
      `${JSON.stringify(
        {
          chromium: browser.version(),
          viewport: { width: 1366, height: 768 },
          stage,
          runs: RUNS,
          animationMs: ANIMATION_MS,
          target: RATIO_TARGET,
          results,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await neo4j.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
