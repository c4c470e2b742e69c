/**
 * The numbered migrations in cypher/migrations/: `NNNN_name.cypher`, applied in number order. Each is
 * the same text an analyst runs with cypher-shell, and each is idempotent (`IF NOT EXISTS`, renames
 * guarded by `WHERE n.old IS NOT NULL`), so running one again, by hand or on a graph from before
 * migrations were recorded, changes nothing. A file is schema statements (constraints and indexes)
 * followed by data statements (property renames): Neo4j commits each schema statement on its own,
 * and the data statements commit together with the migration's record (store/migrations/migrate.ts).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../repo';
import { splitStatements } from './statements';

export interface Statement {
  text: string;
  /** 1-based line of the file where the statement starts. */
  line: number;
  schema: boolean;
}

export interface Migration {
  number: number;
  /** The file name without its number and extension: `schema` for 0001_schema.cypher. */
  name: string;
  /** Path as shown in messages: relative to the repository when inside it. */
  file: string;
  /** SHA-256 of the file's bytes, recorded with the migration. */
  checksum: string;
  statements: Statement[];
}

const FILE_NAME = /^(\d{4})_([a-z0-9][a-z0-9_-]*)\.cypher$/;
const SCHEMA_STATEMENT =
  /^(CREATE|DROP)\s+(OR\s+REPLACE\s+)?((RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR)\s+)?(INDEX|CONSTRAINT)\b/i;

export function isSchemaStatement(statement: string): boolean {
  return SCHEMA_STATEMENT.test(statement);
}

function shown(file: string): string {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

export function parseMigration(file: string, text: string): Migration {
  const match = FILE_NAME.exec(path.basename(file));
  if (!match)
    throw new Error(
      `${shown(file)}: a migration's file name is NNNN_name.cypher (e.g. 0003_rename_x.cypher)`,
    );
  const statements = splitStatements(text).map(({ text, line }) => ({
    text,
    line,
    schema: isSchemaStatement(text),
  }));
  const firstData = statements.findIndex((s) => !s.schema);
  const lateSchema = firstData < 0 ? undefined : statements.slice(firstData).find((s) => s.schema);
  if (lateSchema)
    throw new Error(
      `${shown(file)}:${lateSchema.line}: schema statements come before the data statements of a migration ` +
        '(the data statements commit together with its record)',
    );
  return {
    number: Number(match[1]),
    name: match[2]!,
    file: shown(file),
    checksum: createHash('sha256').update(text).digest('hex'),
    statements,
  };
}

/** Every migration in `dir`, in number order; two files with one number are an error naming both. */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.cypher')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    migrations.push(parseMigration(file, await readFile(file, 'utf8')));
  }
  migrations.sort((a, b) => a.number - b.number);
  for (let i = 1; i < migrations.length; i++)
    if (migrations[i]!.number === migrations[i - 1]!.number)
      throw new Error(
        `${migrations[i - 1]!.file} and ${migrations[i]!.file}: two migrations numbered ${migrations[i]!.number}`,
      );
  return migrations;
}
