import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../server/db/connection';
import { ingestFiles } from '../../../ingest/ingest';
import { repoRoot, resetDatabase, testConnection } from '../../support/db';

describe('GET /api/health', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
  });
  afterAll(() => connection.close());

  it('reports the connection and the counts of what the graph holds', async () => {
    const app = createApp({ connection });
    const empty = await request(app).get('/api/health').expect(200);
    expect(empty.body.counts).toEqual({ documents: 0, measures: 0, entities: 0 });

    await ingestFiles(connection, [
      path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt'),
    ]);
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.neo4j).toMatchObject({ connected: true, edition: expect.any(String), embedded: false });
    expect(res.body.neo4j.version).toMatch(/^\d+\.\d+/);
    expect(res.body.counts).toMatchObject({ documents: 1, measures: 57 });
  });

  it('answers 503 with a reason when Neo4j is unreachable', async () => {
    const closed = await testConnection();
    await closed.driver.close();
    const res = await request(createApp({ connection: closed }))
      .get('/api/health')
      .expect(503);
    expect(res.body.status).toBe('unavailable');
    expect(res.body.neo4j.connected).toBe(false);
    expect(res.body.reason).toMatch(/Neo4j is unreachable/);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(createApp({ connection })).get('/api/nope').expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
