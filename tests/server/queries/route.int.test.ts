/** GET /api/queries and POST /api/queries/:name against the seed. */
import Graph from 'graphology';
import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { unreachableConnection } from '../../../testkit/db';
import { seededApp } from '../../../testkit/seeded-app';

const SEED = '2020-guangdong-hong-kong-cooperation-work-plan';

interface Row {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('/api/queries', () => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  const run = (name: string, body: object = {}) =>
    request(app)
      .post(`/api/queries/${encodeURIComponent(name)}`)
      .send(body);

  it('lists the named queries with their parameters (types, defaults), an example and the Cypher', async () => {
    const res = await request(app).get('/api/queries').expect(200);
    const names = res.body.queries.map((q: Row) => q.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'measures-touching',
        'overlaps',
        'unit-overlaps',
        'unit-workload',
        'connection',
        'entity-profile',
        'document-outline',
        'co-mentions',
      ]),
    );
    const touching = res.body.queries.find((q: Row) => q.name === 'measures-touching');
    expect(touching).toMatchObject({
      description: expect.stringMatching(/^Measures that mention an entity/),
      file: 'cypher/measures-touching.cypher',
      example: { name: '港珠澳大桥', includeContained: false },
      cypher: expect.stringMatching(/^\/\/ name: measures-touching\n/),
    });
    expect(touching.parameters).toEqual([
      { name: 'name', type: 'string', required: true, description: expect.any(String) },
      {
        name: 'includeContained',
        type: 'boolean',
        required: false,
        default: false,
        description: expect.any(String),
      },
    ]);
    const overlaps = res.body.queries.find((q: Row) => q.name === 'overlaps');
    expect(overlaps.parameters).toContainEqual(
      expect.objectContaining({ name: 'limit', type: 'integer', default: 25, min: 1, max: 500 }),
    );
  });

  it('runs every named query with its example', async () => {
    const { body } = await request(app).get('/api/queries').expect(200);
    for (const query of body.queries as Row[]) {
      const res = await run(query.name, { params: query.example });
      expect({ name: query.name, status: res.status }).toEqual({ name: query.name, status: 200 });
      expect(Object.keys(res.body)).toEqual(['query', 'params', 'columns', 'rows', 'graph', 'summary']);
      expect(res.body.summary).toMatchObject({ queryType: 'r', rows: res.body.rows.length });
      expect(() => Graph.from(res.body.graph)).not.toThrow();
    }
  });

  it.each(['港珠澳大桥', '港珠澳大橋', 'Hong Kong-Zhuhai-Macao Bridge'])(
    'measures-touching %s → measures 2, 16 and 51, spans slicing the bridge’s name',
    async (name) => {
      const res = await run('measures-touching', { params: { name } }).expect(200);
      expect(res.body.params).toEqual({ name, includeContained: false });
      expect(res.body.columns).toEqual(
        expect.arrayContaining(['document', 'section', 'measure', 'text', 'spans']),
      );
      expect(res.body.rows.map((r: Row) => r.measure)).toEqual(['2', '16', '51']);
      for (const row of res.body.rows as Row[]) {
        expect(row.document).toBe(SEED);
        for (let i = 0; i < row.spans.length; i += 2)
          expect(row.text.slice(row.spans[i], row.spans[i + 1])).toBe('港珠澳大橋');
      }
      const graph = Graph.from(res.body.graph);
      expect(graph.getNodeAttribute('港珠澳大桥', 'label')).toBe('Infrastructure');
      expect(graph.filterNodes((_k, a) => a.label === 'Measure')).toHaveLength(3);
      expect(graph.filterEdges((_k, a) => a.type === 'MENTIONS')).toHaveLength(3);
      // Nodes without a name property are named as in /api/graph: titles, and "number. text…".
      expect(graph.getNodeAttribute(SEED, 'name')).toBe(graph.getNodeAttribute(SEED, 'title'));
      expect(graph.getNodeAttribute(`${SEED}/s1`, 'name')).toBe('跨界基礎設施建設及通關便利化');
      expect(graph.getNodeAttribute(`${SEED}/m2`, 'name')).toBe(
        '2020·一、2. 研究完善港珠澳大橋跨境車輛通行政策及有關出入境政…',
      );
    },
  );

  it('measures-touching with includeContained for a city (東莞 brings 東莞港)', async () => {
    const without = await run('measures-touching', { params: { name: '东莞' } }).expect(200);
    expect(without.body.rows.map((r: Row) => r.measure)).toEqual(['30']);
    const contained = await run('measures-touching', {
      params: { name: '东莞', includeContained: true },
    }).expect(200);
    expect(contained.body.rows.map((r: Row) => [r.measure, r.entity])).toEqual([
      ['5', '東莞港'],
      ['30', '東莞'],
    ]);
    const graph = Graph.from(contained.body.graph);
    expect(graph.hasEdge('东莞港-LOCATED_IN->东莞')).toBe(true);
  });

  it('overlaps: 香港 is touched from several sections', async () => {
    const res = await run('overlaps').expect(200);
    const hk = res.body.rows.find((r: Row) => r.entity === '香港');
    expect(hk.sideCount).toBeGreaterThanOrEqual(3);
    expect(new Set(hk.sides.map((s: Row) => s.section)).size).toBe(hk.sideCount);
    expect(res.body.rows[0].entity).toBe('香港');
  });

  it('connection: a path between two entities through a measure', async () => {
    const res = await run('connection', { params: { from: '東莞港', to: '香港國際機場' } }).expect(200);
    const [row] = res.body.rows;
    expect(row.route).toEqual(['東莞港', `${SEED} #一、5`, '香港國際機場']);
    expect(row.path.nodes[1].labels).toEqual(['Measure']);
    expect(row.path.nodes[1].properties.number).toBe('5');
  });

  it('document-outline: 8 top-level sections and 57 measures', async () => {
    const res = await run('document-outline', { params: { document: SEED } }).expect(200);
    expect(res.body.rows.filter((r: Row) => r.level === 1)).toHaveLength(8);
    expect(res.body.rows.reduce((n: number, r: Row) => n + r.measureCount, 0)).toBe(57);
    const graph = Graph.from(res.body.graph);
    expect(graph.filterNodes((_k, a) => a.label === 'Measure')).toHaveLength(57);
    expect(graph.filterNodes((_k, a) => a.label === 'Section')).toHaveLength(11);
    expect(graph.outDegree(SEED)).toBe(8);
  });

  it('reports the row cap when a named query has more rows than maxRows', async () => {
    const res = await run('document-outline', { params: { document: SEED }, maxRows: 3 }).expect(200);
    expect(res.body.rows).toHaveLength(3);
    expect(res.body.summary).toMatchObject({ truncated: true, maxRows: 3 });
  });

  it('answers an unknown query name with 404', async () => {
    const res = await run('drop-everything', { params: {} }).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.error.message).toMatch(/No named query "drop-everything"/);
  });

  it.each([
    ['measures-touching', { params: {} }, 'name', /name: required/],
    [
      'measures-touching',
      { params: { name: '香港', includeContained: 'maybe' } },
      'includeContained',
      /boolean/,
    ],
    [
      'measures-touching',
      { params: { name: '香港', limit: 3 } },
      'limit',
      /unknown parameter of measures-touching/,
    ],
    ['overlaps', { params: { limit: 0 } }, 'limit', /between 1 and 500/],
    ['overlaps', { params: { by: 'year' } }, 'by', /one of section, document/],
    ['connection', { params: { from: '香港' } }, 'to', /to: required/],
    ['overlaps', { params: ['x'] }, 'params', /params: must be an object/],
    ['overlaps', { maxRows: -1 }, 'maxRows', /maxRows: must be a whole number/],
  ])('%s with %j → 400 naming %s', async (name, body, param, message) => {
    const res = await run(name, body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param });
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 503 when Neo4j is unreachable', async () => {
    const down = await unreachableConnection();
    const res = await request(createApp({ connection: down }))
      .post('/api/queries/measures-touching')
      .send({ params: { name: '香港' } })
      .expect(503);
    expect(res.body.error.code).toBe('NEO4J_UNAVAILABLE');
  });
});
