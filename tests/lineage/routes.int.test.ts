/**
 * The routes over lineage, on the seed's series and the Macao plans: the comparison agrees with the
 * graph and its alignments point at identical text; the chain runs through the years; the timeline
 * counts what the graph holds; the measures table filters, sorts, pages and exports.
 */
import request from 'supertest';
import type { Express } from 'express';
import type { Connection } from '../../store/connection';
import { matchForm } from '../../ingest/opencc';
import { deleteDocument, ingestFiles } from '../../ingest';
import { count } from '../../testkit/db';
import { LINEAGE_FILES } from '../../testkit/lineage';
import { seededApp, SEED_KEY } from '../../testkit/seeded-app';
import type {
  CompareResponse,
  LineageResponse,
  MeasureListResponse,
  TimelineResponse,
} from '../../model/api';

const Y2021 = '2021-guangdong-hong-kong-key-work-continued';
const Y2022 = '2022-guangdong-hong-kong-key-work-continued-simplified';
const MACAO = '2017-guangdong-macao-key-work-older-layout';

async function readKeysFrom(connection: Connection, cypher: string, params: Record<string, unknown>) {
  const session = connection.driver.session({ database: connection.database });
  try {
    return (await session.run(cypher, params)).records.map((r) => String(r.get('key')));
  } finally {
    await session.close();
  }
}

