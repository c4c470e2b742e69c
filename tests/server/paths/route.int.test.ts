import Graph from 'graphology';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { ingestFiles } from '../../../ingest/ingest';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const BRIDGE = '港珠澳大桥';

interface Body {
  rels: string[];
  length: number | null;
  truncated: boolean;
  paths: { length: number; nodes: string[]; edges: string[] }[];
  nodes: { key: string; label: string; name: string; number?: string; document?: string }[];
  edges: { key: string; source: string; target: string; type: string }[];
}

const pathsUrl = (from: string, to: string, extra = '') =>
  `/api/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`;

describe('GET /api/paths', () => {
  let connection: Connection;
  let app: Express;
  let whole: Graph;
  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [path.join(repoRoot, `seeds/${DOC}.txt`)]);
    app = createApp({ connection });
    whole = Graph.from((await request(app).get('/api/graph').expect(200)).body);
  });
  afterAll(() => connection.close());

  /** Every node and edge key is one of /api/graph's, and each path is a walk from `from` to `to`. */
  function expectWalks(body: Body, from: string, to: string): void {
    for (const p of body.paths) {
      expect(p.nodes[0]).toBe(from);
      expect(p.nodes.at(-1)).toBe(to);
      expect(p.edges).toHaveLength(p.length);
      expect(p.nodes).toHaveLength(p.length + 1);
      p.edges.forEach((edge, i) => {
        expect(whole.hasEdge(edge)).toBe(true);
        expect([whole.source(edge), whole.target(edge)].sort()).toEqual(
          [p.nodes[i] as string, p.nodes[i + 1] as string].sort(),
        );
      });
      for (const node of p.nodes) expect(whole.hasNode(node)).toBe(true);
    }
    const listed = new Set(body.nodes.map((n) => n.key));
    expect(listed).toEqual(new Set(body.paths.flatMap((p) => p.nodes)));
    expect(new Set(body.edges.map((e) => e.key))).toEqual(new Set(body.paths.flatMap((p) => p.edges)));
    for (const edge of body.edges) {
      expect(whole.source(edge.key)).toBe(edge.source);
      expect(whole.target(edge.key)).toBe(edge.target);
      expect(whole.getEdgeAttribute(edge.key, 'type')).toBe(edge.type);
    }
  }

  it('finds the bridge and Hong Kong through measure 16, with /api/graph keys', async () => {
    const res = await request(app).get(pathsUrl(BRIDGE, '香港')).expect(200).expect('Content-Type', /json/);
    const body = res.body as Body;
    expect(body).toMatchObject({ from: BRIDGE, to: '香港', length: 2, max: 8, limit: 10, truncated: false });
    expect(body.rels).toEqual(['MENTIONS', 'ASSIGNED_TO']);
    expect(body.paths).toEqual([
      {
        length: 2,
        nodes: [BRIDGE, `${DOC}/m16`, '香港'],
        edges: [`${DOC}/m16-MENTIONS->${BRIDGE}`, `${DOC}/m16-MENTIONS->香港`],
      },
    ]);
    expectWalks(body, BRIDGE, '香港');
    const m16 = body.nodes.find((n) => n.key === `${DOC}/m16`);
    expect(m16).toMatchObject({ label: 'Measure', number: '16', document: DOC });
    expect(m16?.name).toMatch(/^三（一）16\. 支持兩地保險機構/);
    expect(body.nodes.find((n) => n.key === BRIDGE)).toMatchObject({
      label: 'Infrastructure',
      name: '港珠澳大橋',
    });
  });

  it('goes through two measures when it has to, and agrees with the named query `connection`', async () => {
    const body = (
      await request(app)
        .get(pathsUrl(BRIDGE, '一带一路', '&limit=100'))
        .expect(200)
    ).body as Body;
    expect(body.length).toBe(4);
    expect(body.paths.length).toBe(2);
    expectWalks(body, BRIDGE, '一带一路');
    for (const p of body.paths) {
      expect(p.length).toBe(4);
      expect(p.nodes.filter((n) => whole.getNodeAttribute(n, 'label') === 'Measure')).toHaveLength(2);
      expect(p.nodes[1]).toBe(`${DOC}/m16`);
    }
    // The named query by names finds the same paths as the route by keys.
    const named = await request(app)
      .post('/api/queries/connection')
      .send({ params: { from: '港珠澳大橋', to: '一带一路', maxLength: 8, limit: 100 }, timeoutMs: 30000 })
      .expect(200);
    const namedPaths = (named.body.rows as { path: { nodes: { properties: { key: string } }[] } }[]).map(
      (row) => row.path.nodes.map((n) => n.properties.key).join(' '),
    );
    expect(namedPaths.length).toBe(body.paths.length);
    expect(new Set(namedPaths)).toEqual(new Set(body.paths.map((p) => p.nodes.join(' '))));
  });

  it('cuts at limit and says so; max bounds the length', async () => {
    const cut = (
      await request(app)
        .get(pathsUrl(BRIDGE, '一带一路', '&limit=1'))
        .expect(200)
    ).body;
    expect(cut.paths).toHaveLength(1);
    expect(cut.truncated).toBe(true);
    const short = (
      await request(app)
        .get(pathsUrl(BRIDGE, '粤港澳大湾区', '&max=3'))
        .expect(200)
    ).body;
    expect(short).toMatchObject({ length: null, paths: [], nodes: [], edges: [], max: 3 });
  });

  it('answers no path through measures where only places connect, and finds it with rels', async () => {
    // The airport shares no measure with anything the bridge reaches; it is LOCATED_IN Hong Kong.
    const none = (await request(app).get(pathsUrl(BRIDGE, '香港国际机场')).expect(200)).body as Body;
    expect(none).toMatchObject({ length: null, truncated: false, paths: [], nodes: [], edges: [] });

    const places = (
      await request(app)
        .get(pathsUrl(BRIDGE, '香港国际机场', '&rels=MENTIONS,ASSIGNED_TO,LOCATED_IN,PART_OF'))
        .expect(200)
    ).body as Body;
    expect(places.length).toBe(3);
    expect(places.paths[0]?.nodes).toEqual([BRIDGE, `${DOC}/m16`, '香港', '香港国际机场']);
    expect(places.paths[0]?.edges.at(-1)).toBe('香港国际机场-LOCATED_IN->香港');
    expectWalks(places, BRIDGE, '香港国际机场');

    // 一試三證 is mentioned by one measure only, which mentions nothing else: no path at all.
    const isolated = (
      await request(app)
        .get(pathsUrl(BRIDGE, '一试三证', '&rels=MENTIONS,ASSIGNED_TO,LOCATED_IN,PART_OF&max=12'))
        .expect(200)
    ).body as Body;
    expect(isolated.paths).toEqual([]);
  });

  it('answers 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/paths?to=%E9%A6%99%E6%B8%AF', 'from'],
      [`/api/paths?from=${encodeURIComponent(BRIDGE)}`, 'to'],
      [`/api/paths?from=${encodeURIComponent(BRIDGE)}&to=%20`, 'to'],
      [pathsUrl(BRIDGE, BRIDGE), 'to'],
      [pathsUrl(BRIDGE, '香港', '&max=0'), 'max'],
      [pathsUrl(BRIDGE, '香港', '&max=13'), 'max'],
      [pathsUrl(BRIDGE, '香港', '&max=two'), 'max'],
      [pathsUrl(BRIDGE, '香港', '&limit=0'), 'limit'],
      [pathsUrl(BRIDGE, '香港', '&limit=101'), 'limit'],
      [pathsUrl(BRIDGE, '香港', '&rels=HAS_SECTION'), 'rels'],
      [pathsUrl(BRIDGE, '香港', '&from=x'), 'from'],
    ];
    for (const [url, param] of cases) {
      const res = await request(app).get(url).expect(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param });
      expect(res.body.error.message).toMatch(new RegExp(`^${param}:`));
    }
  });

  it('answers 404 for an unknown entity key, a measure key included', async () => {
    for (const [from, to, missing] of [
      ['不存在的實體', '香港', '不存在的實體'],
      [BRIDGE, 'nowhere', 'nowhere'],
      [BRIDGE, `${DOC}/m16`, `${DOC}/m16`],
    ]) {
      const res = await request(app)
        .get(pathsUrl(from as string, to as string))
        .expect(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
      expect(res.body.error.message).toContain(missing);
    }
  });
});
