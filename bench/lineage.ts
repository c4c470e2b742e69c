/**
 * `npm run bench:lineage`: the lineage of a new document (`relink`: reading its series into memory,
 * its measures' text and shared-entity candidates there, their alignment, the CONTINUES and
 * SIMILAR_TO writes and the refresh of its series) against a corpus of BENCH_MEASURES (default
 * 10,000) measures in one series (粵港, hong-kong), reported as a ratio against the bare full-text
 * query time of the same measures (where the text candidates came from before they came from the
 * series: ingest/lineage/candidates.ts).
 *
 * The corpus: the Hong Kong plans among the fixtures as they are (the seed, 2016, 2018, 2019), and a
 * plan for each of many years (1801, 1802, … in the title) whose ~60 measures reword those plans'
 * measures deterministically (a seeded PRNG swaps clauses, drops and replaces characters, splices two
 * measures, puts in place names from the gazetteer; one in ten is kept as it is), so that the
 * full-text scores and the alignments do real work. It is loaded with `loadDocument` alone (no
 * lineage per document); each generated measure is then given a CONTINUES to its counterpart of the
 * year before (one statement), so that the series' refresh walks a series that has lineage.
 *
 * How to read it: the timed documents are the 2021 and 2022 continuations of the seed and two
 * generated plans (2023, 2024), loaded beforehand; for each, the bare full-text query (the same
 * UNWIND of `db.index.fulltext.queryNodes('measure_text', …, {limit: 50})` over the same measure
 * queries, in a read transaction and nothing else) and `relink` (in its own write transaction, as
 * after an ingest) alternate, BENCH_REPEATS times (default 3), wall-clock time; the median of each is
 * the document's. The server is warm: a warm-up document's first relink and first full-text query
 * (which also plan the statements) run before and are not counted. The ratio compares a relink with
 * the full-text queries that used to be its candidates' source, and that alone cost a quarter of it.
 */
import { benchNeo4j } from './neo4j';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadGazetteer } from '../ingest/gazetteer/gazetteer';
import { prepare } from '../ingest/lineage/align';
import { CANDIDATES, candidateQuery, relink, type LinkCounts } from '../ingest/lineage/lineage';
import { matchForm } from '../ingest/opencc';
import { runStages } from '../ingest/pipeline';
import { readSource, sourceFromText } from '../ingest/source';
import { loadDocument } from '../ingest/stages/load';
import type { Doc } from '../ingest/types';
import type { Connection } from '../store/connection';
import { REPO_ROOT } from '../store/repo';

const REPO = REPO_ROOT;
const SEED = 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt';
/** Hong Kong plans loaded into the corpus as they are, and whose measures the generated plans reword. */
const REAL_PLANS = [
  SEED,
  'tests/fixtures/documents/2016-guangdong-hong-kong-key-work-older.txt',
  'tests/fixtures/documents/2018-guangdong-hong-kong-key-work-holdout.md',
  'tests/fixtures/documents/2019-guangdong-hong-kong-work-plan-units.md',
];
/** The seed's continuations: reworded sources too, and new documents timed as they are. */
const CONTINUED = [
  'tests/fixtures/lineage/2021-guangdong-hong-kong-key-work-continued.txt',
  'tests/fixtures/lineage/2022-guangdong-hong-kong-key-work-continued-simplified.txt',
];
const GAZETTEER = path.join(REPO, 'ingest/data/gazetteer.tsv');
const PLACE_TYPES = new Set(['City', 'Port', 'Zone', 'Infrastructure']);

const TARGET_MEASURES = Number(process.env.BENCH_MEASURES ?? 10_000);
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));
/** The generated corpus' years start here; the real plans' years (and the new ones') are skipped. */
const FIRST_YEAR = 1801;
/** Generated new documents (timed), and the warm-up one. */
const NEW_YEARS = [2023, 2024];
const WARMUP_YEAR = 2025;
const TARGET_SECONDS = 2;
/** Share of a generated plan's measures that take up one of the plan before. */
const CARRIED_OVER = 0.7;
const CYPHER = 'CYPHER replan=skip';

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

const pad = (label: string) => `${label} `.padEnd(44);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** mulberry32: a small seeded PRNG, so every run generates the same corpus. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

const DIGITS = '〇一二三四五六七八九';
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? DIGITS[tens] : ''}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

const HAN = /\p{Script=Han}/u;

/** What the generated plans are made of: the source measures, their headings, Han characters, places. */
interface Material {
  measures: string[];
  headings: string[];
  characters: string[];
  places: string[];
}

async function placeNames(): Promise<string[]> {
  const lines = (await readFile(GAZETTEER, 'utf8')).split('\n').slice(1);
  return lines.flatMap((line) => {
    const [type, hant, hans] = line.split('\t');
    return type && PLACE_TYPES.has(type) && hant && hans ? [hant, hans] : [];
  });
}

