/**
 * The named queries of cypher/ against the seed (and, for responsible units, the 2019 work plan with
 * units): the answers for known cases, and each file run unchanged as cypher-shell would run it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Graph from 'graphology';
import { ingestFiles } from '../../../ingest/ingest';
import { runReadOnly, type Json, type ReadResult } from '../../../server/console/runner';
import { toNeo4jParams } from '../../../store/params';
import { CYPHER_DIR, coerceParams, loadQueries } from '../../../server/queries/registry';
import type { Connection } from '../../../store/connection';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

const SEED = '2020-guangdong-hong-kong-cooperation-work-plan';
const UNITS = '2019-guangdong-hong-kong-work-plan-units';
const NINE_CITIES = ['廣州', '深圳', '珠海', '佛山', '惠州', '東莞', '中山', '江門', '肇慶'];

type Row = Record<string, Json> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('named queries (cypher/*.cypher) on the seed', () => {
  let connection: Connection;
  const queries = loadQueries();

  const run = (name: string, params: Record<string, unknown>): Promise<ReadResult> => {
    const query = queries.get(name)!;
    return runReadOnly(connection, query.cypher, coerceParams(query, params), { timeoutMs: 30_000 });
  };
  const rowsOf = async (name: string, params: Record<string, unknown>): Promise<Row[]> =>
    (await run(name, params)).rows as Row[];

  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [
      path.join(repoRoot, `seeds/${SEED}.txt`),
      path.join(repoRoot, `tests/fixtures/documents/${UNITS}.md`),
    ]);
  });
  afterAll(() => connection.close());

  describe('measures-touching', () => {
    it.each([
      '港珠澳大桥',
      '港珠澳大橋',
      'Hong Kong-Zhuhai-Macao Bridge',
      'hong kong-zhuhai-macao bridge',
      'HZMB',
    ])('finds the bridge by %s: measures 2, 16 and 51 of the seed, spans slicing its name', async (name) => {
      const rows = await rowsOf('measures-touching', { name });
      const seed = rows.filter((r) => r.document === SEED);
      expect(seed.map((r) => r.measure)).toEqual(['2', '16', '51']);
      expect(seed.map((r) => r.reference)).toEqual(['一、2', '三（一）16', '六、51']);
      for (const row of rows) {
        expect(row.entity).toBe('港珠澳大橋');
        expect(row.via).toEqual(['港珠澳大橋']);
        const spans = row.spans as number[];
        expect(spans.length % 2).toBe(0);
        expect(spans.length).toBeGreaterThan(0);
        for (let i = 0; i < spans.length; i += 2)
          expect((row.text as string).slice(spans[i], spans[i + 1])).toBe('港珠澳大橋');
        expect(row.surfaces).toEqual(Array(spans.length / 2).fill('港珠澳大橋'));
      }
      // Measure 16 in the section 金融業合作; the 2019 plan's measure 3 names the bridge twice.
      expect(seed[1]).toMatchObject({ section: '金融業合作', sectionNumber: '一' });
      expect(rows.find((r) => r.document === UNITS)).toMatchObject({
        measure: '3',
        surfaces: ['港珠澳大橋', '港珠澳大橋'],
      });
    });

    it('returns the measure text, its section and document, and a graph of the paths', async () => {
      const result = await run('measures-touching', { name: '港珠澳大橋' });
      expect(result.columns.slice(0, 7)).toEqual([
        'document',
        'sectionNumber',
        'section',
        'measure',
        'reference',
        'text',
        'entity',
      ]);
      const row = result.rows.find((r) => r.document === SEED && r.measure === '2')!;
      expect(row.text).toBe('研究完善港珠澳大橋跨境車輛通行政策及有關出入境政策。');
      expect(row.section).toBe('跨界基礎設施建設及通關便利化');

      const graph = Graph.from(result.graph);
      expect(graph.getNodeAttributes('港珠澳大桥')).toMatchObject({
        label: 'Infrastructure',
        name: '港珠澳大橋',
        nameEn: 'Hong Kong-Zhuhai-Macao Bridge',
        aliases: expect.arrayContaining(['港珠澳大橋', '港珠澳大桥']),
      });
      expect(graph.getNodeAttributes(SEED)).toMatchObject({ label: 'Document' });
      const measure = graph.findNode(
        (_k, a) => a.label === 'Measure' && a.number === '16' && a.document === SEED,
      )!;
      const [mention, ...others] = graph.edges(measure, '港珠澳大桥');
      expect(others).toEqual([]);
      expect(mention).toBe(`${measure}-MENTIONS->港珠澳大桥`);
      expect(graph.getEdgeAttributes(mention!)).toMatchObject({ type: 'MENTIONS', spans: [[26, 31]] });
      expect(graph.inDegree(measure)).toBe(1); // HAS_MEASURE from its section
    });

    it('includes entities located in or part of a city only when asked', async () => {
      const only = await rowsOf('measures-touching', { name: '東莞', includeContained: false });
      expect(only.filter((r) => r.document === SEED).map((r) => r.measure)).toEqual(['30']);
      expect(only.every((r) => r.entity === '東莞')).toBe(true);

      const contained = await rowsOf('measures-touching', { name: 'Dongguan', includeContained: true });
      const seed = contained.filter((r) => r.document === SEED);
      expect(seed.map((r) => r.measure)).toEqual(['5', '30']);
      expect(seed[0]).toMatchObject({ entity: '東莞港', via: ['東莞港', '東莞'] });
      const port = seed[0]!;
      const [s, e] = port.spans as number[];
      expect((port.text as string).slice(s, e)).toBe('東莞港');
    });

    it('brings the member cities of 珠三角九市 (PART_OF) with includeContained', async () => {
      const only = await rowsOf('measures-touching', { name: '珠三角九市' });
      expect(new Set(only.map((r) => r.entity))).toEqual(new Set(['珠三角九市']));
      const all = await rowsOf('measures-touching', { name: '珠三角九市', includeContained: true });
      const members = all.filter((r) => NINE_CITIES.includes(r.entity as string));
      expect(members.length).toBeGreaterThan(0);
      expect(members.map((r) => r.via.at(-1))).toEqual(members.map(() => '珠三角九市'));
      // Every measure found without includeContained is still there.
      const key = (r: Row) => `${r.document} ${r.measure} ${r.entity}`;
      expect(all.map(key)).toEqual(expect.arrayContaining(only.map(key)));
      // 30 names 佛山, 東莞 and 肇慶; 31 names 廣州.
      expect(members.filter((r) => r.document === SEED).map((r) => r.measure)).toEqual(
        expect.arrayContaining(['30', '31']),
      );
    });

    it('returns nothing for a name no entity has', async () => {
      expect(await rowsOf('measures-touching', { name: '不存在的地方' })).toEqual([]);
    });
  });

  describe('overlaps', () => {
    it('ranks 香港 first, touched from several top-level sections of the seed, with each side’s measures', async () => {
      const rows = await rowsOf('overlaps', { document: SEED });
      const hk = rows[0]!;
      expect(hk).toMatchObject({ entity: '香港', nameEn: 'Hong Kong' });
      expect(hk.sideCount).toBeGreaterThanOrEqual(3);
      const sections = (hk.sides as Row[]).map((s) => s.section);
      expect(new Set(sections).size).toBe(sections.length);
      expect(sections).toEqual(expect.arrayContaining(['共建國際科技創新中心', '促進現代服務業合作']));
      expect((hk.sides as Row[]).find((s) => s.section === '促進現代服務業合作')!.measures).toEqual(
        expect.arrayContaining(['11', '16']),
      );
      expect(hk.measureCount).toBe((hk.sides as Row[]).reduce((n, s) => n + s.measures.length, 0));
      for (const row of rows) expect(row.sideCount).toBeGreaterThanOrEqual(2);
      const counts = rows.map((r) => r.sideCount as number);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('counts documents as sides with by: document', async () => {
      const rows = await rowsOf('overlaps', { by: 'document' });
      const bridge = rows.find((r) => r.entity === '港珠澳大橋')!;
      expect(bridge.sideCount).toBe(2);
      expect((bridge.sides as Row[]).map((s) => s.document).sort()).toEqual([UNITS, SEED]);
      expect(rows.every((r) => r.sideCount === 2)).toBe(true);
    });
  });

  describe('connection', () => {
    it('finds the path between 東莞港 and 香港國際機場 through measure 5', async () => {
      const result = await run('connection', { from: '东莞港', to: 'Hong Kong International Airport' });
      const row = result.rows[0] as Row;
      expect(row).toMatchObject({ from: '東莞港', to: '香港國際機場', length: 2 });
      expect(row.route).toEqual(['東莞港', `${SEED} #一、5`, '香港國際機場']);
      const path = row.path as Row;
      expect(path.nodes.map((n: Row) => n.labels)).toEqual([
        expect.arrayContaining(['Port']),
        ['Measure'],
        expect.arrayContaining(['Port']),
      ]);
      expect(path.relationships.map((r: Row) => r.type)).toEqual(['MENTIONS', 'MENTIONS']);
      expect(result.graph.nodes.map((n) => n.key).sort()).toEqual(
        [`${SEED}/m5`, '东莞港', '香港国际机场'].sort(),
      );
    });

    it('goes through more than one measure when it has to', async () => {
      const rows = await rowsOf('connection', { from: '東莞港', to: '港珠澳大橋' });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.length).toBeGreaterThanOrEqual(4);
        expect((row.path as Row).nodes.filter((n: Row) => n.labels.includes('Measure')).length).toBe(
          row.length / 2,
        );
      }
    });
  });

  describe('document-outline', () => {
    it('has the seed’s 8 top-level sections and 57 measures', async () => {
      const rows = await rowsOf('document-outline', { document: SEED });
      expect(rows.filter((r) => r.level === 1)).toHaveLength(8);
      expect(rows.filter((r) => r.level === 1).map((r) => r.number)).toEqual([
        '一',
        '二',
        '三',
        '四',
        '五',
        '六',
        '七',
        '八',
      ]);
      expect(rows.reduce((n, r) => n + (r.measureCount as number), 0)).toBe(57);
      expect(rows.flatMap((r) => r.measures.map((m: Row) => m.measure))).toEqual(
        Array.from({ length: 57 }, (_, i) => String(i + 1)),
      );
      expect(rows.find((r) => r.section === '金融業合作')).toMatchObject({ level: 2, parent: '三' });
    });

    it('finds the document by title or source file too', async () => {
      const byTitle = await rowsOf('document-outline', {
        document: '實施《粵港合作框架協議》2020 年重點工作',
      });
      const bySource = await rowsOf('document-outline', { document: `${SEED}.txt` });
      expect(byTitle).toHaveLength(11);
      expect(bySource).toEqual(byTitle);
    });
  });

  describe('entity-profile', () => {
    it('shows 東莞: where it is, what is in it, its measures and its neighbours', async () => {
      const [row, ...more] = await rowsOf('entity-profile', { name: 'dongguan' });
      expect(more).toEqual([]);
      expect(row).toMatchObject({ entity: '東莞', type: 'City', key: '东莞', nameEn: 'Dongguan' });
      expect(row!.partOf).toEqual(expect.arrayContaining(['珠三角九市', '廣東省']));
      expect(row!.contains).toEqual(expect.arrayContaining(['東莞港']));
      expect(row!.measures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ document: SEED, measure: '30', surface: ['東莞'] }),
        ]),
      );
      expect(row!.measureCount).toBe(row!.measures.length);
      expect(row!.coMentioned).toEqual(expect.arrayContaining([{ entity: '佛山', measures: 1 }]));
    });
  });

  describe('co-mentions', () => {
    it('counts the measures two entities share', async () => {
      const rows = await rowsOf('co-mentions', { name: '東莞港' });
      expect(rows).toEqual([
        expect.objectContaining({
          entity1: '東莞港',
          entity2: '香港國際機場',
          count: 1,
          measures: [{ document: SEED, measure: '5', reference: '一、5' }],
        }),
      ]);
      const top = await rowsOf('co-mentions', { minCount: 5 });
      expect(top[0]).toMatchObject({ count: expect.any(Number) });
      expect(top.every((r) => r.count >= 5)).toBe(true);
      expect(top.some((r) => [r.entity1, r.entity2].includes('香港'))).toBe(true);
    });
  });

  describe('responsible units (2019 plan)', () => {
    it('unit-workload: measures led, supported, shared and the co-assigned units', async () => {
      const [shenzhen] = await rowsOf('unit-workload', { unit: '深圳市政府' });
      expect(shenzhen).toMatchObject({ unit: '深圳市人民政府' });
      const measures = shenzhen!.measures as Row[];
      // 1、…（省口岸辦、深圳市政府牽頭，省交通運輸廳參與）
      expect(measures).toContainEqual({
        document: UNITS,
        measure: '1',
        reference: '第一部分一、1',
        lead: true,
        shared: true,
      });
      expect(shenzhen!.measuresLed).toBe(measures.filter((m) => m.lead).length);
      expect(shenzhen!.measuresSupported).toBe(measures.filter((m) => !m.lead).length);
      expect(shenzhen!.measuresShared).toBe(measures.filter((m) => m.shared).length);
      expect(shenzhen!.measuresAssigned).toBe(measures.length);
      const co = shenzhen!.coAssigned as Row[];
      expect(co.map((c) => c.unit)).toEqual(expect.arrayContaining(['省口岸辦', '廣東省交通運輸廳']));
      expect(co.map((c) => c.measures)).toEqual([...co.map((c) => c.measures)].sort((a, b) => b - a));

      const all = await rowsOf('unit-workload', {});
      const led = all.map((r) => r.measuresLed as number);
      expect(led).toEqual([...led].sort((a, b) => b - a));
      expect(await rowsOf('unit-workload', { document: SEED })).toEqual([]); // the seed names no units
    });

    it('unit-overlaps: units on the same measures or on measures touching the same entity', async () => {
      const rows = await rowsOf('unit-overlaps', { document: UNITS, limit: 500 });
      const pair =
        rows.find((r) => r.unit1 === '深圳市人民政府' && r.unit2 === '省口岸辦') ??
        rows.find((r) => r.unit1 === '省口岸辦' && r.unit2 === '深圳市人民政府');
      expect(pair).toBeDefined();
      expect(pair!.measures).toContainEqual({ document: UNITS, measure: '1', reference: '第一部分一、1' });
      expect(pair!.sharedMeasures).toBe(pair!.measures.length);
      const ranked = rows.map((r) => r.sharedMeasures as number);
      expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
      expect(rows.some((r) => r.sharedMeasures === 0 && r.sharedEntities > 0)).toBe(true);
    });
  });

  describe('each file, run unchanged with its example parameters', () => {
    const runFile = async (name: string, params: Record<string, unknown>) => {
      const text = readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8');
      const session = connection.driver.session({ database: connection.database });
      try {
        const result = await session.run(text, params);
        expect(result.summary.queryType).toBe('r');
        expect(result.records.length).toBeGreaterThan(0);
      } finally {
        await session.close();
      }
    };
    // cypher-shell evaluates `-P '{…}'` as Cypher: whole numbers arrive as integers.
    it.each([...loadQueries().keys()])('%s, as cypher-shell sends the parameters', async (name) => {
      await runFile(name, toNeo4jParams(loadQueries().get(name)!.example) as Record<string, unknown>);
    });
    // Neo4j Browser's `:params {…}` sends numbers as JavaScript numbers: floats.
    it.each([...loadQueries().keys()])('%s, as Neo4j Browser sends the parameters', async (name) => {
      await runFile(name, loadQueries().get(name)!.example);
    });
  });
});
