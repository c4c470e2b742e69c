/**
 * Migrations against the real Neo4j: a fresh graph, a graph from the previous release (0.1.0 applied
 * cypher/schema.cypher at every start and recorded nothing), a second start, a graph from a newer
 * release, a data migration (a property rename, in a folder of this test's own) and failing ones.
 * The test takes the shared test database's schema apart, and leaves it migrated as it found it.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '../../../store/connection';
import { readMigrations } from '../../../store/migrations/files';
import { MigrationError, NewerSchemaError, applySchema } from '../../../store/schema';
import { MIGRATIONS_DIR } from '../../../store/repo';
import { fingerprint } from '../../../testkit/fingerprint';
import { testConnection } from '../../../testkit/db';

let connection: Connection;

async function run(cypher: string, params: Record<string, unknown> = {}) {
  const session = connection.driver.session({ database: connection.database });
  try {
    return (await session.run(cypher, params)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

/** An empty database without constraints or indexes (but Neo4j's own lookup indexes). */
async function emptyDatabase(): Promise<void> {
  await run('MATCH (n) DETACH DELETE n');
  for (const { name } of await run('SHOW CONSTRAINTS YIELD name'))
    await run(`DROP CONSTRAINT \`${String(name)}\``);
  for (const { name } of await run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"))
    await run(`DROP INDEX \`${String(name)}\``);
}

const schemaNames = async () =>
  [
    ...(await run('SHOW CONSTRAINTS YIELD name RETURN name')),
    ...(await run('SHOW INDEXES YIELD name RETURN name')),
  ]
    .map((r) => String(r.name))
    .sort();

const records = async () =>
  (
    await run(
      'MATCH (m:Migration) RETURN m.number AS n, m.name AS name, toString(m.appliedAt) AS at ORDER BY n',
    )
  ).map((r) => ({ number: Number(r.n), name: r.name, at: r.at }));

/** Data a user of 0.1.0 had: two documents, a measure, an entity with aliases. */
async function someData(): Promise<void> {
  await run(`
    CREATE (d:Document {key: 'plan-2020', title: '粵港合作2020年重點工作', sha256: 'ab12', year: 2020})
    CREATE (e:Document {key: 'plan-2021', title: '粵港合作2021年重點工作', sha256: 'cd34', year: 2021})
    CREATE (m:Measure {key: 'plan-2020/1', document: 'plan-2020', number: 1, text: '推進港珠澳大橋建設'})
    CREATE (n:Entity:Project {key: 'project:港珠澳大桥', name: '港珠澳大桥', aliases: ['港珠澳大橋']})
    CREATE (d)-[:HAS_MEASURE]->(m), (m)-[:MENTIONS]->(n), (d)-[:CONTINUES {kind: 'yearly'}]->(e)`);
}

/** A folder holding this release's migrations and `extra` files after them. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
  for (const m of await readMigrations(MIGRATIONS_DIR))
    await copyFile(path.join(MIGRATIONS_DIR, path.basename(m.file)), path.join(dir, path.basename(m.file)));
  for (const [name, text] of Object.entries(extra)) await writeFile(path.join(dir, name), text);
  return dir;
}

let known: number;
const folders: string[] = [];

beforeAll(async () => {
  connection = await testConnection();
  known = (await readMigrations(MIGRATIONS_DIR)).length;
});

afterAll(async () => {
  // Leave the shared test database as every other test expects it: empty, migrated by this release.
  await emptyDatabase();
  await applySchema(connection);
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
  await connection.close();
});

describe('schema migrations', () => {
  it('a fresh database gets every migration, each recorded with its checksum', async () => {
    await emptyDatabase();
    const result = await applySchema(connection);
    expect(result.applied.map((m) => m.number)).toEqual([...Array(known).keys()].map((i) => i + 1));
    expect(result.version).toBe(known);
    const rows = await run('MATCH (m:Migration) RETURN m.number AS n, m.checksum AS c ORDER BY n');
    expect(rows.map((r) => [Number(r.n), r.c])).toEqual(result.applied.map((m) => [m.number, m.checksum]));
    expect(await schemaNames()).toEqual(
      expect.arrayContaining([
        'document_key',
        'measure_key',
        'entity_names',
        'measure_text',
        'migration_number',
      ]),
    );
  });

  it('running again applies nothing and leaves the records as they were', async () => {
    const before = await records();
    const schema = await schemaNames();
    const result = await applySchema(connection);
    expect(result).toEqual({ applied: [], version: known });
    expect(await records()).toEqual(before);
    expect(await schemaNames()).toEqual(schema);
  });

  it('opens a database from the previous release (schema applied the old way, no records) without loss', async () => {
    await emptyDatabase();
    // 0.1.0's start: cypher/schema.cypher's statements (now migration 1) run as they are, nothing
    // recorded; a data folder older still has measure_text without eventual consistency.
    const [first] = await readMigrations(MIGRATIONS_DIR);
    for (const s of first!.statements)
      await run(
        s.text.includes('measure_text')
          ? s.text.replace(/,\s*`fulltext\.eventually_consistent`: true/, '')
          : s.text,
      );
    await run('CALL db.awaitIndexes(300)');
    await someData();
    const data = await fingerprint(connection);
    const consistent = async () =>
      (await run("SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'measure_text' RETURN options"))[0]!
        .options as { indexConfig: Record<string, unknown> };
    expect((await consistent()).indexConfig['fulltext.eventually_consistent']).toBe(false);

    const result = await applySchema(connection);

    expect(result.applied.map((m) => m.number)).toEqual([...Array(known).keys()].map((i) => i + 1));
    const after = await run('MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n');
    expect(Number(after[0]!.n)).toBe(data.nodes);
    await run('MATCH (m:Migration) SET m:Hidden REMOVE m:Migration');
    try {
      const migrated = await fingerprint(connection);
      expect({ nodes: migrated.nodes - known, relationships: migrated.relationships }).toEqual({
        nodes: data.nodes,
        relationships: data.relationships,
      });
      const dataOnly = await run(
        'MATCH (n) WHERE NOT n:Hidden RETURN labels(n) AS l, properties(n) AS p ORDER BY n.key',
      );
      expect(dataOnly).toHaveLength(4);
      expect(dataOnly.map((r) => r.p)).toContainEqual(
        expect.objectContaining({ key: 'plan-2020', title: '粵港合作2020年重點工作', sha256: 'ab12' }),
      );
    } finally {
      await run('MATCH (m:Hidden) SET m:Migration REMOVE m:Hidden');
    }
    expect((await consistent()).indexConfig['fulltext.eventually_consistent']).toBe(true);
    // The rebuilt index finds the old measure.
    await run('CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()');
    const hits = await run(
      "CALL db.index.fulltext.queryNodes('measure_text', '港珠澳') YIELD node RETURN node.key AS key",
    );
    expect(hits.map((h) => h.key)).toEqual(['plan-2020/1']);
    expect((await applySchema(connection)).applied).toEqual([]);
  });

  it('applies a data migration (a property rename) once, with the data it renames', async () => {
    const dir = await migrationsWith({
      '0099_title_to_name.cypher':
        '// A test rename: Document.title becomes Document.fullTitle.\n' +
        'CREATE INDEX document_full_title IF NOT EXISTS FOR (d:Document) ON (d.fullTitle);\n' +
        'MATCH (d:Document) WHERE d.title IS NOT NULL\n  SET d.fullTitle = d.title REMOVE d.title;\n',
    });
    folders.push(dir);
    const result = await applySchema(connection, dir);
    expect(result.applied.map((m) => [m.number, m.name])).toEqual([[99, 'title_to_name']]);
    expect(await run('MATCH (d:Document) RETURN d.title AS t, d.fullTitle AS f ORDER BY d.key')).toEqual([
      { t: null, f: '粵港合作2020年重點工作' },
      { t: null, f: '粵港合作2021年重點工作' },
    ]);
    expect((await applySchema(connection, dir)).applied).toEqual([]);
  });

  it('refuses a database a newer release migrated, naming both versions, and changes nothing', async () => {
    // The graph now records migration 99, which this release's folder does not have.
    const before = await fingerprint(connection);
    const error = await applySchema(connection).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewerSchemaError);
    const last = (await readMigrations(MIGRATIONS_DIR)).at(-1)!;
    expect((error as Error).message).toContain(`its schema is at migration 99 (title_to_name)`);
    expect((error as Error).message).toContain(`knows migrations up to ${last.number} (${last.name})`);
    expect(await fingerprint(connection)).toEqual(before);
  });

  it('a failing data statement is named with its file and line, and nothing of its migration is kept', async () => {
    const dir = await migrationsWith({
      '0100_broken.cypher':
        'CREATE INDEX broken_first IF NOT EXISTS FOR (d:Document) ON (d.broken);\n' +
        'MATCH (d:Document) SET d.broken = true;\n' +
        '// a division by zero for every document\n' +
        'MATCH (d:Document)\n  SET d.ratio = 1 / (d.year - d.year);\n',
    });
    folders.push(dir);
    await run('MATCH (d:Document) SET d.year = 2020');
    const before = {
      data: await fingerprint(connection),
      records: await records(),
      schema: await schemaNames(),
    };

    const error = await applySchema(connection, dir).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as Error).message;
    expect(message).toContain(`${path.join(dir, '0100_broken.cypher')}:4: MATCH (d:Document) …`);
    expect(message).toMatch(/migration 100 \(broken\) failed/);
    expect(message).toMatch(/\/ by zero|division by zero/i);
    expect(message).toContain('The graph stays at migration 99');
    const after = await fingerprint(connection);
    expect({ nodes: after.nodes, relationships: after.relationships, hash: after.hash }).toEqual({
      nodes: before.data.nodes,
      relationships: before.data.relationships,
      hash: before.data.hash,
    });
    expect(await records()).toEqual(before.records);
    expect(await schemaNames()).toEqual(before.schema);
  });

  it('a failing schema statement undoes the statements before it, and records nothing', async () => {
    await run('CREATE (:Duplicate {v: 1}), (:Duplicate {v: 1})');
    const dir = await migrationsWith({
      '0100_unique.cypher':
        'CREATE INDEX unique_first IF NOT EXISTS FOR (d:Document) ON (d.first);\n' +
        'DROP INDEX document_full_title IF EXISTS;\n' +
        'CREATE CONSTRAINT duplicate_v IF NOT EXISTS FOR (d:Duplicate) REQUIRE d.v IS UNIQUE;\n',
    });
    folders.push(dir);
    const before = { records: await records(), schema: await schemaNames() };
    expect(before.schema).toContain('document_full_title');

    const error = await applySchema(connection, dir).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain(
      `${path.join(dir, '0100_unique.cypher')}:3: CREATE CONSTRAINT duplicate_v IF NOT EXISTS`,
    );
    expect(await records()).toEqual(before.records);
    expect(await schemaNames()).toEqual(before.schema);
  });
});