/** Measures and level-1 headings of the source plans (whitespace folded, one line each). */
function material(docs: Doc[], places: string[]): Material {
  const fold = (s: string) => s.replace(/\s+/gu, ' ').trim();
  const measures = docs.flatMap((d) => d.measures.map((m) => fold(m.text))).filter((t) => t.length >= 8);
  const headings = docs.flatMap((d) => d.sections.filter((s) => s.level === 1).map((s) => fold(s.title)));
  const characters = [...measures.join('')].filter((c) => HAN.test(c));
  return { measures, headings: headings.filter(Boolean), characters, places };
}

const clauses = (text: string) => text.split(/(?<=[，；。、])/u).filter(Boolean);

/** Replaces or drops `n` Han characters at random places. */
function mutateCharacters(text: string, n: number, random: Random, pool: string[] | null): string {
  const chars = [...text];
  for (let k = 0; k < n; k++) {
    const at = random.int(chars.length);
    if (!HAN.test(chars[at] ?? '')) continue;
    if (pool) chars[at] = random.pick(pool);
    else chars.splice(at, 1);
  }
  return chars.join('');
}

/** One rewording step. */
function reword(text: string, random: Random, m: Material): string {
  const op = random.int(5);
  if (op === 0) {
    // Two clauses swap places.
    const parts = clauses(text);
    if (parts.length < 2) return mutateCharacters(text, 2, random, m.characters);
    const i = random.int(parts.length);
    const j = random.int(parts.length);
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    return parts.join('');
  }
  if (op === 1) return mutateCharacters(text, 1 + random.int(4), random, null);
  if (op === 2) return mutateCharacters(text, 1 + random.int(4), random, m.characters);
  if (op === 3) {
    // The first clauses of this measure and the last ones of another.
    const mine = clauses(text);
    const theirs = clauses(random.pick(m.measures));
    const head = mine.slice(0, 1 + random.int(Math.max(1, Math.ceil(mine.length / 2))));
    const tail = theirs.slice(random.int(Math.max(1, theirs.length)));
    return [...head, ...tail].join('');
  }
  // A place name: one the text names is replaced by another, or one is put in front of a clause.
  const place = random.pick(m.places);
  const named = m.places.filter((p) => p.length >= 2 && text.includes(p));
  if (named.length) return text.replace(random.pick(named), place);
  const parts = clauses(text);
  const at = random.int(parts.length);
  parts[at] = `在${place}${parts[at] ?? ''}`;
  return parts.join('');
}

/**
 * A plan of the series for `year`: its text, and for each measure the source it rewords. As in a
 * real series, most measures take up one of the plan before (`previous`: the sources it reworded),
 * reworded afresh from the source so that a long series does not drift into noise.
 */
function generatePlan(
  year: number,
  random: Random,
  m: Material,
  previous: number[] = [],
): { text: string; origins: number[] } {
  const count = 50 + random.int(21);
  const origins: number[] = [];
  const texts: string[] = [];
  const carried = previous.filter(() => random.next() < CARRIED_OVER);
  for (let i = 0; i < count; i++) {
    const origin = carried[i] ?? random.int(m.measures.length);
    let text = m.measures[origin]!;
    if (random.next() >= 0.1) {
      const steps = 1 + random.int(3);
      for (let s = 0; s < steps; s++) text = reword(text, random, m);
    }
    text = text.replace(/^[\s\d.、，；。]+/u, '').trim();
    if (!/[。；]$/u.test(text)) text += '。';
    origins.push(origin);
    texts.push(text);
  }
  const lines = [`# 實施《粵港合作框架協議》${year} 年重點工作`, ''];
  const perSection = 6 + random.int(5);
  texts.forEach((text, i) => {
    if (i % perSection === 0) {
      lines.push(`## ${chineseNumber(i / perSection + 1)}、${random.pick(m.headings)}`, '');
    }
    lines.push(`${i + 1}. ${text}`);
    if (i % perSection === perSection - 1) lines.push('');
  });
  return { text: `${lines.join('\n')}\n`, origins };
}

interface MeasureQuery {
  key: string;
  query: string;
}

/** The document's measures' full-text queries, as lineage builds them (read before the timing). */
async function measureQueries(connection: Connection, key: string): Promise<MeasureQuery[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.executeRead((tx) =>
      tx.run(`MATCH (m:Measure {document: $key}) RETURN m.key AS key, m.text AS text ORDER BY m.ordinal`, {
        key,
      }),
    );
    return result.records.flatMap((r) => {
      const query = candidateQuery(prepare(matchForm(String(r.get('text')))).plain);
      return query ? [{ key: String(r.get('key')), query }] : [];
    });
  } finally {
    await session.close();
  }
}

