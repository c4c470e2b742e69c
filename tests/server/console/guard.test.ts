/**
 * The guard's text check and plan judgement without a database: the fuzz corpus's text-refusable
 * attacks are refused however they are spelled, reads analysts need pass, and judgePlan refuses by
 * operator, procedure, database and query type.
 */
import fc from 'fast-check';
import {
  inspectQuery,
  judgeFunctions,
  judgePlan,
  procedureOf,
  writeClause,
  type DriverPlan,
} from '../../../server/console/guard';
import { ApiError } from '../../../server/http/errors';
import { ATTACKS, anyAttack } from '../../../testkit/attacks';

const targets = { file: 'file:///etc/passwd', url: 'http://127.0.0.1:1/x.csv' };

function refusal(query: string): ApiError | null {
  try {
    inspectQuery(query);
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

describe('inspectQuery: the text check', () => {
  it('refuses every spelling of every text-refusable attack with a 400', () => {
    fc.assert(
      fc.property(
        anyAttack(targets, (a) => a.refusedByText),
        ({ query }) => {
          const error = refusal(query);
          expect(error?.status).toBe(400);
          expect(['READ_ONLY', 'BAD_PARAMETER']).toContain(error?.code);
        },
      ),
      { numRuns: 2000, seed: 20261204 },
    );
  });

  it.each([
    [
      'a // comment ended by CR',
      "// x\rLOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
      /LOAD CSV is not allowed/,
    ],
    [
      'U+001F as a separator',
      "LOAD\u001fCSV FROM 'file:///etc/passwd' AS r RETURN r",
      /control character U\+001F/,
    ],
    [
      'U+2028 as a separator',
      "LOAD\u2028CSV FROM 'file:///etc/passwd' AS r RETURN r",
      /LOAD CSV is not allowed/,
    ],
    ['backticked dbms procedure', 'CALL `dbms`.`listConfig`()', /procedure dbms\.listConfig is not allowed/],
    ['SHOW TRANSACTIONS after a comment', '/* */SHOW TRANSACTIONS', /SHOW TRANSACTIONS is not allowed/],
    ['the debug option', 'CYPHER debug=tostring MATCH (n) RETURN n', /query option debug/],
    ['EXPLAIN and PROFILE together', 'EXPLAIN PROFILE MATCH (n) RETURN n', /cannot be combined/],
    [
      'an escape hiding a name',
      'RETURN point.di\\u0073tance(point({x: 0, y: 0}), point({x: 3, y: 4}))',
      /Escapes/,
    ],
    ['an escape in a backticked name', 'RETURN `apoc`.`te\\u0078t`.join([], "")', /Escapes/],
    [
      'brackets nested 200 deep',
      `RETURN ${'['.repeat(200)}1${']'.repeat(200)} AS x`,
      /nests brackets more than 64/,
    ],
    [
      'more SHOW words before TRANSACTIONS',
      'SHOW TRANSACTIONS [indexes IN ["x"] | indexes]',
      /SHOW TRANSACTIONS/,
    ],
  ])('refuses %s, naming it', (_what, query, message) => {
    expect(refusal(query)?.message).toMatch(message);
  });

  it.each([
    'MATCH (n:Entity) RETURN n.name LIMIT 5',
    "MATCH (e:Entity) WHERE e.name <> 'LOAD CSV FROM x' RETURN count(e)",
    '// LOAD CSV FROM "file:///etc/passwd"\nMATCH (n) RETURN count(n)',
    'CALL db.labels() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('entity_names', '港珠澳') YIELD node RETURN node.name",
    'SHOW INDEXES YIELD name RETURN name',
    'EXPLAIN MATCH (n) RETURN n',
    'PROFILE MATCH (n) RETURN n',
    'CYPHER 5 runtime=slotted MATCH (n) RETURN n',
    'MATCH (n) WHERE n.load = 1 AND n.transactions IN [1] RETURN n.terminate',
    'RETURN point.distance(point({x: 1, y: 1}), point({x: 2, y: 2})) AS d',
    'MATCH p = (a)-[*1..3]->(b) RETURN p LIMIT 1',
  ])('lets a read through: %s', (query) => {
    expect(refusal(query)).toBeNull();
  });

  it('asks EXPLAIN about the query with offsets kept', () => {
    expect(inspectQuery('MATCH (n) RETURN n')).toMatchObject({
      mode: 'run',
      checkStatement: 'EXPLAIN MATCH (n) RETURN n',
      checkShift: 8,
    });
    expect(inspectQuery('PROFILE MATCH (n) RETURN n')).toMatchObject({
      mode: 'profile',
      checkStatement: 'EXPLAIN MATCH (n) RETURN n',
      checkShift: 0,
    });
    expect(inspectQuery('RETURN apoc.text.join([], "") AS x').functions).toEqual(['apoc.text.join']);
    // As a map's value too, where a check for labels (`:Label`) once skipped it.
    expect(
      inspectQuery('RETURN {d: apoc.cypher.runFirstColumnSingle("RETURN 1", {})} AS x').functions,
    ).toEqual(['apoc.cypher.runFirstColumnSingle']);
  });
});

const node = (operatorType: string, children: DriverPlan[] = [], details?: string): DriverPlan => ({
  operatorType,
  arguments: details ? { Details: details } : {},
  children,
});

describe('judgePlan: the decision on what Neo4j will execute', () => {
  const context = { database: 'neo4j', builtInFunctions: new Set(['point.distance']) };
  const judge =
    (plan: DriverPlan, type = 'r') =>
    () =>
      judgePlan('MATCH (n) RETURN n', type, plan, context);

  it('passes a plan of read operators', () => {
    expect(
      judge(node('ProduceResults@neo4j', [node('Expand(All)@neo4j', [node('NodeByLabelScan@neo4j')])])),
    ).not.toThrow();
    expect(
      judge(node('ProduceResults@neo4j', [node('VarLengthExpand(Pruning,BFS,All)@neo4j')])),
    ).not.toThrow();
  });

  it.each([
    ['LoadCSV', node('ProduceResults@neo4j', [node('LoadCSV@neo4j')]), /operator LoadCSV/],
    ['ShowTransactions', node('ProduceResults@neo4j', [node('ShowTransactions@neo4j')]), /ShowTransactions/],
    ['TerminateTransactions', node('TerminateTransactions@neo4j'), /TerminateTransactions/],
    ['ShowSettings', node('ShowSettings@neo4j'), /ShowSettings/],
    ['TransactionApply', node('ProduceResults@neo4j', [node('TransactionApply@neo4j')]), /TransactionApply/],
    ['an unknown operator', node('SomethingNew@neo4j'), /SomethingNew/],
    ['another database', node('ProduceResults@system'), /database system/],
    [
      'a procedure off the list',
      node('ProcedureCall@neo4j', [], 'dbms.listConfig() :: (name :: STRING)'),
      /procedure dbms\.listConfig/,
    ],
  ])('refuses %s deep in the plan', (_what, plan, message) => {
    expect(
      judge(node('ProduceResults@neo4j', [node('Apply@neo4j', [node('Argument@neo4j'), plan])])),
    ).toThrow(message);
  });

  it('refuses by query type, naming the clause that writes', () => {
    expect(() => judgePlan('MATCH (n) SET n.x = 1', 'w', node('ProduceResults@neo4j'), context)).toThrow(
      "The query writes to the graph (SET) (query type 'w'); /api/cypher is read-only",
    );
    expect(() => judgePlan('DROP INDEX x', 's', node('DropIndex@neo4j'), context)).toThrow(
      /\(DROP\).*query type 's'/,
    );
    expect(writeClause('MATCH (n) // SET\nDETACH DELETE n')).toBe('DETACH DELETE');
  });

  it('refuses functions Neo4j resolved in the plan that are not built in, wherever they stand', () => {
    const withCall = (details: string) =>
      node('ProduceResults@neo4j', [node('Projection@neo4j', [node('Argument@neo4j')], details)]);
    expect(judge(withCall('point.distance(point({x: 0}), point({x: 1})) AS d'))).not.toThrow();
    expect(judge(withCall('apoc.cypher.runFirstColumnSingle($autostring_0, {}) AS x'))).toThrow(
      /apoc\.cypher\.runFirstColumnSingle is not one of Neo4j's built-in functions/,
    );
    const procedure = node(
      'ProcedureCall@neo4j',
      [],
      "db.index.fulltext.queryNodes(apoc.text.join(['a'], ''), $q) :: (node :: NODE)",
    );
    expect(judge(node('ProduceResults@neo4j', [procedure]))).toThrow(/apoc\.text\.join/);
  });

  it('reads procedure names off plans', () => {
    expect(procedureOf(node('ProcedureCall@neo4j', [], 'db.labels() :: (label :: STRING)'))).toBe(
      'db.labels',
    );
  });

  it('refuses functions that are not built in', () => {
    const builtIn = new Set(['point.distance']);
    expect(() => judgeFunctions(['point.distance'], builtIn)).not.toThrow();
    expect(() => judgeFunctions(['apoc.cypher.runFirstColumnSingle'], builtIn)).toThrow(
      /not one of Neo4j's built-in/,
    );
  });

  it('covers every attack of the corpus with a name', () => {
    expect(new Set(ATTACKS.map((a) => a.name)).size).toBe(ATTACKS.length);
  });
});
