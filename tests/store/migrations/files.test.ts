import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../../../store/repo';
import { isSchemaStatement, parseMigration, readMigrations } from '../../../store/migrations/files';
import { splitStatements } from '../../../store/migrations/statements';

describe('splitStatements', () => {
  it('drops comment lines and splits on semicolons at line ends, keeping multi-line statements whole with their first line', () => {
    const script = '// header\nCREATE A;\n// note\n\nCREATE B\n  OPTIONS {x: 1};\n\n';
    expect(splitStatements(script)).toEqual([
      { text: 'CREATE A', line: 2 },
      { text: 'CREATE B\n  OPTIONS {x: 1}', line: 5 },
    ]);
  });
});

describe('the migrations in cypher/migrations/', () => {
  it('are numbered from 1 without gaps, schema first, and every schema statement is idempotent', async () => {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    expect(migrations.map((m) => m.number)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]).toMatchObject({
      number: 1,
      name: 'schema',
      file: 'cypher/migrations/0001_schema.cypher',
    });
    expect(migrations[0]!.statements.length).toBeGreaterThanOrEqual(8);
    for (const m of migrations)
      for (const s of m.statements.filter((s) => s.schema)) expect(s.text).toMatch(/IF (NOT )?EXISTS/);
    expect(migrations[0]!.statements.filter((s) => s.text.includes("'cjk'"))).toHaveLength(2);
  });

  it('each record the SHA-256 of its file', async () => {
    const [first] = await readMigrations(MIGRATIONS_DIR);
    const bytes = readFileSync(path.join(MIGRATIONS_DIR, readdirSync(MIGRATIONS_DIR).sort()[0]!));
    expect(first!.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('parseMigration', () => {
  it('tells schema statements from data statements', () => {
    expect(isSchemaStatement('CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.k IS UNIQUE')).toBe(true);
    expect(isSchemaStatement('CREATE FULLTEXT INDEX b IF NOT EXISTS FOR (n:A) ON EACH [n.t]')).toBe(true);
    expect(isSchemaStatement('drop index c if exists')).toBe(true);
    expect(isSchemaStatement('MATCH (n:A) WHERE n.old IS NOT NULL SET n.new = n.old REMOVE n.old')).toBe(
      false,
    );
    expect(isSchemaStatement('CREATE (:Index)')).toBe(false);
  });

  it('refuses a file name without its number, naming the file', () => {
    expect(() => parseMigration('/tmp/x/rename.cypher', 'RETURN 1;')).toThrow(
      /\/tmp\/x\/rename\.cypher: a migration's file name is NNNN_name\.cypher/,
    );
  });

  it('refuses a schema statement after a data statement, naming the file and line', () => {
    const text = '// m\nMATCH (n:A) SET n.b = 1;\nCREATE INDEX x IF NOT EXISTS FOR (n:A) ON (n.b);\n';
    expect(() => parseMigration('/tmp/x/0007_mixed.cypher', text)).toThrow(
      /\/tmp\/x\/0007_mixed\.cypher:3: schema statements come before the data statements/,
    );
  });
});
