/**
 * The named queries on a generated corpus (testkit/corpus.ts), through the app as the warm-up and the
 * views run them: every one answers with its example's parameters, and the four that rank across
 * the corpus (overlaps, overlaps-by-year, unit-overlaps, unit-workload) answer top-k with totals,
 * small whatever the corpus: their lists within their caps, their counts whole. They used to collect
 * every path of a hub entity (香港 touched by thousands of measures) or of every pair of units, and
 * failed on 2,000 documents (answers over 5 MB, or over Neo4j's transaction memory).
 *
 * 300 documents by default, a size for every run; SCALE_DOCS=2000 for the size of issue 16 (about a
 * minute more to ingest). Sizes and times are printed, only sizes asserted (a shared CI machine is
 * no stopwatch).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ingestFiles } from '../../../ingest';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { generateCorpus } from '../../../testkit/corpus';
import { resetDatabase, testConnection } from '../../../testkit/db';

const DOCUMENTS = Number(process.env.SCALE_DOCS ?? 300);
/** What a view may receive in one answer (tests/client/corpus.browser.test.ts holds the views to it). */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
/** The queries that rank across the corpus, with the parameters the overlap view sends besides. */
const RANKING = ['overlaps', 'overlaps-by-year', 'unit-overlaps', 'unit-workload'];
const VIEW_RUNS: [string, Record<string, unknown>][] = [
  ['overlaps', { by: 'section', minSides: 2, limit: 40, maxPaths: 5 }],
  ['overlaps-by-year', { rows: 'entities', limit: 40 }],
  ['overlaps-by-year', { rows: 'units', limit: 40 }],
  ['unit-overlaps', { minShared: 1, limit: 100, maxMeasures: 10, maxEntities: 10, maxPaths: 4 }],
];

interface Row {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe(`the named queries on ${DOCUMENTS} generated documents`, () => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  const answers: string[] = [];

  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    const dir = await mkdtemp(path.join(tmpdir(), 'queries-scale-'));
    try {
      const files: string[] = [];
      for (const doc of generateCorpus({ documents: DOCUMENTS })) {
        files.push(path.join(dir, doc.name));
        await writeFile(files.at(-1)!, doc.text);
      }
      await ingestFiles(connection, files);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    app = createApp({ connection });
  }, 1_200_000);

  afterAll(async () => {
    console.log([`Named queries on ${DOCUMENTS} generated documents:`, ...answers].join('\n'));
    // The other suites expect the shared test database without the corpus.
    if (connection) await resetDatabase(connection);
    await connection?.close();
  });

  /** Runs a named query as the view does (its timeout, no cache); records size and time. */
  const run = async (name: string, params: Record<string, unknown>) => {
    const started = Date.now();
    const res = await request(app)
      .post(`/api/queries/${name}`)
      .set('Cache-Control', 'no-cache')
      .send({ params, timeoutMs: 60_000 });
    const bytes = Buffer.byteLength(res.text);
    answers.push(
      `  ${res.status} ${String(Date.now() - started).padStart(6)} ms ${(bytes / 1024).toFixed(0).padStart(6)} KB ` +
        `${String(res.body.rows?.length ?? '-').padStart(4)} rows  ${name} ${JSON.stringify(params)}`,
    );
    return { status: res.status, body: res.body as Row, bytes, error: res.body.error as Row | undefined };
  };

  it('answers every named query with its example, the ranking ones under 2 MB', async () => {
    const { body } = await request(app).get('/api/queries').expect(200);
    for (const query of body.queries as Row[]) {
      const { status, bytes, error } = await run(query.name, query.example);
      expect({ name: query.name, status, error }).toEqual({
        name: query.name,
        status: 200,
        error: undefined,
      });
      if (RANKING.includes(query.name))
        expect({ name: query.name, small: bytes < MAX_ANSWER_BYTES }).toEqual({
          name: query.name,
          small: true,
        });
    }
  });

  it.each(VIEW_RUNS)('answers the overlap view’s %s %j under 2 MB', async (name, params) => {
    const { status, bytes, error } = await run(name, params);
    expect({ status, error }).toEqual({ status: 200, error: undefined });
    expect(bytes).toBeLessThan(MAX_ANSWER_BYTES);
  });

