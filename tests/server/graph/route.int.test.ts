import Graph from 'graphology';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { seededApp } from '../../../testkit/seeded-app';
import { unreachableConnection } from '../../../testkit/db';
import { LABELS } from '../../../testkit/labels';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';

describe('GET /api/graph', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  const labelsOf = (graph: Graph) => new Set(graph.mapNodes((_key, a) => a.label as string));

  it('answers graphology JSON that Graph.from loads, every node placed', async () => {
    const res = await request(app).get('/api/graph').expect(200).expect('Content-Type', /json/);
    const graph = Graph.from(res.body);
    expect(graph.type).toBe('directed');
    expect(graph.filterNodes((_k, a) => a.label === 'Document')).toEqual([DOC]);
    expect(graph.filterNodes((_k, a) => a.label === 'Measure')).toHaveLength(57);
    expect(labelsOf(graph)).toEqual(new Set(LABELS));
    graph.forEachNode((_key, a) => {
      expect(Number.isFinite(a.x)).toBe(true);
      expect(Number.isFinite(a.y)).toBe(true);
      expect(a.size).toBeGreaterThan(0);
      expect(typeof a.name).toBe('string');
    });
    const bridge = graph.getNodeAttributes('港珠澳大桥');
    expect(bridge).toMatchObject({
      label: 'Infrastructure',
      name: '港珠澳大橋',
      nameEn: 'Hong Kong-Zhuhai-Macao Bridge',
    });
    expect(bridge.aliases).toEqual(expect.arrayContaining(['港珠澳大橋', '港珠澳大桥']));
    expect(graph.getNodeAttributes(`${DOC}/m16`)).toMatchObject({
      label: 'Measure',
      number: '16',
      document: DOC,
      section: `${DOC}/s3.1`,
    });
    expect(graph.getNodeAttribute(`${DOC}/m16`, 'text')).toMatch(/^支持兩地保險機構/);
  });

  it('gives mentions their spans as pairs that slice the measure text to the surface', async () => {
    const graph = Graph.from((await request(app).get('/api/graph').expect(200)).body);
    const mentions = graph.filterEdges((_key, a) => a.type === 'MENTIONS');
    expect(mentions.length).toBeGreaterThan(50);
    for (const edge of mentions) {
      const text = graph.getNodeAttribute(graph.source(edge), 'text') as string;
      const { spans, surface } = graph.getEdgeAttributes(edge);
      for (const [start, end] of spans as [number, number][])
        expect(surface).toContain(text.slice(start, end));
    }
    expect(new Set(graph.mapEdges((_key, a) => a.type))).toEqual(
      new Set(['HAS_SECTION', 'HAS_MEASURE', 'MENTIONS', 'LOCATED_IN', 'PART_OF', 'IMPLEMENTS', 'SIGNED_BY']),
    );
  });

  it('returns the same positions on every call, and in filtered views', async () => {
    const first = (await request(app).get('/api/graph').expect(200)).body;
    const second = (await request(app).get('/api/graph').expect(200)).body;
    expect(second).toEqual(first);
    const where = new Map<string, [number, number]>(
      first.nodes.map((n: { key: string; attributes: { x: number; y: number } }) => [
        n.key,
        [n.attributes.x, n.attributes.y],
      ]),
    );
    const ports = (await request(app).get('/api/graph?types=Port').expect(200)).body;
    for (const node of ports.nodes)
      expect([node.attributes.x, node.attributes.y]).toEqual(where.get(node.key));
  });

  it('filters by type: only those nodes, and only edges between them', async () => {
    const ports = Graph.from((await request(app).get('/api/graph?types=Port').expect(200)).body);
    expect(ports.order).toBeGreaterThan(3);
    expect(labelsOf(ports)).toEqual(new Set(['Port']));

    const res = await request(app).get('/api/graph?types=Port,Measure').expect(200);
    const graph = Graph.from(res.body);
    expect(labelsOf(graph)).toEqual(new Set(['Port', 'Measure']));
    expect(new Set(graph.mapEdges((_key, a) => a.type))).toEqual(new Set(['MENTIONS']));
    expect(res.body.attributes.filters).toMatchObject({ types: ['Port', 'Measure'] });

    const entities = Graph.from((await request(app).get('/api/graph?types=Entity').expect(200)).body);
    expect([...labelsOf(entities)].every((l) => !['Document', 'Section', 'Measure'].includes(l))).toBe(true);
  });

  it('filters by document and by section', async () => {
    const whole = Graph.from((await request(app).get(`/api/graph?document=${DOC}`).expect(200)).body);
    expect(whole.filterNodes((_k, a) => a.label === 'Measure')).toHaveLength(57);

    const section = `${DOC}/s3`;
    const res = await request(app)
      .get(`/api/graph?section=${encodeURIComponent(section)}&document=${DOC}`)
      .expect(200);
    const graph = Graph.from(res.body);
    const measures = graph.filterNodes((_k, a) => a.label === 'Measure');
    expect(measures).toHaveLength(19); // measure 11 and the three subsections' 8 + 6 + 4
    expect(graph.filterNodes((_k, a) => a.label === 'Section').sort()).toEqual(
      [section, `${section}.1`, `${section}.2`, `${section}.3`].sort(),
    );
    expect(graph.hasNode(DOC)).toBe(false);
    // Every entity is one those measures mention.
    graph.forEachNode((key, a) => {
      if (!['Section', 'Measure'].includes(a.label))
        expect(graph.inNeighbors(key).some((m) => measures.includes(m))).toBe(true);
    });
  });

  it('filters by degree in the whole graph', async () => {
    const graph = Graph.from((await request(app).get('/api/graph?minDegree=5').expect(200)).body);
    expect(graph.order).toBeGreaterThan(0);
    graph.forEachNode((_key, a) => expect(a.degree).toBeGreaterThanOrEqual(5));
    expect(graph.hasNode(DOC)).toBe(true);
  });

  it('answers 400 naming the parameter, and 404 for an unknown document or section', async () => {
    for (const [query, param] of [
      ['minDegree=-1', 'minDegree'],
      ['minDegree=two', 'minDegree'],
      ['types=Port,Ship', 'types'],
      ['types=', 'types'],
    ]) {
      const res = await request(app).get(`/api/graph?${query}`).expect(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param });
    }
    expect((await request(app).get('/api/graph?document=nope').expect(404)).body.error.message).toMatch(
      /document/,
    );
    expect((await request(app).get('/api/graph?section=nope').expect(404)).body.error.message).toMatch(
      /section/,
    );
  });
});

describe('the graph API when Neo4j is down', () => {
  it('answers 503 on every route', async () => {
    const down = await unreachableConnection();
    const app = createApp({ connection: down });
    try {
      for (const route of [
        '/api/graph',
        '/api/search?q=港珠',
        `/api/entities/${encodeURIComponent('港珠澳大桥')}`,
        `/api/entities/${encodeURIComponent('港珠澳大桥')}/neighbors`,
        `/api/measures/${DOC}/m16`,
        '/api/documents',
        `/api/documents/${DOC}`,
        '/api/export?format=gexf',
      ]) {
        const res = await request(app).get(encodeURI(route)).expect(503);
        expect(res.body.error).toMatchObject({ code: 'NEO4J_UNAVAILABLE' });
      }
    } finally {
      await down.close();
    }
  });
});
