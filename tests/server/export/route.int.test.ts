import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { ingestFiles } from '../../../ingest/ingest';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';

describe('GET /api/export', () => {
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

  /** The body as text whatever the type (supertest only buffers JSON and text/* by itself). */
  const get = (query: string) =>
    request(app)
      .get(`/api/export?${query}`)
      .buffer(true)
      .parse((res, callback) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => callback(null, data));
      });

  it('exports graphology JSON as a download, the same graph as /api/graph', async () => {
    const res = await get('format=json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?policy-graph\.json"?$/);
    const graph = Graph.from(JSON.parse(res.body));
    expect(graph.order).toBe(whole.order);
    expect(graph.size).toBe(whole.size);
    expect(graph.getNodeAttributes('港珠澳大桥')).toEqual(whole.getNodeAttributes('港珠澳大桥'));
  });

  it('exports GEXF that graphology-gexf parses back, positions included', async () => {
    const res = await get('format=gexf').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/gexf\+xml/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?policy-graph\.gexf"?$/);
    const graph = parseGexf(Graph, res.body as string);
    expect(graph.order).toBe(whole.order);
    expect(graph.size).toBe(whole.size);
    expect(graph.getNodeAttributes('港珠澳大桥')).toMatchObject({
      label: '港珠澳大橋',
      type: 'Infrastructure',
      x: whole.getNodeAttribute('港珠澳大桥', 'x'),
      y: whole.getNodeAttribute('港珠澳大桥', 'y'),
    });
  });

  it('exports GraphML that graphology-graphml parses back', async () => {
    const res = await get('format=graphml').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/graphml\+xml/);
    const graph = parseGraphml(Graph, res.body as string);
    expect(graph.order).toBe(whole.order);
    expect(graph.size).toBe(whole.size);
    expect(graph.getNodeAttributes(`${DOC}/m16`)).toMatchObject({
      label: 'Measure',
      number: '16',
      ordinal: 16,
      x: whole.getNodeAttribute(`${DOC}/m16`, 'x'),
    });
  });

  it('exports CSV: nodes, or edges with part=edges', async () => {
    const nodes = await get('format=csv').expect(200);
    expect(nodes.headers['content-type']).toMatch(/^text\/csv/);
    expect(nodes.headers['content-disposition']).toMatch(
      /^attachment; filename="?policy-graph-nodes\.csv"?$/,
    );
    const nodeLines = (nodes.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(nodeLines[0]).toMatch(/^key,label,name,/);
    expect(nodeLines[0]!.split(',')).toEqual(expect.arrayContaining(['x', 'y', 'aliases', 'text']));
    expect(nodeLines).toHaveLength(whole.order + 1);

    const edges = await get('format=csv&part=edges').expect(200);
    expect(edges.headers['content-disposition']).toMatch(
      /^attachment; filename="?policy-graph-edges\.csv"?$/,
    );
    const edgeLines = (edges.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(edgeLines[0]).toMatch(/^key,source,target,type,/);
    expect(edgeLines).toHaveLength(whole.size + 1);
  });

  it('applies the /api/graph filters', async () => {
    const graph = parseGexf(Graph, (await get('format=gexf&types=Port').expect(200)).body as string);
    expect(graph.order).toBeGreaterThan(3);
    graph.forEachNode((_key, a) => expect(a.type).toBe('Port'));
    await get('format=csv&document=nope').expect(404);
  });

  it('answers 400 naming the parameter', async () => {
    for (const [query, param] of [
      ['format=xls', 'format'],
      ['format=csv&part=both', 'part'],
      ['format=json&part=edges', 'part'],
      ['format=gexf&minDegree=-1', 'minDegree'],
      ['format=gexf&types=Ship', 'types'],
    ]) {
      const res = await request(app).get(`/api/export?${query}`).expect(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param });
    }
  });
});
