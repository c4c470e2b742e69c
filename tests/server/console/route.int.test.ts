/**
 * POST /api/cypher against the seed: reads answer {columns, rows, graph, summary}; every way of
 * writing is refused with a 400 and leaves the graph exactly as it was; the row cap is reported; a
 * slow query ends with an error that names the timeout.
 */
import Graph from 'graphology';
import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { unreachableConnection } from '../../../testkit/db';
import { seededApp } from '../../../testkit/seeded-app';
import { fingerprint as snapshot, type Fingerprint as Snapshot } from '../../../testkit/fingerprint';

const SEED = '2020-guangdong-hong-kong-cooperation-work-plan';

const WRITES: [string, string][] = [
  ['CREATE', 'CREATE (n:Intruder {name: "x"}) RETURN n'],
  ['create in lower case', 'create (n:Intruder)'],
  ['MERGE', "MERGE (e:Entity {key: '香港'}) ON MATCH SET e.name = 'changed' RETURN e"],
  ['DELETE', 'MATCH (n:Measure) WITH n LIMIT 1 OPTIONAL MATCH (n)-[r]-() DELETE r'],
  ['DETACH DELETE', 'MATCH (n) DETACH DELETE n'],
  ['SET a property', "MATCH (e:Entity) SET e.name = 'changed'"],
  ['SET a label', 'MATCH (e:Entity) SET e:Changed'],
  ['REMOVE', 'MATCH (e:Entity) REMOVE e.nameEn'],
  ['FOREACH … CREATE', 'FOREACH (i IN range(1, 3) | CREATE (:Intruder {i: i}))'],
  ['a write hidden after a read', 'MATCH (n) WITH n LIMIT 1 CREATE (m)'],
  ['a write hidden after a read, returning', 'MATCH (n) WITH n LIMIT 1 CREATE (m:Intruder) RETURN m'],
  ['a write inside a CALL subquery', 'MATCH (n:Document) CALL { CREATE (:Intruder) } RETURN count(n)'],
  [
    'a write after a comment',
    '// just reading\n/* really */ MATCH (d:Document) CREATE (d)-[:OWNS]->(:Intruder)',
  ],
  ['a write with query options', 'CYPHER 5 CREATE (:Intruder)'],
  ['CREATE INDEX', 'CREATE INDEX intruder IF NOT EXISTS FOR (n:Intruder) ON (n.name)'],
  ['CREATE CONSTRAINT', 'CREATE CONSTRAINT intruder FOR (n:Intruder) REQUIRE n.name IS UNIQUE'],
  ['DROP INDEX', 'DROP INDEX entity_name'],
  ['DROP CONSTRAINT', 'DROP CONSTRAINT entity_key'],
  [
    'CALL { … } IN TRANSACTIONS writing',
    'UNWIND range(1, 3) AS i CALL { WITH i CREATE (:Intruder {i: i}) } IN TRANSACTIONS OF 2 ROWS',
  ],
  [
    'CALL { … } IN TRANSACTIONS reading',
    'UNWIND [1] AS i CALL (i) { MATCH (n) RETURN count(n) AS c } IN TRANSACTIONS RETURN c',
  ],
  ['LOAD CSV', "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"],
  [
    'LOAD CSV … CREATE',
    "LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS row CREATE (:Intruder {v: row.v})",
  ],
  ['CALL dbms.components()', 'CALL dbms.components()'],
  ['CALL dbms.security.createUser', "CALL dbms.security.createUser('intruder', 'secretsecret', false)"],
  ['CALL dbms.* with backticks', 'CALL `dbms`.`listConfig`()'],
  ['CALL db.createLabel', "CALL db.createLabel('Intruder')"],
  ['CALL db.createProperty', "CALL db.createProperty('intruder')"],
  ['CALL db.createRelationshipType', "CALL db.createRelationshipType('INTRUDES')"],
  ['CALL db.clearQueryCaches', 'CALL db.clearQueryCaches()'],
  ['CALL tx.setMetaData', 'CALL tx.setMetaData({a: 1})'],
  ['CREATE USER', "CREATE USER intruder SET PASSWORD 'secretsecret'"],
  ['CREATE DATABASE', 'CREATE DATABASE intruder'],
  ['GRANT', 'GRANT ROLE admin TO intruder'],
  ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS'],
  ['TERMINATE TRANSACTIONS', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"],
  ['USE another database', 'USE system MATCH (n) RETURN n'],
  ['PROFILE', 'PROFILE CREATE (:Intruder)'],
  ['EXPLAIN', 'EXPLAIN CREATE (:Intruder)'],
];

describe('POST /api/cypher', () => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  const post = (body: unknown) =>
    request(app)
      .post('/api/cypher')
      .send(body as object);

  it('answers a read with columns, rows, a graphology graph and a summary', async () => {
    const res = await post({
      query: `MATCH p = (m:Measure {document: $document, number: '5'})-[r:MENTIONS]->(e:Entity {key: '东莞港'})
              RETURN m.number AS number, e, r, p`,
      params: { document: SEED },
    }).expect(200);
    expect(res.body.columns).toEqual(['number', 'e', 'r', 'p']);
    expect(res.body.rows).toHaveLength(1);
    const [row] = res.body.rows;
    expect(row.number).toBe('5');
    expect(row.e).toMatchObject({
      elementId: expect.any(String),
      labels: expect.arrayContaining(['Entity', 'Port']),
      properties: { key: '东莞港', name: '東莞港', nameEn: 'Dongguan Port' },
    });
    expect(row.r).toMatchObject({
      type: 'MENTIONS',
      startNodeElementId: row.p.nodes[0].elementId,
      endNodeElementId: row.e.elementId,
      properties: { spans: [9, 12], surface: ['東莞港'] },
    });
    expect(row.p.nodes.map((n: { labels: string[] }) => n.labels[0])).toEqual(['Measure', 'Entity']);
    expect(row.p.relationships).toEqual([row.r]);

    const graph = Graph.from(res.body.graph);
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(1);
    expect(graph.getNodeAttributes('东莞港')).toMatchObject({ label: 'Port', name: '東莞港' });
    expect(graph.getNodeAttributes(`${SEED}/m5`)).toMatchObject({
      label: 'Measure',
      number: '5',
      name: expect.stringMatching(/^2020·一、5\. 推進香港國際機場/),
    });
    expect(graph.getEdgeAttributes(`${SEED}/m5-MENTIONS->东莞港`)).toMatchObject({
      type: 'MENTIONS',
      spans: [[9, 12]],
    });
    expect(res.body.summary).toMatchObject({
      rows: 1,
      truncated: false,
      maxRows: 1000,
      timeoutMs: 5000,
      queryType: 'r',
      nodes: 2,
      relationships: 1,
    });
  });

  it('converts integers, temporal values, points, lists and maps to plain JSON', async () => {
    const res = await post({
      query: `RETURN $n + 1 AS n, 2.5 AS f, date('2020-10-30') AS date,
              datetime('2020-10-30T08:00:00Z') AS datetime, localdatetime('2020-10-30T08:00:00') AS local,
              time('08:00:00+08:00') AS time, duration('P1D') AS duration, point({x: 1, y: 2}) AS point,
              [1, 'a', null] AS list, {a: {b: [true]}} AS map, range(1, $n)[..2] AS firsts`,
      params: { n: 41 },
    }).expect(200);
    expect(res.body.rows[0]).toEqual({
      n: 42,
      f: 2.5,
      date: '2020-10-30',
      datetime: '2020-10-30T08:00:00Z',
      local: '2020-10-30T08:00:00',
      time: '08:00:00+08:00',
      duration: 'P1D',
      point: { srid: 7203, x: 1, y: 2 },
      list: [1, 'a', null],
      map: { a: { b: [true] } },
      firsts: [1, 2],
    });
  });

  it('keeps every digit of integers beyond 2^53 and temporal values far from today', async () => {
    const res = await post({
      query: `RETURN 9223372036854775807 AS big, datetime({year: 999999999}) AS far,
              duration({seconds: 9223372036854775807}) AS long`,
    }).expect(200);
    expect(res.body.rows[0]).toEqual({
      big: '9223372036854775807',
      far: '+999999999-01-01T00:00:00Z',
      long: 'PT2562047788015215H30M7S',
    });
  });

  it('takes whole-number parameters as integers (LIMIT $n)', async () => {
    const res = await post({
      query: 'MATCH (m:Measure) RETURN m.number AS n LIMIT $limit',
      params: { limit: 3 },
    }).expect(200);
    expect(res.body.rows).toHaveLength(3);
  });

  it.each([
    ['a keyword inside a string', "MATCH (e:Entity) WHERE e.name <> 'CREATE (x) SET y' RETURN count(e) AS c"],
    ['a write in a comment', '// CREATE (x)\nMATCH (n) RETURN count(n) AS c'],
    ['SHOW INDEXES', 'SHOW INDEXES YIELD name RETURN name'],
    ['CALL db.labels()', 'CALL db.labels() YIELD label RETURN label'],
    [
      'a full-text search',
      "CALL db.index.fulltext.queryNodes('entity_names', '港珠澳') YIELD node RETURN node.name AS name",
    ],
    ['properties called set and create', 'MATCH (n:Document) RETURN n.set AS s, n.create AS c'],
  ])('runs reads that only look like writes: %s', async (_what, query) => {
    const res = await post({ query }).expect(200);
    expect(res.body.summary.queryType).toBe('r');
  });

  describe('refuses every way of writing, with a 400 and the graph unchanged', () => {
    let before: Snapshot;
    beforeAll(async () => {
      before = await snapshot(connection);
      expect(before.nodes).toBeGreaterThan(100);
    });

    it.each(WRITES)('%s', async (_what, query) => {
      const res = await post({ query }).expect(400);
      expect(res.body.error.code).toBe('READ_ONLY');
      expect(res.body.error.message).toMatch(/read-only/);
      expect(res.body.error.message.length).toBeLessThan(300);
    });

    it('names the clause that writes', async () => {
      const res = await post({ query: 'MATCH (n) WITH n LIMIT 1 CREATE (m)' }).expect(400);
      expect(res.body.error.message).toBe(
        "The query writes to the graph (CREATE) (query type 'w'); /api/cypher is read-only",
      );
      const returning = await post({ query: 'MATCH (n) WITH n LIMIT 1 CREATE (m) RETURN m' }).expect(400);
      expect(returning.body.error.message).toMatch(/\(CREATE\) \(query type 'rw'\)/);
      const merge = await post({ query: "MERGE (e:Entity {key: 'x'})" }).expect(400);
      expect(merge.body.error.message).toMatch(/\(MERGE\)/);
      const schema = await post({ query: 'DROP INDEX entity_name' }).expect(400);
      expect(schema.body.error.message).toMatch(/changes the schema.*query type 's'/);
      const load = await post({ query: "LOAD CSV FROM 'file:///x' AS row RETURN row" }).expect(400);
      expect(load.body.error.message).toMatch(/LOAD CSV is not allowed/);
    });

    it('through the named queries route too: only the files run, with parameters as values', async () => {
      await request(app)
        .post('/api/queries/measures-touching')
        .send({ params: { name: "x' }) DETACH DELETE (n) //" } })
        .expect(200);
    });

    afterAll(async () => {
      expect(await snapshot(connection)).toEqual(before);
      const session = connection.driver.session({ database: connection.database });
      try {
        const intruders = await session.run('MATCH (n:Intruder) RETURN count(n) AS c');
        expect(intruders.records[0]!.get('c')).toBe(0);
      } finally {
        await session.close();
      }
    });
  });

  it('caps the rows at 1000 by default and says so', async () => {
    const res = await post({ query: 'UNWIND range(1, 5000) AS i RETURN i' }).expect(200);
    expect(res.body.rows).toHaveLength(1000);
    expect(res.body.rows.at(-1)).toEqual({ i: 1000 });
    expect(res.body.summary).toMatchObject({ rows: 1000, truncated: true, maxRows: 1000 });

    const small = await post({ query: 'UNWIND range(1, 5000) AS i RETURN i', maxRows: 10 }).expect(200);
    expect(small.body.summary).toMatchObject({ rows: 10, truncated: true, maxRows: 10 });
    const exact = await post({ query: 'UNWIND range(1, 10) AS i RETURN i', maxRows: 10 }).expect(200);
    expect(exact.body.summary).toMatchObject({ rows: 10, truncated: false });
  });

  it('stops a slow query at its timeout with an error that names the timeout', async () => {
    const started = Date.now();
    const res = await post({
      query: 'UNWIND range(1, 100000000) AS a UNWIND range(1, 100000000) AS b RETURN count(*) AS n',
      timeoutMs: 1000,
    }).expect(504);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.body.error).toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(res.body.error.message).toMatch(/timeout of 1000 ms/);
  });

  it('uses a 5 s timeout by default', async () => {
    const started = Date.now();
    const res = await post({
      query: 'UNWIND range(1, 100000000) AS a UNWIND range(1, 100000000) AS b RETURN count(*) AS n',
    }).expect(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.body.error.message).toMatch(/timeout of 5000 ms/);
    // The connection is fine afterwards.
    await post({ query: 'RETURN 1 AS one' }).expect(200);
  });

  it('answers a syntax error with 400 and the position in the query as sent', async () => {
    const res = await post({ query: 'MATCH (n RETURN n' }).expect(400);
    expect(res.body.error.code).toBe('CYPHER_SYNTAX');
    expect(res.body.error.message).toMatch(/line 1, column 10 \(offset: 9\)/);
    expect(res.body.error.message).toContain(`"MATCH (n RETURN n"\n${' '.repeat(10)}^`);
    expect(res.body.error.message).not.toMatch(/EXPLAIN/);
    const second = await post({ query: 'MATCH (n)\nRETURN m' }).expect(400);
    expect(second.body.error.message).toMatch(/line 2, column 8 \(offset: 17\)/);
  });

  it('answers other query errors with 400', async () => {
    const missing = await post({ query: 'RETURN $who AS who' }).expect(400);
    expect(missing.body.error).toMatchObject({ code: 'BAD_PARAMETER', param: 'who' });
    const unknown = await post({ query: 'CALL no.such.procedure()' }).expect(400);
    expect(unknown.body.error.code).toBe('READ_ONLY');
    const noIndex = await post({ query: "CALL db.index.fulltext.queryNodes('no_such_index', 'x')" }).expect(
      400,
    );
    expect(noIndex.body.error.code).toBe('CYPHER_ERROR');
    const runtime = await post({ query: 'UNWIND [1, 0] AS x RETURN 1 / x AS y' }).expect(400);
    expect(runtime.body.error.message).toMatch(/by zero/);
  });

  it.each([
    [{}, 'query'],
    [{ query: '   ' }, 'query'],
    [{ query: 42 }, 'query'],
    [{ query: 'RETURN 1', params: [1] }, 'params'],
    [{ query: 'RETURN 1', params: 'x' }, 'params'],
    [{ query: 'RETURN 1', maxRows: 0 }, 'maxRows'],
    [{ query: 'RETURN 1', maxRows: 10_001 }, 'maxRows'],
    [{ query: 'RETURN 1', timeoutMs: 'soon' }, 'timeoutMs'],
    [{ query: 'RETURN 1', timeoutMs: 60_001 }, 'timeoutMs'],
    [{ query: `RETURN 1 // ${'x'.repeat(20_001)}` }, 'query'],
  ])('refuses the body %j with 400 naming %s', async (body, param) => {
    const res = await post(body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param });
  });

  it('refuses a body that is not a JSON object', async () => {
    const res = await post([1, 2]).expect(400);
    expect(res.body.error.param).toBe('body');
  });

  it('answers 503 when Neo4j is unreachable', async () => {
    const down = await unreachableConnection();
    const res = await request(createApp({ connection: down }))
      .post('/api/cypher')
      .send({ query: 'RETURN 1 AS one' })
      .expect(503);
    expect(res.body.error.code).toBe('NEO4J_UNAVAILABLE');
  });
});
