import neo4j from 'neo4j-driver';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { ingestFiles } from '../../../ingest/ingest';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

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

  it('answers 503 after one attempt, without the driver retrying for 15 s, when Neo4j drops connections', async () => {
    // A port that accepts connections and closes them at once, as a Neo4j going down does.
    let attempts = 0;
    const dropping = net.createServer((socket) => {
      attempts++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const uri = `bolt://127.0.0.1:${(dropping.address() as net.AddressInfo).port}`;
    const driver = neo4j.driver(uri, undefined, { maxTransactionRetryTime: 15_000 });
    const down: Connection = { ...connection, driver, uri, close: () => driver.close() };
    try {
      const res = await request(createApp({ connection: down }))
        .get('/api/health')
        .expect(503);
      expect(res.body).toMatchObject({ status: 'unavailable', neo4j: { connected: false, uri } });
      expect(attempts).toBe(1);
    } finally {
      await driver.close();
      await new Promise((resolve) => dropping.close(resolve));
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(createApp({ connection })).get('/api/nope').expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
