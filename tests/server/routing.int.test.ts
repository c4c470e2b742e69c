/**
 * The API over `neo4j://` (routing, as with a cluster or Aura) against the embedded Neo4j: every read
 * route answers as it does over `bolt://`, and the API's reads are made in READ access mode, so in a
 * cluster followers serve them (Neo4j refuses a write in a READ transaction, which is how this test
 * tells).
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { loadConfig, neo4jSettings } from '../../store/config';
import { connect, type Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { count, repoRoot } from '../../testkit/db';
import { SEED_KEY, seededApp } from '../../testkit/seeded-app';

const READS: [string, string, Record<string, string>?][] = [
  ['graph', '/api/graph'],
  ['graph of a document', '/api/graph', { document: SEED_KEY }],
  ['search', '/api/search', { q: '港珠澳大桥' }],
  ['documents', '/api/documents'],
  ['a document', `/api/documents/${SEED_KEY}`],
  ['measures', '/api/measures', { q: '大橋' }],
  ['named queries', '/api/queries'],
  ['paths', '/api/paths', { from: 'hong-kong', to: 'macao' }],
];

describe('the read routes over neo4j:// (routing)', () => {
  let bolt: Connection;
  let routed: Connection;
  let direct: Express;
  let viaRouting: Express;

  beforeAll(async () => {
    ({ connection: bolt, app: direct } = await seededApp());
    const settings = neo4jSettings(process.env, 'NEO4J_TEST');
    expect(settings.uri).toMatch(/^bolt:\/\//);
    routed = await connect({
      repoRoot,
      neo4j: { ...settings, uri: settings.uri!.replace(/^bolt:/, 'neo4j:') },
      embedded: loadConfig({}).embedded,
    });
    viaRouting = createApp({ connection: routed });
  });
  afterAll(async () => {
    await routed?.close();
    await bolt.close();
  });

  it.each(READS)('%s answers as over bolt://', async (_name, route, query = {}) => {
    const [a, b] = await Promise.all([
      request(direct).get(route).query(query),
      request(viaRouting).get(route).query(query),
    ]);
    expect(b.status).toBe(a.status);
    expect(a.status).toBeLessThan(500);
    expect(b.body).toEqual(a.body);
  });

  it('an entity, its neighbours and a measure answer as over bolt://', async () => {
    const hit = (await request(direct).get('/api/search').query({ q: '港珠澳大桥' }).expect(200)).body
      .results[0];
    for (const route of [`/api/entities/${hit.key}`, `/api/entities/${hit.key}/neighbors`]) {
      const [a, b] = await Promise.all([request(direct).get(route), request(viaRouting).get(route)]);
      expect(a.status).toBe(200);
      expect(b.body).toEqual(a.body);
    }
    const measure = (await request(direct).get('/api/measures').query({ limit: 1 }).expect(200)).body.rows[0];
    const route = `/api/measures/${measure.key}`;
    const [a, b] = await Promise.all([request(direct).get(route), request(viaRouting).get(route)]);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it("reads go out in READ access mode: Neo4j refuses a write in the API's read path", async () => {
    const before = await count(bolt, 'MATCH (n) RETURN count(n)');
    await expect(readRecords(routed, 'CREATE (:RoutingProbe)')).rejects.toThrow(/read|access mode/i);
    expect(await count(bolt, 'MATCH (n) RETURN count(n)')).toBe(before);
  });
});
