/**
 * `npm run bench:ingest`: ingest throughput on a generated corpus of at least 5 MB (copies of the
 * seed under distinct names), reported as a ratio against bare nodejieba tagging of the same measure
 * texts in the same process; then the Neo4j load rate (relationships per second) into a fresh
 * embedded Neo4j (or NEO4J_BENCH_URI, whose database it fills with bench-* documents).
 *
 * How to read it: both throughputs are wall-clock time, measured interleaved in chunks so that
 * whatever else the machine is doing slows both alike; warm-up (first use of each code path) is run
 * before and not counted. Loading jieba's dictionaries is a once-per-process cost, printed on its own.
 * The Neo4j rate is measured on a warm server (what a long-running one sees); the documents before,
 * while the fresh JVM compiles its hot code, and the first one, which also plans the load statements,
 * are printed on their own.
 */
import { benchNeo4j } from './neo4j';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { loadGazetteer } from '../ingest/gazetteer/gazetteer';
import { runStages } from '../ingest/pipeline';
import { sourceFromText } from '../ingest/source';
import { extract } from '../ingest/stages/extract';
import { link } from '../ingest/stages/link';
import { loadDocument, type LoadOutcome } from '../ingest/stages/load';
import { parse } from '../ingest/stages/parse';
import { script } from '../ingest/stages/script';
import { ensureJieba, segment } from '../ingest/stages/segment';
import type { Doc, SourceFile } from '../ingest/types';
import { REPO_ROOT } from '../store/repo';

const REPO = REPO_ROOT;
const SEED = path.join(REPO, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const TARGET_BYTES = 5 * 1024 * 1024;
/** Documents per chunk when alternating bare tagging and the pipeline. */
const CHUNK = 16;
/**
 * Documents per Neo4j measurement. After the first document (cold), LOAD_DOCS more warm the JVM up
 * (its JIT compilers take most of the CPU at first) and the next LOAD_DOCS give the warm rate.
 */
const LOAD_DOCS = 40;
/** Documents in the per-stage breakdown. */
const BREAKDOWN_DOCS = 64;
const TARGET_RATIO = 3;

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, seconds(start)];
}

const pad = (label: string) => `${label} `.padEnd(62);

/** Where the pipeline's time goes: the stages of runStages, called one by one in its order. */
function breakdown(sources: SourceFile[], gazetteer: ReturnType<typeof loadGazetteer>): string {
  const stages: Array<[string, (doc: Doc) => Doc]> = [
    ['script', script],
    ['segment', (doc) => segment(doc, gazetteer)],
    ['extract', (doc) => extract(doc, gazetteer)],
    ['link', (doc) => link(doc, gazetteer)],
  ];
  const totals = new Map<string, number>([
    ['parse', 0],
    ...stages.map(([name]) => [name, 0] as [string, number]),
  ]);
  for (const source of sources) {
    let [doc, t] = time(() => parse(source));
    totals.set('parse', totals.get('parse')! + t);
    for (const [name, stage] of stages) {
      [doc, t] = time(() => stage(doc));
      totals.set(name, totals.get(name)! + t);
    }
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals]
    .map(
      ([name, t]) =>
        `${name} ${((t / sources.length) * 1000).toFixed(1)} ms (${((t / all) * 100).toFixed(0)}%)`,
    )
    .join(', ');
}

async function main(): Promise<void> {
  const seed = await readFile(SEED, 'utf8');
  const seedBytes = Buffer.byteLength(seed);
  const copies = Math.ceil(TARGET_BYTES / seedBytes);
  const sources = Array.from({ length: copies }, (_, i) => sourceFromText(`bench-${i}.txt`, seed));
  const mb = (seedBytes * copies) / 1024 / 1024;
  console.log(`Corpus: ${copies} copies of the seed, ${mb.toFixed(1)} MB`);

  const [gazetteer, gazetteerSeconds] = time(() => loadGazetteer());
  const [, jiebaSeconds] = time(() => ensureJieba(gazetteer));
  console.log(
    `${pad('Start-up, once per process (not counted below):')}gazetteer ${gazetteerSeconds.toFixed(2)} s, jieba dictionaries ${jiebaSeconds.toFixed(2)} s`,
  );

  // Warm-up: both code paths once, outside the timing.
  const warmup = runStages(sourceFromText('bench-warmup.txt', seed), gazetteer);
  const texts = warmup.measures.map((m) => m.textHans ?? m.text);
  for (const t of texts) nodejieba.tag(t);

  // Bare tagging and the whole pipeline alternate chunk by chunk over the same number of documents.
  let bare = 0;
  let pipeline = 0;
  const kept: Doc[] = [];
  for (let from = 0; from < copies; from += CHUNK) {
    const chunk = sources.slice(from, from + CHUNK);
    let start = process.hrtime.bigint();
    for (let i = 0; i < chunk.length; i++) for (const t of texts) nodejieba.tag(t);
    bare += seconds(start);
    start = process.hrtime.bigint();
    for (const source of chunk) {
      const doc = runStages(source, gazetteer);
      // Keep only what the load below needs, so the heap stays the size of a real run.
      if (kept.length < 2 * LOAD_DOCS + 1) kept.push(doc);
    }
    pipeline += seconds(start);
  }
  const ratio = pipeline / bare;
  console.log(
    `${pad('Bare nodejieba tagging of the measure texts:')}${(mb / bare).toFixed(2)} MB/s (${bare.toFixed(2)} s)`,
  );
  console.log(
    `${pad('Whole pipeline (parse → script → segment → extract → link):')}${(mb / pipeline).toFixed(2)} MB/s (${pipeline.toFixed(2)} s)`,
  );
  console.log(
    `${pad('Pipeline time / bare tagging time:')}${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
  console.log(`${pad('Per document, by stage:')}${breakdown(sources.slice(0, BREAKDOWN_DOCS), gazetteer)}`);

  const neo4j = await benchNeo4j('ingest', { heap: '2g', pageCache: '512m', txTimeout: '120s' });
  const { connection } = neo4j;
  try {
    const outcomes = new Set<LoadOutcome>();
    const load = async (docs: Doc[]): Promise<[number, number]> => {
      const start = process.hrtime.bigint();
      let relationships = 0;
      for (const doc of docs) {
        const result = await loadDocument(connection, doc);
        relationships += result.relationshipsCreated;
        outcomes.add(result.outcome);
      }
      return [relationships, seconds(start)];
    };
    const rate = ([relationships, s]: [number, number]) =>
      `${(relationships / s).toFixed(0)} relationships/s (${relationships} in ${s.toFixed(2)} s)`;
    const [firstRelationships, first] = await load(kept.slice(0, 1));
    const warming = await load(kept.slice(1, LOAD_DOCS + 1));
    const warm = await load(kept.slice(LOAD_DOCS + 1, 2 * LOAD_DOCS + 1));
    console.log(`${pad(`Neo4j load, ${LOAD_DOCS} documents, warm:`)}${rate(warm)}`);
    console.log(`${pad(`  the ${LOAD_DOCS} before them (JVM warming up):`)}${rate(warming)}`);
    console.log(`${pad('  the first document (cold JVM, planning):')}${first.toFixed(2)} s`);
    // The figure this bench used to print: a fresh server, the first document included.
    console.log(
      `${pad(`  the first ${LOAD_DOCS + 1} together (fresh server):`)}${rate([firstRelationships + warming[0], first + warming[1]])}`,
    );
    if (outcomes.has('unchanged'))
      console.log(
        'Note: the database already held some bench documents (outcome "unchanged"); empty it first.',
      );
  } finally {
    await neo4j.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