  it('overlaps: whole counts, lists within their caps, the hub cut to maxSides', async () => {
    const maxSides = 20;
    const maxMeasures = 30;
    const maxPaths = 4;
    const { body } = await run('overlaps', { limit: 10, maxSides, maxMeasures, maxPaths });
    const rows = body.rows as Row[];
    expect(rows).toHaveLength(10);
    // The hubs of a generated corpus are touched from far more sections than are listed.
    expect(rows[0]!.sideCount).toBeGreaterThan(maxSides);
    for (const row of rows) {
      const sides = row.sides as Row[];
      expect(sides.length).toBe(Math.min(row.sideCount, maxSides));
      const listed = sides.reduce((n, s) => n + s.measures.length, 0);
      expect(listed).toBeLessThanOrEqual(maxMeasures);
      for (const side of sides) {
        expect(side.keys).toHaveLength(side.measures.length);
        expect(side.measureTotal).toBeGreaterThanOrEqual(side.measures.length);
        // In turns: every side listed gets a measure before any gets a second.
        expect(side.measures.length).toBeGreaterThan(0);
      }
      expect(row.measureCount).toBeGreaterThanOrEqual(sides.reduce((n, s) => n + s.measureTotal, 0));
      expect(row.paths.length).toBe(Math.min(maxPaths, listed));
      // The sides in plan order: year, then plan.
      const order = sides.map((s) => [s.year ?? Infinity, s.document]);
      expect(order).toEqual(
        [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)),
      );
    }
    // The sides listed are the hub's largest: every side's measures counted, the listed ones are
    // the first maxSides of those counts (ties aside).
    const session = connection.driver.session({ database: connection.database });
    try {
      const all = await session.run(
        `MATCH p = (d:Document)-[:HAS_SECTION*0..]->()-[:HAS_MEASURE]->(:Measure)-[:MENTIONS]->(:Entity {name: $name})
         WITH d, CASE WHEN nodes(p)[1]:Section THEN nodes(p)[1] ELSE d END AS side, count(*) AS n
         RETURN n ORDER BY n DESC`,
        { name: rows[0]!.entity },
      );
      const totals = all.records.map((r) => Number(r.get('n')));
      const listed = (rows[0]!.sides as Row[]).map((s) => Number(s.measureTotal)).sort((a, b) => b - a);
      expect(listed).toEqual(totals.slice(0, maxSides));
    } finally {
      await session.close();
    }
    const ranks = rows.map((r) => [r.sideCount, r.measureCount]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
  });

  it('overlaps-by-year: a row’s measures shared out over its years, each with its total', async () => {
    const { body } = await run('overlaps-by-year', { rows: 'units', limit: 5, maxMeasures: 40, maxPaths: 3 });
    for (const row of body.rows as Row[]) {
      const years = row.years as Row[];
      expect(years).toHaveLength(row.yearCount);
      expect(years.reduce((n, y) => n + y.measureTotal, 0)).toBe(row.measureCount);
      const listed = years.map((y) => y.measures.length);
      expect(listed.reduce((a, b) => a + b, 0)).toBe(Math.min(40, row.measureCount));
      // Turns: no year lists two more than another unless that one has no more to list.
      for (const n of listed)
        for (const other of years)
          if (n > other.measures.length + 1) expect(other.measures.length).toBe(other.measureTotal);
      expect(row.paths).toHaveLength(Math.min(3, row.measureCount));
    }
  });

  it('unit-overlaps: the counts of the top pair are those of the whole corpus', async () => {
    const { body } = await run('unit-overlaps', { limit: 5, maxMeasures: 3, maxEntities: 3, maxPaths: 4 });
    const [top] = body.rows as Row[];
    expect(top!.sharedMeasures).toBeGreaterThan(3);
    expect(top!.measures).toHaveLength(3);
    expect(top!.entities).toHaveLength(Math.min(3, top!.sharedEntities));
    expect(top!.paths.length).toBeLessThanOrEqual(4);
    // Counted again the plain way, for this one pair.
    const session = connection.driver.session({ database: connection.database });
    try {
      const result = await session.run(
        `MATCH (u1:Institution {name: $a}), (u2:Institution {name: $b})
         RETURN COUNT { MATCH (u1)<-[:ASSIGNED_TO]-(m:Measure)-[:ASSIGNED_TO]->(u2) RETURN DISTINCT m } AS measures,
                COUNT { MATCH (u1)<-[:ASSIGNED_TO]-(m1:Measure)-[:MENTIONS]->(e:Entity)<-[:MENTIONS]-(m2:Measure)-[:ASSIGNED_TO]->(u2)
                        WHERE m1 <> m2 RETURN DISTINCT e } AS entities`,
        { a: top!.unit1, b: top!.unit2 },
      );
      const record = result.records[0]!;
      expect([top!.sharedMeasures, top!.sharedEntities]).toEqual([
        Number(record.get('measures')),
        Number(record.get('entities')),
      ]);
    } finally {
      await session.close();
    }
  });

  it('unit-workload: the busiest units with whole counts and capped lists', async () => {
    const { body } = await run('unit-workload', { limit: 5, maxMeasures: 20, maxUnits: 5, maxPaths: 2 });
    for (const row of body.rows as Row[]) {
      expect(row.measures).toHaveLength(Math.min(20, row.measuresAssigned));
      expect(row.measuresLed + row.measuresSupported).toBe(row.measuresAssigned);
      expect(row.coAssigned).toHaveLength(Math.min(5, row.coAssignedCount));
      expect(row.paths).toHaveLength(Math.min(2, row.measuresAssigned));
    }
    expect((body.rows as Row[])[0]!.measuresAssigned).toBeGreaterThan(20);
  });
});
