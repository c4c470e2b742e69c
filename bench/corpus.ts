/**
 * `npm run bench:corpus`: a researcher's corpus end to end. Generates BENCH_DOCS documents (10,000 by
 * default, ≈ 50 MB: testkit/corpus.ts, composed plans in six layouts and both scripts), writes them
 * to a folder, and ingests the folder into a fresh embedded Neo4j (or NEO4J_BENCH_URI) through the
 * real ingest (ingest.ts: the stages in worker threads, batched loads, lineage). Reports:
 *
 * - documents/s, MB/s and relationships/s end to end, and the Neo4j side alone (the time the
 *   loading thread spent in load transactions), cold (the first tenth) and warm (the rest);
 * - the end-to-end time as a ratio to bare single-core nodejieba tagging of the same texts, measured
 *   first in the same process;
 * - the pipeline's time per core as a ratio to the same bare tagging (INGEST_WORKERS=0 on a sample);
 * - peak memory of this process (with its worker threads) and of Neo4j's JVM, and the store's size;
 * - then the explorer's API on the loaded corpus: p95 at 4 connections for search, an entity, a
 *   measure, a named query and the overview, uncached (every request `Cache-Control: no-cache`) and
 *   cached, and the server's memory after it.
 *
 * The last line is one JSON object with every figure (`documents`, `megabytes`, `seconds`,
 * `ratioToBareTagging`, `warmRelationshipsPerSecond`, …); tests/bench/corpus.test.ts parses it.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { ingestBatch, type LoadStats } from '../ingest/ingest';
import { loadGazetteer } from '../ingest/gazetteer/gazetteer';
import { runStages } from '../ingest/pipeline';
import { sourceFromText } from '../ingest/source';
import { ensureJieba } from '../ingest/stages/segment';
import { createApp } from '../server/app';
import { readRecords } from '../store/read';
import { generateCorpus } from '../testkit/corpus';
import { benchNeo4j } from './neo4j';

const DOCUMENTS = Number(process.env.BENCH_DOCS ?? 10_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
/** Targets of issue 16, on this 2-core machine. */
const TARGETS = {
  ratioToBareTagging: 4,
  warmRelationshipsPerSecond: 25_000,
  pipelinePerCore: 2,
  p95Ms: 50,
  overviewP95Ms: 500,
};
/** The share of documents counted as cold. */
const COLD_SHARE = 0.1;
/** Documents of the single-thread pipeline sample. */
const PIPELINE_SAMPLE = 200;
const CONNECTIONS = 4;
const REQUESTS_PER_ROUTE = 400;

