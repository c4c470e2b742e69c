/**
 * The read-only console under attack, against the real Neo4j: the fuzz corpus (testkit/
 * attacks.ts) through POST /api/cypher, each attack refused with a 400, no file or URL read, the
 * graph left byte for byte as it was; Neo4j's plan alone refusing each attack when the text check is
 * skipped; Neo4j itself refusing file: URLs; and the reads analysts need still answering.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import request from 'supertest';
import { ingestFiles } from '../../../ingest/ingest';
import { createApp } from '../../../server/app';
import { judgePlan, operatorOf, type DriverPlan } from '../../../server/console/guard';
import type { Connection } from '../../../store/connection';
import { ApiError } from '../../../server/http/errors';
import { ATTACKS, anyAttack, type Targets } from '../../../testkit/attacks';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';
import { fingerprint, type Fingerprint } from '../../../testkit/fingerprint';

const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');

describe('the read-only console under attack', () => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let server: http.Server;
  let requestsSeen = 0;
  let targets: Targets;
  const secret = `SECRET-${randomUUID()}`;
  let before: Fingerprint;

  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [SEED]);
    app = createApp({ connection });
    dir = await mkdtemp(path.join(os.tmpdir(), 'console-attack-'));
    const file = path.join(dir, 'secret.csv');
    await writeFile(file, `${secret}\n`);
    server = http.createServer((_req, res) => {
      requestsSeen++;
      res.end(`${secret}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    targets = { file: `file://${file}`, url: `http://127.0.0.1:${port}/secret.csv` };
    before = await fingerprint(connection);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
    await connection.close();
  });

  it('refuses every spelling of every attack with a 400: no file or URL read, the graph unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(anyAttack(targets), async ({ query }) => {
        const res = await request(app)
          .post('/api/cypher')
          .send({ query, params: { source: targets.file } });
        expect(res.status).toBe(400);
        expect(['READ_ONLY', 'BAD_PARAMETER']).toContain(res.body.error.code);
        expect(JSON.stringify(res.body)).not.toContain(secret);
      }),
      { numRuns: 300, seed: 20261204 },
    );
    expect(requestsSeen).toBe(0);
    expect(await fingerprint(connection)).toEqual(before);
  });

  it.each(ATTACKS.map((a) => [a.name, a] as const))(
    '%s cannot pass the plan check alone, the text check skipped',
    async (_name, attack) => {
      const statement = attack.tokens
        .join(' ')
        .replace('{file}', targets.file)
        .replace('{url}', targets.url)
        .replace(/ \. /g, '.')
        .replace(/ \( \)/g, '()')
        .replace(/ \( /g, '(')
        .replace(/ \)/g, ')');
      const session = connection.driver.session({
        database: connection.database,
        defaultAccessMode: neo4j.session.READ,
      });
      try {
        const explained = await session.run(`EXPLAIN ${statement}`, { source: targets.file }).catch((e) => e);
        // Neo4j refusing to plan it at all (a client error) is a refusal too.
        if (!('summary' in explained)) return expect(String(explained.code)).toMatch(/^Neo\.ClientError\./);
        const { summary } = explained;
        const plan = summary.plan as unknown as DriverPlan;
        const database = connection.database ?? operatorOf(plan).database ?? 'neo4j';
        expect(() =>
          judgePlan(statement, summary.queryType, plan, { database, builtInFunctions: new Set() }),
        ).toThrow(ApiError);
      } finally {
        await session.close();
      }
    },
  );

  it('leaves no file readable through the embedded Neo4j itself (file: URLs are off)', async () => {
    if (!process.env.NEO4J_TEST_EMBEDDED) return; // a Neo4j of the tester's own keeps its own settings
    const session = connection.driver.session({ database: connection.database });
    try {
      await expect(
        session.run('LOAD CSV FROM $file AS row RETURN row', { file: targets.file }),
      ).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.ExternalResourceFailed' });
    } finally {
      await session.close();
    }
  });

  it.each([
    ['MATCH … RETURN', 'MATCH (p:Port) RETURN p.name AS name ORDER BY name LIMIT 5'],
    ['CALL db.labels()', 'CALL db.labels() YIELD label RETURN label'],
    [
      'a full-text query',
      "CALL db.index.fulltext.queryNodes('entity_names', '港珠澳') YIELD node RETURN node.name AS n",
    ],
    ['SHOW INDEXES', 'SHOW INDEXES YIELD name RETURN name'],
    ['a path', 'MATCH p = (m:Measure)-[:MENTIONS]->(:Port) RETURN p LIMIT 3'],
    [
      'an aggregation',
      'MATCH (m:Measure)-[:MENTIONS]->(e) RETURN labels(e) AS l, count(*) AS c ORDER BY c DESC',
    ],
    ['a shortest path', "MATCH p = SHORTEST 1 (a:Entity {key: '香港'})-[*..4]-(b:Port) RETURN p"],
    [
      'COUNT and EXISTS subqueries',
      'MATCH (e:Entity) WHERE EXISTS { (e)<-[:MENTIONS]-() } RETURN e.name, COUNT { (e)--() } AS d LIMIT 3',
    ],
    [
      'a CALL subquery',
      'MATCH (d:Document) CALL (d) { MATCH (m:Measure {document: d.key}) RETURN count(m) AS n } RETURN n',
    ],
    [
      'built-in namespaced functions',
      "RETURN date.truncate('month', date('2020-10-30')) AS d, point.distance(point({x: 0, y: 0}), point({x: 3, y: 4})) AS p",
    ],
  ])('still answers %s', async (_what, query) => {
    const res = await request(app).post('/api/cypher').send({ query }).expect(200);
    expect(res.body.summary.queryType).toBe('r');
    expect(res.body.rows.length).toBeGreaterThan(0);
  });

  it('answers EXPLAIN with the plan and no rows, PROFILE with rows and the plan with its statistics', async () => {
    const explain = await request(app)
      .post('/api/cypher')
      .send({ query: 'EXPLAIN MATCH (p:Port) RETURN p.name' })
      .expect(200);
    expect(explain.body.rows).toEqual([]);
    expect(explain.body.summary.mode).toBe('explain');
    expect(explain.body.plan).toMatchObject({ operator: 'ProduceResults', children: [expect.any(Object)] });
    const profile = await request(app)
      .post('/api/cypher')
      .send({ query: 'PROFILE MATCH (p:Port) RETURN p.name AS name' })
      .expect(200);
    expect(profile.body.rows.length).toBeGreaterThan(0);
    expect(profile.body.summary.mode).toBe('profile');
    expect(profile.body.plan).toMatchObject({ operator: 'ProduceResults', rows: profile.body.rows.length });
    expect(JSON.stringify(profile.body.plan)).toMatch(/"dbHits":\d+/);
  });
});
