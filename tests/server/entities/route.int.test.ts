import Graph from 'graphology';
import request from 'supertest';
import type { Express } from 'express';
import type { Connection } from '../../../store/connection';
import { seededApp } from '../../../testkit/seeded-app';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const entityUrl = (key: string) => `/api/entities/${encodeURIComponent(key)}`;

describe('GET /api/entities/:key', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  it('gives the entity with labels, properties, counts and the measures touching it', async () => {
    const res = await request(app).get(entityUrl('港珠澳大桥')).expect(200).expect('Content-Type', /json/);
    expect(res.body).toMatchObject({ key: '港珠澳大桥', label: 'Infrastructure' });
    expect(res.body.labels.sort()).toEqual(['Entity', 'Infrastructure']);
    expect(res.body.properties).toMatchObject({
      name: '港珠澳大橋',
      nameEn: 'Hong Kong-Zhuhai-Macao Bridge',
    });
    expect(res.body.properties.aliases).toEqual(expect.arrayContaining(['港珠澳大橋', '港珠澳大桥', 'HZMB']));
    const { counts, measures } = res.body;
    expect(counts.measures).toBeGreaterThanOrEqual(2);
    expect(measures).toHaveLength(counts.measures);
    expect(measures.map((m: { key: string }) => m.key)).toEqual(
      expect.arrayContaining([`${DOC}/m2`, `${DOC}/m16`]),
    );
    expect(counts.mentions).toBe(
      measures.reduce((n: number, m: { spans: unknown[] }) => n + m.spans.length, 0),
    );
    for (const m of measures) {
      for (const [start, end] of m.spans) expect(m.surface).toContain(m.text.slice(start, end));
    }
    // In document order.
    const ordinals = measures.map((m: { ordinal: number }) => m.ordinal);
    expect(ordinals).toEqual([...ordinals].sort((a, b) => a - b));
  });

  it('gives where an entity is and what is in it', async () => {
    const port = (await request(app).get(entityUrl('皇岗口岸')).expect(200)).body;
    expect(port.locatedIn).toEqual([expect.objectContaining({ key: '深圳', label: 'City', name: '深圳' })]);

    const city = (await request(app).get(entityUrl('深圳')).expect(200)).body;
    expect(city.partOf.map((p: { key: string }) => p.key).sort()).toEqual(['广东省', '珠三角九市'].sort());
    expect(city.contains).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: '皇岗口岸', label: 'Port', relation: 'LOCATED_IN' }),
      ]),
    );
    const policy = (await request(app).get(entityUrl('粤港合作框架协议')).expect(200)).body;
    expect(policy.documents).toEqual([expect.objectContaining({ key: DOC, relation: 'IMPLEMENTS' })]);
  });

  it('caps the measure list with limit, keeping the full count', async () => {
    const res = await request(app)
      .get(`${entityUrl('香港')}?limit=2`)
      .expect(200);
    expect(res.body.measures).toHaveLength(2);
    expect(res.body.counts.measures).toBeGreaterThan(2);
  });

  it('answers 404 for an unknown key and 400 for a bad limit', async () => {
    const res = await request(app).get(entityUrl('不存在的實體')).expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.body.error.message).toMatch(/不存在的實體/);
    expect(
      (
        await request(app)
          .get(`${entityUrl('香港')}?limit=0`)
          .expect(400)
      ).body.error.param,
    ).toBe('limit');
  });

  describe('/neighbors', () => {
    it('gives the neighbourhood as graphology JSON at the layout positions', async () => {
      const res = await request(app)
        .get(`${entityUrl('港珠澳大桥')}/neighbors`)
        .expect(200);
      const graph = Graph.from(res.body);
      expect(res.body.attributes).toMatchObject({ center: '港珠澳大桥', depth: 1, truncated: false });
      expect(graph.getNodeAttribute('港珠澳大桥', 'distance')).toBe(0);
      graph.forEachNode((key, a) => {
        if (key === '港珠澳大桥') return;
        expect(a.distance).toBe(1);
        expect(graph.areNeighbors(key, '港珠澳大桥')).toBe(true);
      });
      expect(graph.hasNode(`${DOC}/m16`)).toBe(true);

      const whole = Graph.from((await request(app).get('/api/graph').expect(200)).body);
      graph.forEachNode((key, a) => {
        expect([a.x, a.y]).toEqual([whole.getNodeAttribute(key, 'x'), whole.getNodeAttribute(key, 'y')]);
      });
    });

    it('goes deeper with depth and stops at limit', async () => {
      const one = Graph.from((await request(app).get(`${entityUrl('港珠澳大桥')}/neighbors?depth=1`)).body);
      const two = Graph.from((await request(app).get(`${entityUrl('港珠澳大桥')}/neighbors?depth=2`)).body);
      expect(two.order).toBeGreaterThan(one.order);
      expect(Math.max(...two.mapNodes((_k, a) => a.distance as number))).toBe(2);
      one.forEachNode((key) => expect(two.hasNode(key)).toBe(true));

      const cut = await request(app)
        .get(`${entityUrl('港珠澳大桥')}/neighbors?depth=3&limit=5`)
        .expect(200);
      expect(cut.body.nodes).toHaveLength(5);
      expect(cut.body.attributes.truncated).toBe(true);
      expect(cut.body.nodes[0].key).toBe('港珠澳大桥');
    });

    it('answers 400 naming depth or limit, and 404 for an unknown key', async () => {
      for (const [query, param] of [
        ['depth=9', 'depth'],
        ['depth=0', 'depth'],
        ['depth=one', 'depth'],
        ['limit=0', 'limit'],
        ['limit=5000', 'limit'],
      ]) {
        const res = await request(app)
          .get(`${entityUrl('港珠澳大桥')}/neighbors?${query}`)
          .expect(400);
        expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param });
        expect(res.body.error.message).toMatch(new RegExp(`^${param}:`));
      }
      await request(app)
        .get(`${entityUrl('nowhere')}/neighbors`)
        .expect(404);
    });
  });
});
