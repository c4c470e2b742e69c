/**
 * EXPLAIN and PROFILE from the console (issue 17). PROFILE executes the query, so it must meet exactly
 * the read-only guard and the limits of a plain run: every write, administration procedure and file
 * read spelt with PROFILE (or EXPLAIN) is refused with 400 READ_ONLY and the graph is left byte for
 * byte as it was; a PROFILE is cut at maxRows and stopped at its timeout like a run. The plans that
 * are answered carry what the console draws as a tree: operator, details, estimated rows, and for
 * PROFILE rows and db hits.
 */
import request from 'supertest';
import type { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { fingerprint, type Fingerprint } from '../../../testkit/fingerprint';
import { seededApp } from '../../../testkit/seeded-app';
import type { PlanJson } from '../../../model/api';

/** What a console user might PROFILE (or EXPLAIN) to get past the guard. */
const REFUSED: [string, string][] = [
  ['PROFILE CREATE (n)', 'PROFILE CREATE (n)'],
  ['lower-case profile', 'profile create (n:Intruder)'],
  ['PROFILE after query options', 'CYPHER runtime=slotted PROFILE CREATE (n:Intruder)'],
  ['PROFILE after a comment', '// only a look\nPROFILE MATCH (d:Document) CREATE (d)-[:OWNS]->(:Intruder)'],
  ['PROFILE MERGE', "PROFILE MERGE (e:Entity {key: '香港'}) ON MATCH SET e.name = 'changed' RETURN e"],
  ['PROFILE SET', "PROFILE MATCH (e:Entity) SET e.name = 'changed'"],
  ['PROFILE DETACH DELETE', 'PROFILE MATCH (n) DETACH DELETE n'],
  [
    'PROFILE a write in a CALL subquery',
    'PROFILE MATCH (n:Document) CALL { CREATE (:Intruder) } RETURN count(n)',
  ],
  ['PROFILE FOREACH', 'PROFILE FOREACH (i IN range(1, 3) | CREATE (:Intruder {i: i}))'],
  ['PROFILE CALL dbms.components()', 'PROFILE CALL dbms.components()'],
  ['PROFILE CALL dbms.listConfig()', "PROFILE CALL dbms.listConfig('server.directories')"],
  ['PROFILE CALL dbms.* in backticks', 'PROFILE CALL `dbms`.`listConfig`()'],
  [
    'PROFILE CALL dbms.security.createUser',
    "PROFILE CALL dbms.security.createUser('intruder', 'secretsecret', false)",
  ],
  ['PROFILE CALL db.createLabel', "PROFILE CALL db.createLabel('Intruder')"],
  ['PROFILE LOAD CSV of a file', "PROFILE LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"],
  ['PROFILE LOAD CSV of a URL', "PROFILE LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS row RETURN row"],
  [
    'PROFILE apoc.load.json of a file',
    "PROFILE CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
  ],
  ['PROFILE apoc.cypher.runWrite', "PROFILE CALL apoc.cypher.runWrite('CREATE (:Intruder)', {})"],
  ['PROFILE a file-reading function', "PROFILE RETURN apoc.util.md5(['x']) AS h"],
  [
    'PROFILE CALL { … } IN TRANSACTIONS',
    'PROFILE UNWIND range(1, 3) AS i CALL (i) { CREATE (:Intruder {i: i}) } IN TRANSACTIONS OF 2 ROWS',
  ],
  ['PROFILE USE system', 'PROFILE USE system MATCH (n) RETURN n'],
  ['PROFILE SHOW TRANSACTIONS', 'PROFILE SHOW TRANSACTIONS'],
  ['PROFILE CREATE INDEX', 'PROFILE CREATE INDEX intruder IF NOT EXISTS FOR (n:Intruder) ON (n.name)'],
  ['EXPLAIN CREATE (n)', 'EXPLAIN CREATE (n)'],
  ['EXPLAIN CALL dbms.components()', 'EXPLAIN CALL dbms.components()'],
  ['EXPLAIN PROFILE', 'EXPLAIN PROFILE CREATE (n)'],
  ['PROFILE PROFILE', 'PROFILE PROFILE CREATE (n)'],
];

function operators(plan: PlanJson): string[] {
  return [plan.operator, ...plan.children.flatMap(operators)];
}

describe('EXPLAIN and PROFILE through POST /api/cypher', () => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  let before: Fingerprint;

  beforeAll(async () => {
    ({ connection, app } = await seededApp());
    before = await fingerprint(connection);
    expect(before.nodes).toBeGreaterThan(100);
  });

  afterAll(async () => {
    await connection?.close();
  });

  const post = (body: Record<string, unknown>) => request(app).post('/api/cypher').send(body);

  it.each(REFUSED)('refuses %s with READ_ONLY', async (_what, query) => {
    const res = await post({ query }).expect(400);
    expect(res.body.error.code).toBe('READ_ONLY');
    expect(res.body.error.message).toMatch(/read-only/);
    expect(res.body.rows).toBeUndefined();
  });

  it('left the graph, its schema and its tokens exactly as they were', async () => {
    expect(await fingerprint(connection)).toEqual(before);
    const session = connection.driver.session({ database: connection.database });
    try {
      const intruders = await session.run('MATCH (n:Intruder) RETURN count(n) AS c');
      expect(intruders.records[0]!.get('c')).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('refuses a write even after the same text was profiled as a read (no verdict is shared)', async () => {
    await post({ query: 'PROFILE MATCH (p:Port) RETURN p.name AS name' }).expect(200);
    const res = await post({ query: 'PROFILE MATCH (p:Port) SET p.name = "x" RETURN p.name AS name' }).expect(
      400,
    );
    expect(res.body.error.code).toBe('READ_ONLY');
    expect(await fingerprint(connection)).toEqual(before);
  });

  it('answers EXPLAIN with a plan tree: operators, details and estimated rows, no rows run', async () => {
    const res = await post({
      query: "EXPLAIN MATCH (m:Measure)-[:MENTIONS]->(e:Entity {key: '香港'}) RETURN m.number AS n LIMIT 5",
    }).expect(200);
    expect(res.body.rows).toEqual([]);
    expect(res.body.summary.mode).toBe('explain');
    const plan = res.body.plan as PlanJson;
    expect(plan.operator).toBe('ProduceResults');
    const names = operators(plan);
    expect(names).toContain('Limit');
    // The plan's leaf reads the graph (which one depends on the statistics: a seek or a scan).
    expect(names.at(-1)).toMatch(/Seek|Scan/);
    expect(typeof plan.estimatedRows).toBe('number');
    expect(JSON.stringify(plan)).toContain('Entity');
    expect(plan.rows).toBeUndefined();
  });

  it('answers PROFILE with rows and the plan with rows and db hits per operator', async () => {
    const res = await post({ query: 'PROFILE MATCH (p:Port) RETURN p.name AS name ORDER BY name' }).expect(
      200,
    );
    expect(res.body.summary.mode).toBe('profile');
    expect(res.body.rows.length).toBeGreaterThan(0);
    const plan = res.body.plan as PlanJson;
    expect(plan.rows).toBe(res.body.rows.length);
    const leaf = (p: PlanJson): PlanJson => (p.children.length ? leaf(p.children[0]!) : p);
    expect(leaf(plan).dbHits).toBeGreaterThan(0);
  });

  it('holds PROFILE to the row cap of a run (the rows, without a profile: Neo4j has none for a cut result)', async () => {
    // Was a 500 NEO4J_ERROR ("This result has not been materialised yet") before the runner let go of it.
    const res = await post({ query: 'PROFILE UNWIND range(1, 5000) AS i RETURN i', maxRows: 10 }).expect(200);
    expect(res.body.rows).toHaveLength(10);
    expect(res.body.summary).toMatchObject({ rows: 10, truncated: true, maxRows: 10, mode: 'profile' });
    expect(res.body.plan).toBeUndefined();
    // The session is left clean: the next PROFILE has its plan.
    const next = await post({ query: 'PROFILE UNWIND range(1, 5) AS i RETURN i' }).expect(200);
    expect(next.body.plan.rows).toBe(5);
  });

  it('stops a slow PROFILE at its timeout like a run', async () => {
    const started = Date.now();
    const res = await post({
      query: 'PROFILE UNWIND range(1, 100000000) AS a UNWIND range(1, 100000000) AS b RETURN count(*) AS n',
      timeoutMs: 1000,
    }).expect(504);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.body.error.code).toBe('QUERY_TIMEOUT');
  });
});