const pad = (label: string) => `${label} `.padEnd(60);
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Peak resident memory of a process, from /proc (VmHWM), in MB; null where there is no /proc. */
async function peakMemory(pid: number | 'self'): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** The corpus on disk (kept between runs of the same size and seed: generating is not measured). */
async function writeCorpus(): Promise<{ folder: string; files: string[]; bytes: number; texts: string[] }> {
  const folder = path.join(os.tmpdir(), `bench-corpus-${DOCUMENTS}-${SEED}`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  const texts: string[] = [];
  let bytes = 0;
  for (const doc of generateCorpus({ documents: DOCUMENTS, seed: SEED })) {
    const file = path.join(folder, doc.name);
    await writeFile(file, doc.text);
    files.push(file);
    texts.push(doc.text);
    bytes += doc.bytes;
  }
  return { folder, files, bytes, texts };
}

function seconds(from: number): number {
  return (performance.now() - from) / 1000;
}

interface RouteFigure {
  route: string;
  uncachedP95: number;
  cachedP95: number;
  target: number;
}

interface Probe {
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
}

/**
 * p95 (ms) of REQUESTS_PER_ROUTE requests, `probes` in turn, from CONNECTIONS clients at once (each
 * sends its next request when its last is answered; fetch keeps the connections alive).
 */
async function p95(base: string, probes: Probe[], noCache: boolean): Promise<number> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < REQUESTS_PER_ROUTE) {
      const probe = probes[next++ % probes.length]!;
      const sent = performance.now();
      const response = await fetch(`${base}${probe.path}`, {
        method: probe.method ?? 'GET',
        headers: {
          ...(probe.body ? { 'content-type': 'application/json' } : {}),
          ...(noCache ? { 'cache-control': 'no-cache' } : {}),
        },
        ...(probe.body ? { body: probe.body } : {}),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${probe.path}: ${response.status}`);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  latencies.sort((a, b) => a - b);
  return latencies[Math.ceil(latencies.length * 0.95) - 1]!;
}

async function main(): Promise<void> {
  const corpus = await writeCorpus();
  const megabytes = mb(corpus.bytes);
  console.log(`Corpus: ${DOCUMENTS} generated documents, ${megabytes.toFixed(1)} MB in ${corpus.folder}`);

  // Bare single-core tagging of the same texts, the yardstick (jieba's dictionaries loaded first).
  const gazetteer = loadGazetteer();
  ensureJieba(gazetteer);
  for (const text of corpus.texts.slice(0, 20)) nodejieba.tag(text);
  let start = performance.now();
  for (const text of corpus.texts) nodejieba.tag(text);
  const bare = seconds(start);
  console.log(
    `${pad('Bare nodejieba tagging, one core:')}${(megabytes / bare).toFixed(2)} MB/s (${bare.toFixed(1)} s)`,
  );

  // The pipeline alone on one core, on a sample, against bare tagging of the same sample.
  const sample = corpus.texts.slice(0, Math.min(PIPELINE_SAMPLE, corpus.texts.length));
  const sources = sample.map((text, i) => sourceFromText(`sample-${i}.txt`, text));
  runStages(sources[0]!, gazetteer);
  start = performance.now();
  for (const source of sources) runStages(source, gazetteer);
  const pipelineSample = seconds(start);
  start = performance.now();
  for (const text of sample) nodejieba.tag(text);
  const bareSample = seconds(start);
  const pipelinePerCore = pipelineSample / bareSample;
  console.log(
    `${pad('Pipeline per core / bare tagging (sample):')}${pipelinePerCore.toFixed(2)}× (target ≤ ${TARGETS.pipelinePerCore}×)`,
  );
  corpus.texts.length = 0; // the ingest reads the files

  // Sized for the corpus (README, "Deploying at scale"); a small run leaves room for the test suite's own.
  const large = DOCUMENTS > 2_000;
  const neo4j = await benchNeo4j('corpus', {
    heap: large ? '4g' : '1g',
    pageCache: large ? '2g' : '256m',
    txTimeout: '300s',
  });
  const { connection } = neo4j;
  let server: Server | null = null;
  try {
    const cold = Math.max(1, Math.round(DOCUMENTS * COLD_SHARE));
    const batches: (LoadStats & { at: number })[] = [];
    let loaded = 0;
    let failed = 0;
    let relationships = 0;
    let written = 0;
    let coldEnd = 0;
    let coldRelationships = 0;
    const began = performance.now();
    await ingestBatch(connection, corpus.files, {
      onFile: (outcome) => {
        if (outcome.error) {
          failed++;
          if (failed <= 3) console.log(`  failed: ${outcome.error.message}`);
        } else loaded++;
      },
      onLoad: (batch) => {
        batches.push({ ...batch, at: performance.now() });
        // Cold: the batches that load the first tenth of the documents (at least the first batch).
        if (written < cold && batch.documents > 0) {
          coldEnd = performance.now();
          coldRelationships += batch.relationships;
        }
        written += batch.documents;
        relationships += batch.relationships;
      },
    });
    const total = seconds(began);
    const warmSeconds = (performance.now() - coldEnd) / 1000;
    const loadSeconds = batches.reduce((s, b) => s + b.loadSeconds, 0);
    const lineageSeconds = batches.reduce((s, b) => s + b.lineageSeconds, 0);
    // The batches' own (plans outside every series) and the series plans' after the load.
    const seriesLineageSeconds = batches
      .filter((b) => b.documents === 0)
      .reduce((s, b) => s + b.lineageSeconds, 0);
    const coldBatches = batches.filter((b) => b.at <= coldEnd);
    const warmBatches = batches.filter((b) => b.at > coldEnd);
    const rate = (list: typeof batches) =>
      list.reduce((s, b) => s + b.relationships, 0) /
      Math.max(
        1e-9,
        list.reduce((s, b) => s + b.loadSeconds, 0),
      );
    const warmRelationshipsPerSecond = rate(warmBatches);
    const coldRelationshipsPerSecond = rate(coldBatches);
    const ratio = total / bare;
    console.log(`${pad('Documents loaded / failed:')}${loaded} / ${failed}`);
    console.log(
      `${pad('End to end:')}${total.toFixed(1)} s, ${(DOCUMENTS / total).toFixed(0)} documents/s, ${(megabytes / total).toFixed(2)} MB/s, ${(relationships / total).toFixed(0)} relationships/s`,
    );
    console.log(
      `${pad('End to end / bare tagging:')}${ratio.toFixed(2)}× (target ≤ ${TARGETS.ratioToBareTagging}×: ${ratio <= TARGETS.ratioToBareTagging ? 'met' : 'NOT met'})`,
    );
    console.log(
      `${pad('Neo4j load, cold (first tenth):')}${coldRelationshipsPerSecond.toFixed(0)} relationships/s (${coldRelationships} in ${coldBatches.reduce((s, b) => s + b.loadSeconds, 0).toFixed(1)} s)`,
    );
    console.log(
      `${pad('Neo4j load, warm:')}${warmRelationshipsPerSecond.toFixed(0)} relationships/s (target ≥ ${TARGETS.warmRelationshipsPerSecond}: ${warmRelationshipsPerSecond >= TARGETS.warmRelationshipsPerSecond ? 'met' : 'NOT met'}); whole rest of the ingest ${warmSeconds.toFixed(1)} s`,
    );
    console.log(
      `${pad('Loading thread:')}load transactions ${loadSeconds.toFixed(1)} s, lineage ${lineageSeconds.toFixed(1)} s (${(lineageSeconds - seriesLineageSeconds).toFixed(1)} s in the batches, ${seriesLineageSeconds.toFixed(1)} s for the series plans after the load), waiting for the pipeline ${(total - loadSeconds - lineageSeconds).toFixed(1)} s`,
    );

    const [counts] = await readRecords(
      connection,
      `CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
       CALL () { MATCH (e:Entity) RETURN count(e) AS entities } CALL () { MATCH (m:Measure) RETURN count(m) AS measures }
       RETURN nodes, rels, entities, measures`,
    );
    const graph = {
      nodes: Number(counts!.get('nodes')),
      relationships: Number(counts!.get('rels')),
      entities: Number(counts!.get('entities')),
      measures: Number(counts!.get('measures')),
    };
    console.log(
      `${pad('Graph:')}${graph.nodes} nodes, ${graph.relationships} relationships, ${graph.measures} measures, ${graph.entities} entities`,
    );
    const nodePeak = await peakMemory('self');
    const javaPeak = neo4j.pid ? await peakMemory(neo4j.pid) : null;
    const storeBytes = neo4j.dataDir ? await folderBytes(neo4j.dataDir) : null;
    console.log(
      `${pad('Peak memory:')}node ${nodePeak?.toFixed(0) ?? '?'} MB (with its worker threads), Neo4j ${javaPeak?.toFixed(0) ?? '?'} MB; store ${storeBytes === null ? '?' : mb(storeBytes).toFixed(0)} MB`,
    );

    // The explorer's API on the corpus.
    const app = createApp({ connection });
    server = createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sampleRows = await readRecords(
      connection,
      `CALL () { MATCH (e:Entity) WITH e ORDER BY rand() LIMIT 40 RETURN collect(e {.key, .name}) AS entities }
       CALL () { MATCH (m:Measure) WITH m ORDER BY rand() LIMIT 40 RETURN collect(m.key) AS measures }
       RETURN entities, measures`,
    );
    const entities = sampleRows[0]!.get('entities') as { key: string; name: string }[];
    const measures = sampleRows[0]!.get('measures') as string[];
    const enc = encodeURIComponent;
    const routes: [string, Probe[], number][] = [
      ['search', entities.map((e) => ({ path: `/api/search?q=${enc(e.name)}` })), TARGETS.p95Ms],
      ['entity', entities.map((e) => ({ path: `/api/entities/${enc(e.key)}` })), TARGETS.p95Ms],
      ['measure', measures.map((key) => ({ path: `/api/measures/${enc(key)}` })), TARGETS.p95Ms],
      [
        'named query (measures-touching)',
        entities.map((e) => ({
          path: '/api/queries/measures-touching',
          method: 'POST' as const,
          body: JSON.stringify({ params: { name: e.name } }),
        })),
        TARGETS.p95Ms,
      ],
      [
        'measures table',
        entities.map((e) => ({ path: `/api/measures?q=${enc(e.name)}&limit=50` })),
        TARGETS.p95Ms,
      ],
      ['documents', [{ path: '/api/documents?limit=100' }], TARGETS.p95Ms],
      ['overview (/api/graph)', [{ path: '/api/graph' }], TARGETS.overviewP95Ms],
    ];
    // The overview is computed once per version, in the background: the first request waits for it.
    start = performance.now();
    await fetch(`${base}/api/graph`).then((r) => r.text());
    const overviewFirst = seconds(start);
    const figures: RouteFigure[] = [];
    for (const [route, requests, target] of routes) {
      const uncachedP95 = await p95(base, requests, true);
      const cachedP95 = await p95(base, requests, false);
      figures.push({ route, uncachedP95, cachedP95, target });
      console.log(
        `${pad(`p95 at ${CONNECTIONS} connections, ${route}:`)}uncached ${uncachedP95.toFixed(0)} ms, cached ${cachedP95.toFixed(0)} ms (target < ${target} ms: ${cachedP95 < target ? 'met' : 'NOT met'} cached, ${uncachedP95 < target ? 'met' : 'NOT met'} uncached)`,
      );
    }
    console.log(`${pad('First overview after the load (computed once):')}${overviewFirst.toFixed(1)} s`);
    const serverMemory = process.memoryUsage();
    console.log(
      `${pad('Server memory after the API run:')}heap ${mb(serverMemory.heapUsed).toFixed(0)} MB, rss ${mb(serverMemory.rss).toFixed(0)} MB`,
    );

    console.log(
      JSON.stringify({
        documents: DOCUMENTS,
        loaded,
        failed,
        megabytes: Number(megabytes.toFixed(2)),
        seconds: Number(total.toFixed(2)),
        bareTaggingSeconds: Number(bare.toFixed(2)),
        ratioToBareTagging: Number(ratio.toFixed(3)),
        pipelinePerCore: Number(pipelinePerCore.toFixed(3)),
        workers: Number(process.env.INGEST_WORKERS ?? os.availableParallelism()),
        documentsPerSecond: Number((DOCUMENTS / total).toFixed(1)),
        megabytesPerSecond: Number((megabytes / total).toFixed(3)),
        relationshipsPerSecond: Math.round(relationships / total),
        coldRelationshipsPerSecond: Math.round(coldRelationshipsPerSecond),
        warmRelationshipsPerSecond: Math.round(warmRelationshipsPerSecond),
        loadSeconds: Number(loadSeconds.toFixed(2)),
        lineageSeconds: Number(lineageSeconds.toFixed(2)),
        seriesLineageSeconds: Number(seriesLineageSeconds.toFixed(2)),
        graph,
        peakMemoryMB: { node: nodePeak, neo4j: javaPeak },
        storeMB: storeBytes === null ? null : Number(mb(storeBytes).toFixed(1)),
        overviewFirstSeconds: Number(overviewFirst.toFixed(2)),
        p95: Object.fromEntries(
          figures.map((f) => [f.route, { uncached: f.uncachedP95, cached: f.cachedP95, target: f.target }]),
        ),
        serverMemoryMB: {
          heap: Math.round(mb(serverMemory.heapUsed)),
          rss: Math.round(mb(serverMemory.rss)),
        },
        targets: TARGETS,
      }),
    );
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await neo4j.close();
    await rm(corpus.folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
