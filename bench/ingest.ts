/**
 * `npm run bench:ingest`: ingest throughput on a generated corpus of at least 5 MB (copies of the
 * seed under distinct names), reported as ratios against bare nodejieba segmentation of the same
 * text in the same process; then the Neo4j load rate (relationships per second) into a fresh
 * embedded Neo4j (or NEO4J_BENCH_URI, whose database it fills with bench-* documents).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { loadConfig, neo4jSettings } from '../server/config';
import { connect } from '../server/db/connection';
import { ensureLauncherBuilt, startEmbedded } from '../server/db/embedded';
import { applySchema } from '../server/db/schema';
import { loadGazetteer } from '../ingest/gazetteer/gazetteer';
import { runStages } from '../ingest/pipeline';
import { sourceFromText } from '../ingest/source';
import { ensureJieba } from '../ingest/stages/segment';
import { loadDocument } from '../ingest/stages/load';
import { freePort } from '../tests/support/ports';

const REPO = path.resolve(__dirname, '..');
const SEED = path.join(REPO, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const TARGET_BYTES = 5 * 1024 * 1024;
const LOAD_DOCS = 40;

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
}

async function main(): Promise<void> {
  const seed = await readFile(SEED, 'utf8');
  const copies = Math.ceil(TARGET_BYTES / Buffer.byteLength(seed));
  const sources = Array.from({ length: copies }, (_, i) => sourceFromText(`bench-${i}.txt`, seed));
  const mb = (Buffer.byteLength(seed) * copies) / 1024 / 1024;
  console.log(`Corpus: ${copies} copies of the seed, ${mb.toFixed(1)} MB`);

  const gazetteer = loadGazetteer();
  ensureJieba(gazetteer);
  // Warm up both paths once so neither pays for first-use costs.
  runStages(sources[0]!, gazetteer);
  const texts = runStages(sources[0]!, gazetteer).measures.map((m) => m.textHans ?? m.text);
  nodejieba.tag(texts.join(''));

  const [, bare] = time(() => {
    for (let i = 0; i < copies; i++) for (const t of texts) nodejieba.tag(t);
  });
  const [docs, pipeline] = time(() => sources.map((s) => runStages(s, gazetteer)));
  console.log(
    `Bare nodejieba tagging of the measure texts: ${(mb / bare).toFixed(2)} MB/s (${bare.toFixed(2)} s)`,
  );
  console.log(
    `Whole pipeline (parse → link):              ${(mb / pipeline).toFixed(2)} MB/s (${pipeline.toFixed(2)} s)`,
  );
  console.log(`Pipeline / bare segmentation time: ${(pipeline / bare).toFixed(2)}× (target ≤ 3×)`);

  const settings = neo4jSettings(process.env, 'NEO4J_BENCH');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-neo4j-'));
  const embedded = settings.uri
    ? null
    : await ensureLauncherBuilt({ repoRoot: REPO }).then(async () =>
        startEmbedded({
          repoRoot: REPO,
          port: await freePort(),
          dataDir,
          heap: '2g',
          pageCache: '512m',
          txTimeout: '120s',
        }),
      );
  const connection = await connect({
    repoRoot: REPO,
    neo4j: embedded ? { ...settings, uri: embedded.uri } : settings,
    embedded: loadConfig({}).embedded,
  });
  try {
    await applySchema(connection);
    let relationships = 0;
    const [, seconds] = await (async () => {
      const start = process.hrtime.bigint();
      for (const doc of docs.slice(0, LOAD_DOCS))
        relationships += (await loadDocument(connection, doc)).relationshipsCreated;
      return [null, Number(process.hrtime.bigint() - start) / 1e9] as const;
    })();
    console.log(
      `Neo4j load: ${LOAD_DOCS} documents, ${relationships} relationships in ${seconds.toFixed(2)} s = ${(relationships / seconds).toFixed(0)} relationships/s`,
    );
  } finally {
    await connection.close();
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