describe('lineage routes', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp(LINEAGE_FILES)));
  const readKeys = (cypher: string, params: Record<string, unknown>) =>
    readKeysFrom(connection, cypher, params);
  afterAll(() => connection.close());

  it('compares two plans of a series as the graph links them, with alignments on identical text', async () => {
    const body = (await request(app).get(`/api/compare?from=${SEED_KEY}&to=${Y2021}`).expect(200))
      .body as CompareResponse;
    expect(body.source).toBe('stored');
    expect(body.from).toMatchObject({ key: SEED_KEY, year: 2020, region: 'hong-kong' });
    const links = await count(
      connection,
      `MATCH (:Measure {document: $to})-[c:CONTINUES]->(:Measure {document: $from}) RETURN count(c)`,
      { from: SEED_KEY, to: Y2021 },
    );
    expect(body.pairs).toHaveLength(links);
    for (const pair of body.pairs) {
      expect(pair.from.document.key).toBe(SEED_KEY);
      expect(pair.to.document.key).toBe(Y2021);
      for (const [fs, fe, ts, te] of pair.alignment)
        expect(matchForm(pair.from.text.slice(fs, fe)).replace(/\s/g, '')).toBe(
          matchForm(pair.to.text.slice(ts, te)).replace(/\s/g, ''),
        );
    }
    const paired = new Set(body.pairs.flatMap((p) => [p.from.key, p.to.key]));
    expect(body.added.length + new Set(body.pairs.map((p) => p.to.key)).size).toBe(
      await count(connection, 'MATCH (m:Measure {document: $d}) RETURN count(m)', { d: Y2021 }),
    );
    for (const row of [...body.added, ...body.dropped]) expect(paired.has(row.key)).toBe(false);
    expect(body.dropped.every((row) => row.dropped)).toBe(true);
    expect(body.added.every((row) => row.lineage === 'new')).toBe(true);
  });

  it('reads the comparison the other way round with the alignment turned around', async () => {
    const forward = (await request(app).get(`/api/compare?from=${SEED_KEY}&to=${Y2021}`).expect(200))
      .body as CompareResponse;
    const backward = (await request(app).get(`/api/compare?from=${Y2021}&to=${SEED_KEY}`).expect(200))
      .body as CompareResponse;
    expect(backward.added.map((r) => r.key).sort()).toEqual(forward.dropped.map((r) => r.key).sort());
    const pair = forward.pairs[0]!;
    const back = backward.pairs.find((p) => p.from.key === pair.to.key && p.to.key === pair.from.key)!;
    expect(back.alignment).toEqual(pair.alignment.map(([a, b, c, d]) => [c, d, a, b]));
  });

  it('aligns two plans of different series for the request', async () => {
    const body = (await request(app).get(`/api/compare?from=${MACAO}&to=${SEED_KEY}`).expect(200))
      .body as CompareResponse;
    expect(body.source).toBe('computed');
    expect(body.added.length + new Set(body.pairs.map((p) => p.to.key)).size).toBe(57);
  });

  it('answers 404 for an unknown plan and 400 without one', async () => {
    await request(app).get(`/api/compare?from=${SEED_KEY}&to=nothing-here`).expect(404);
    await request(app).get(`/api/compare?from=${SEED_KEY}`).expect(400);
  });

  it('follows a measure through every year of its series', async () => {
    const [row] = (await request(app).get(`/api/measures?document=${Y2022}&lineage=same&limit=1`).expect(200))
      .body.rows as MeasureListResponse['rows'];
    const body = (await request(app).get(`/api/measures/${row!.key}/lineage`).expect(200))
      .body as LineageResponse;
    const years = new Set(body.measures.map((m) => m.document.year));
    expect(years.has(2022)).toBe(true);
    expect(years.size).toBeGreaterThanOrEqual(2);
    for (const link of body.links) {
      const from = body.measures.find((m) => m.key === link.from)!;
      const to = body.measures.find((m) => m.key === link.to)!;
      expect(from.document.year!).toBeGreaterThan(to.document.year!);
    }
    await request(app).get(`/api/measures/${SEED_KEY}/m999/lineage`).expect(404);
  });

  it('names the measures of its own plan that say nearly the same thing', async () => {
    const text = [
      '# 實施《粵澳合作框架協議》2040 年重點工作',
      '',
      '## 一、跨界基礎設施',
      '',
      '1. 研究完善港珠澳大橋跨境車輛通行政策及有關出入境政策，便利兩地居民往來。',
      '',
      '## 二、民生合作',
      '',
      '2. 研究完善港珠澳大橋跨境車輛通行政策及有關出入境政策，便利兩地居民往來和就業。',
    ].join('\n');
    await ingestFiles(connection, [{ name: 'twins-2040.md', bytes: new TextEncoder().encode(text) }]);
    const body = (await request(app).get('/api/measures/twins-2040/m1/lineage').expect(200))
      .body as LineageResponse;
    expect(body.similar.map((m) => m.reference)).toEqual(['二、2']);
    expect(body.similar[0]!.similarity).toBeGreaterThan(0.9);
    await deleteDocument(connection, 'twins-2040');
  });

  it("gives an entity's measures year by year, as many as the graph holds", async () => {
    const body = (
      await request(app)
        .get(`/api/entities/${encodeURIComponent('港珠澳大桥')}/timeline`)
        .expect(200)
    ).body as TimelineResponse;
    expect(body.entity).toMatchObject({ key: '港珠澳大桥', label: 'Infrastructure' });
    const total = await count(
      connection,
      `MATCH (:Entity {key: '港珠澳大桥'})<-[:MENTIONS|ASSIGNED_TO]-(m:Measure) RETURN count(DISTINCT m)`,
    );
    expect(body.years.reduce((n, y) => n + y.count, 0)).toBe(total);
    const years = body.years.map((y) => y.year);
    expect(years).toEqual([...years].sort());
    expect(years).toEqual(expect.arrayContaining([2020, 2021, 2022]));
    for (const year of body.years)
      for (const d of year.documents) for (const m of d.measures) expect(m.document.year).toBe(year.year);
  });

  it('lists every measure, filtered, sorted and paged, with totals', async () => {
    const all = (await request(app).get('/api/measures?limit=500').expect(200)).body as MeasureListResponse;
    expect(all.total).toBe(await count(connection, 'MATCH (m:Measure) RETURN count(m)'));
    expect(all.documents.map((d) => d.key)).toEqual(expect.arrayContaining([SEED_KEY, Y2021, Y2022]));
    const news = (await request(app).get(`/api/measures?lineage=new&document=${Y2021}`).expect(200))
      .body as MeasureListResponse;
    expect(news.total).toBe(
      await count(connection, `MATCH (m:Measure {document: $d, lineage: 'new'}) RETURN count(m)`, {
        d: Y2021,
      }),
    );
    expect(news.rows.every((r) => r.lineage === 'new' && r.document.key === Y2021)).toBe(true);
    const page1 = (await request(app).get('/api/measures?limit=10&offset=0').expect(200)).body;
    const page2 = (await request(app).get('/api/measures?limit=10&offset=10').expect(200)).body;
    expect(page2.rows[0].key).toBe(all.rows[10]!.key);
    expect(page1.rows.map((r: { key: string }) => r.key)).toEqual(all.rows.slice(0, 10).map((r) => r.key));
    const desc = (await request(app).get('/api/measures?sort=year&order=desc&limit=1').expect(200)).body;
    expect(desc.rows[0].document.year).toBe(2022);
    const bridge = (
      await request(app)
        .get(`/api/measures?q=${encodeURIComponent('港珠澳大桥')}`)
        .expect(200)
    ).body as MeasureListResponse;
    expect(bridge.total).toBeGreaterThan(3);
    const seedRow = all.rows.find((r) => r.key === `${SEED_KEY}/m16`)!;
    expect(seedRow.sections).toEqual(['三、促進現代服務業合作', '（一）金融業合作']);
    await request(app).get('/api/measures?lineage=sideways').expect(400);
    await request(app).get('/api/measures?limit=0').expect(400);
  });

  it('finds through the indexes exactly the measures a reading of every measure finds', async () => {
    // Text, the other script, an entity's alias, a section title, a reference; Chinese of two or more
    // characters goes through the full-text indexes (server/measures/list.ts), the rest is read whole.
    for (const q of [
      '港珠澳大桥',
      '港珠澳大橋',
      '前海',
      '金融業合作',
      '跨境',
      '大灣區',
      '三（一）16',
      '港',
      'HZMB',
    ]) {
      const body = (await request(app).get('/api/measures').query({ q, limit: 500 }).expect(200))
        .body as MeasureListResponse;
      const keys = await readKeys(
        `MATCH (m:Measure)
         WHERE m.text CONTAINS $q OR m.textAlt CONTAINS $q OR m.reference = $q
            OR EXISTS { MATCH (m)-[:MENTIONS|ASSIGNED_TO]->(e:Entity)
                        WHERE e.name CONTAINS $q OR any(a IN coalesce(e.aliases, []) WHERE a CONTAINS $q) }
            OR EXISTS { MATCH (s:Section)-[:HAS_SECTION|HAS_MEASURE]->+(m) WHERE s.title CONTAINS $q }
         RETURN m.key AS key`,
        { q },
      );
      expect({ q, keys: body.rows.map((r) => r.key).sort() }).toEqual({ q, keys: keys.sort() });
      expect(body.total).toBe(keys.length);
    }
  });

  it('takes no Cypher or Lucene from the request, and refuses what it cannot read', async () => {
    const before = await count(connection, 'MATCH (n) RETURN count(n)');
    // Text reaches the query as a parameter: Cypher in it is only text that matches nothing.
    for (const q of ["') MATCH (n) DETACH DELETE n //", '" OR 1=1 //', '*:*', 'text:港珠澳~ AND ^2'])
      expect(
        (
          await request(app)
            .get(`/api/measures?q=${encodeURIComponent(q)}`)
            .expect(200)
        ).body.total,
      ).toBe(0);
    // The sort is one of a fixed list; anything else, or given twice, is a 400 naming it.
    for (const sort of ['text DESC, m.key', 'm.text; MATCH (n) DETACH DELETE n', 'key'])
      expect(
        (
          await request(app)
            .get(`/api/measures?sort=${encodeURIComponent(sort)}`)
            .expect(400)
        ).body.error.param,
      ).toBe('sort');
    await request(app).get('/api/measures?sort=year&sort=text').expect(400);
    await request(app).get('/api/measures?order=sideways').expect(400);
    await request(app).get('/api/measures?limit=100000').expect(400);
    await request(app).get('/api/measures?offset=-1').expect(400);
    await request(app).get('/api/measures?format=xml').expect(400);
    await request(app).get('/api/measures?year=20%2020').expect(400);
    // A huge offset is an empty page with the true total, not an error.
    const far = (await request(app).get('/api/measures?offset=9999999').expect(200))
      .body as MeasureListResponse;
    expect(far.rows).toEqual([]);
    expect(far.total).toBeGreaterThan(100);
    // Keys are looked up, never spliced into Cypher.
    await request(app)
      .get(`/api/compare?from=${encodeURIComponent("x'}) DETACH DELETE n //")}&to=${SEED_KEY}`)
      .expect(404);
    await request(app)
      .get(`/api/entities/${encodeURIComponent("x'}) RETURN 1 //")}/timeline`)
      .expect(404);
    await request(app)
      .get(`/api/entities/${encodeURIComponent('港珠澳大桥')}/timeline?limit=0`)
      .expect(400);
    await request(app)
      .get(`/api/measures/${encodeURIComponent("x'}) RETURN 1 //")}/lineage`)
      .expect(404);
    expect(await count(connection, 'MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('exports the filtered table as CSV', async () => {
    const res = await request(app).get(`/api/measures?document=${SEED_KEY}&format=csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^document,year,documentKey,reference/);
    expect(lines).toHaveLength(58);
  });
});