/** The bare full-text part of lineage: the same UNWIND of queryNodes, nothing else. Returns the hits. */
async function fullText(connection: Connection, queries: MeasureQuery[]): Promise<number> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.executeRead((tx) =>
      tx.run(
        `${CYPHER}
         UNWIND $queries AS q
         CALL db.index.fulltext.queryNodes('measure_text', q.query, {limit: $limit}) YIELD node
         RETURN q.key AS measure, node.key AS candidate`,
        { queries, limit: CANDIDATES },
      ),
    );
    return result.records.length;
  } finally {
    await session.close();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, seconds(start)];
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const gazetteer = loadGazetteer();
  const parse = async (file: string) => runStages(await readSource(path.join(REPO, file)), gazetteer);
  const real = await Promise.all(REAL_PLANS.map(parse));
  const continued = await Promise.all(CONTINUED.map(parse));
  const m = material([...real, ...continued], await placeNames());
  console.log(
    `Sources: ${m.measures.length} measures of ${real.length + continued.length} Hong Kong plans, ${m.places.length} place names`,
  );

  const neo4j = await benchNeo4j('lineage', { heap: '2g', pageCache: '512m', txTimeout: '120s' });
  const { connection } = neo4j;
  try {
    // The corpus: the real plans, then a generated plan per year until there are enough measures.
    let loadStart = process.hrtime.bigint();
    const random = prng(20_200_701);
    const reserved = new Set([...real, ...continued].map((d) => d.meta.year));
    for (const year of [...NEW_YEARS, WARMUP_YEAR]) reserved.add(year);
    let measures = 0;
    for (const doc of real) {
      await loadDocument(connection, doc);
      measures += doc.measures.length;
    }
    /** Per generated year, its measures' keys and what each rewords, for the stand-in lineage. */
    const generated: { year: number; keys: string[]; origins: number[] }[] = [];
    let pending: Promise<unknown> = Promise.resolve();
    for (let year = FIRST_YEAR; measures < TARGET_MEASURES; year++) {
      if (reserved.has(year)) continue;
      const plan = generatePlan(year, random, m, generated.at(-1)?.origins);
      const key = `bench-lineage-${year}`;
      const doc = runStages(sourceFromText(`${key}.txt`, plan.text), gazetteer, { documentKey: key });
      await pending; // the previous plan's load ran while this one went through the stages
      pending = loadDocument(connection, doc);
      measures += doc.measures.length;
      if (doc.measures.length === plan.origins.length)
        generated.push({ year, keys: doc.measures.map((x) => x.key), origins: plan.origins });
    }
    await pending;
    const loadSeconds = seconds(loadStart);

    // Stand-in lineage inside the corpus: a measure continues the one of the year before that
    // rewords the same source (what relink would mostly find), so refreshing the series has edges
    // to walk. One statement, no alignment.
    loadStart = process.hrtime.bigint();
    const rows: { from: string; to: string }[] = [];
    for (let i = 1; i < generated.length; i++) {
      const before = new Map<number, string>();
      generated[i - 1]!.origins.forEach((o, k) => before.set(o, generated[i - 1]!.keys[k]!));
      generated[i]!.origins.forEach((o, k) => {
        const to = before.get(o);
        if (to) rows.push({ from: generated[i]!.keys[k]!, to });
      });
    }
    const session = connection.driver.session({ database: connection.database });
    try {
      await session.executeWrite((tx) =>
        tx.run(
          `UNWIND $rows AS row
           MATCH (a:Measure {key: row.from}), (b:Measure {key: row.to})
           CREATE (a)-[:CONTINUES {kind: 'revised', similarity: 0.5, alignment: []}]->(b)`,
          { rows },
        ),
      );
    } finally {
      await session.close();
    }
    const edgeSeconds = seconds(loadStart);

    const counted = await connection.driver.executeQuery(
      `MATCH (d:Document {region: 'hong-kong'}) MATCH (x:Measure {document: d.key})
       RETURN count(DISTINCT d) AS documents, count(x) AS measures`,
      {},
      { database: connection.database },
    );
    const corpusMeasures = Number(counted.records[0]!.get('measures'));
    const corpusDocuments = Number(counted.records[0]!.get('documents'));
    console.log(
      `${pad('Corpus (series hong-kong):')}${corpusMeasures} measures in ${corpusDocuments} plans, loaded in ${loadSeconds.toFixed(1)} s without lineage; ${rows.length} stand-in CONTINUES in ${edgeSeconds.toFixed(1)} s`,
    );

    // The new documents, loaded (without lineage) before any timing.
    const fresh = NEW_YEARS.map((year) => {
      const key = `bench-lineage-new-${year}`;
      const plan = generatePlan(year, random, m, generated.at(-1)?.origins);
      return runStages(sourceFromText(`${key}.txt`, plan.text), gazetteer, { documentKey: key });
    });
    const warmupKey = `bench-lineage-warmup-${WARMUP_YEAR}`;
    const warmup = runStages(
      sourceFromText(`${warmupKey}.txt`, generatePlan(WARMUP_YEAR, random, m).text),
      gazetteer,
      { documentKey: warmupKey },
    );
    const timedDocs = [...continued, ...fresh];
    for (const doc of [...timedDocs, warmup]) await loadDocument(connection, doc);

    // Warm-up, not counted: the first relink and the first full-text query plan their statements.
    const warmupQueries = await measureQueries(connection, warmupKey);
    const [, warmupFt] = await timed(() => fullText(connection, warmupQueries));
    const [, warmupLineage] = await timed(() => relink(connection, warmupKey));
    console.log(
      `${pad('Warm-up document (not counted):')}${warmup.measures.length} measures, lineage ${warmupLineage.toFixed(3)} s, bare full-text ${warmupFt.toFixed(3)} s`,
    );

    const queries = await Promise.all(timedDocs.map((d) => measureQueries(connection, d.meta.key)));
    const lineageTimes = timedDocs.map((): number[] => []);
    const ftTimes = timedDocs.map((): number[] => []);
    const hits: number[] = [];
    const links: LinkCounts[] = [];
    for (let round = 0; round < REPEATS; round++) {
      for (let i = 0; i < timedDocs.length; i++) {
        const key = timedDocs[i]!.meta.key;
        // Alternate which goes first, so neither always finds the other's pages in the cache.
        const runFt = async () => {
          const [n, s] = await timed(() => fullText(connection, queries[i]!));
          hits[i] = n;
          ftTimes[i]!.push(s);
        };
        const runLineage = async () => {
          const [counts, s] = await timed(() => relink(connection, key));
          links[i] = counts;
          lineageTimes[i]!.push(s);
        };
        if (round % 2 === 0) {
          await runFt();
          await runLineage();
        } else {
          await runLineage();
          await runFt();
        }
      }
    }

    console.log(
      `Per new document (median of ${REPEATS} runs each; lineage = relink: candidates, alignment, writes, series refresh):`,
    );
    console.log(
      `  ${'document'.padEnd(36)}${'year'.padStart(5)}${'measures'.padStart(9)}${'FT hits'.padStart(9)}${'continues'.padStart(10)}${'similar'.padStart(8)}${'lineage s'.padStart(11)}${'bare FT s'.padStart(11)}${'ratio'.padStart(8)}`,
    );
    const lineageMedians: number[] = [];
    const ftMedians: number[] = [];
    timedDocs.forEach((doc, i) => {
      const lineage = median(lineageTimes[i]!);
      const ft = median(ftTimes[i]!);
      lineageMedians.push(lineage);
      ftMedians.push(ft);
      console.log(
        `  ${doc.meta.key.slice(0, 35).padEnd(36)}${String(doc.meta.year).padStart(5)}${String(doc.measures.length).padStart(9)}${String(hits[i]).padStart(9)}${String(links[i]!.continues).padStart(10)}${String(links[i]!.similar).padStart(8)}${lineage.toFixed(3).padStart(11)}${ft.toFixed(3).padStart(11)}${`${(lineage / ft).toFixed(1)}×`.padStart(8)}`,
      );
    });
    const medianLineage = median(lineageMedians);
    const medianFt = median(ftMedians);
    const ratio = medianLineage / medianFt;
    console.log(
      `${pad('Median over the documents:')}lineage ${medianLineage.toFixed(3)} s, bare full-text ${medianFt.toFixed(3)} s, lineage / full-text ${ratio.toFixed(1)}×`,
    );
    const slowest = Math.max(...lineageMedians);
    console.log(
      `${pad('Target (< 2 s per document):')}${slowest < TARGET_SECONDS ? 'met' : 'NOT met'} (slowest document ${slowest.toFixed(3)} s)`,
    );
    console.log(`${pad('Whole bench:')}${seconds(started).toFixed(1)} s`);
    console.log(
      JSON.stringify({
        measuresInCorpus: corpusMeasures,
        documents: timedDocs.length,
        medianLineageSeconds: Number(medianLineage.toFixed(4)),
        medianFullTextSeconds: Number(medianFt.toFixed(4)),
        ratioToFullText: Number(ratio.toFixed(2)),
        target: '< 2 s per document',
      }),
    );
  } finally {
    await neo4j.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
