/**
 * Brings a graph's schema up to the code's: applies the migrations of cypher/migrations/ it has not
 * recorded, in number order, each once, and records each as a `(:Migration {number, name, checksum,
 * appliedAt})` node (docs/DESIGN.md, "Schema migrations"). A graph whose records name a migration
 * newer than the code knows is refused, naming both. A migration that fails leaves nothing of itself:
 * its schema statements are undone (what it created dropped, what it dropped made again from the
 * statement Neo4j gives for it), its data statements roll back with the record they commit with.
 */
import neo4j, { type Session } from 'neo4j-driver';
import type { Connection } from '../connection';
import { MIGRATIONS_DIR } from '../repo';
import { readMigrations, type Migration, type Statement } from './files';

export interface MigrateOptions {
  /** The migrations' folder (tests give one of their own). */
  dir?: string;
}

export interface MigrateResult {
  /** The migrations applied now, in order (none when the graph was up to date). */
  applied: Migration[];
  /** The highest migration number the graph records afterwards. */
  version: number;
}

interface Recorded {
  number: number;
  name: string;
}

/** The graph was migrated by a newer release than this one. */
export class NewerSchemaError extends Error {
  constructor(
    readonly graphVersion: number,
    readonly codeVersion: number,
    message: string,
  ) {
    super(message);
    this.name = 'NewerSchemaError';
  }
}

/** A migration failed: its file and statement, and Neo4j's reason. Nothing of it was kept. */
export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    readonly statement: Statement | null,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Graphs from before recorded migrations (0.1.0) may hold `measure_text` made before it was eventually consistent. */
const LEGACY_FULLTEXT = `
SHOW FULLTEXT INDEXES YIELD name, options
WHERE name = 'measure_text' AND coalesce(options.indexConfig['fulltext.eventually_consistent'], false) = false
RETURN name`;

const RECORDED = 'MATCH (m:Migration) RETURN m.number AS number, m.name AS name ORDER BY number';

const RECORD = `
MERGE (m:Migration {number: $number})
ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`;

const INDEXES =
  'SHOW INDEXES YIELD name, owningConstraint, createStatement WHERE owningConstraint IS NULL RETURN name, createStatement';
const CONSTRAINTS = 'SHOW CONSTRAINTS YIELD name, createStatement RETURN name, createStatement';

type Snapshot = { indexes: Map<string, string>; constraints: Map<string, string> };

function firstLine(text: string): string {
  const line = text.split('\n')[0]!;
  return text.includes('\n') ? `${line} …` : line;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

const quoted = (name: string) => `\`${name.replaceAll('`', '``')}\``;

async function snapshot(session: Session): Promise<Snapshot> {
  const read = async (query: string) =>
    new Map(
      (await session.run(query)).records.map((r) => [
        String(r.get('name')),
        String(r.get('createStatement')),
      ]),
    );
  return { indexes: await read(INDEXES), constraints: await read(CONSTRAINTS) };
}

/** Undoes the schema statements run since `before`. */
async function restore(session: Session, before: Snapshot): Promise<void> {
  const after = await snapshot(session);
  for (const name of after.constraints.keys())
    if (!before.constraints.has(name)) await session.run(`DROP CONSTRAINT ${quoted(name)} IF EXISTS`);
  for (const name of after.indexes.keys())
    if (!before.indexes.has(name)) await session.run(`DROP INDEX ${quoted(name)} IF EXISTS`);
  for (const [name, create] of before.indexes) if (!after.indexes.has(name)) await session.run(create);
  for (const [name, create] of before.constraints)
    if (!after.constraints.has(name)) await session.run(create);
}

async function applyOne(session: Session, migration: Migration, version: number): Promise<void> {
  const before = await snapshot(session);
  let current: Statement | null = null;
  try {
    for (const statement of migration.statements.filter((s) => s.schema)) {
      current = statement;
      await session.run(statement.text);
    }
    await session.executeWrite(async (tx) => {
      for (const statement of migration.statements.filter((s) => !s.schema)) {
        current = statement;
        await tx.run(statement.text);
      }
      current = null;
      await tx.run(RECORD, {
        number: neo4j.int(migration.number),
        name: migration.name,
        checksum: migration.checksum,
      });
    });
  } catch (error) {
    const undone = await restore(session, before).then(
      () => 'nothing of it was kept',
      (undo: unknown) => `undoing its schema statements failed too (${reason(undo)})`,
    );
    const where = current ? `${migration.file}:${current.line}: ${firstLine(current.text)}` : migration.file;
    throw new MigrationError(
      migration,
      current,
      `migration ${migration.number} (${migration.name}) failed at ${where}${current ? '' : ' (recording it)'} — ` +
        `${reason(error)}. The graph stays at migration ${version}; ${undone}, and it is not recorded.`,
    );
  }
}

export async function migrate(connection: Connection, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(options.dir ?? MIGRATIONS_DIR);
  const latest = migrations.at(-1);
  const session = connection.driver.session({ database: connection.database });
  try {
    const recorded: Recorded[] = (await session.run(RECORDED)).records.map((r) => ({
      number: neo4j.integer.toNumber(r.get('number') as number),
      name: String(r.get('name')),
    }));
    const newest = recorded.at(-1);
    if (newest && newest.number > (latest?.number ?? 0))
      throw new NewerSchemaError(
        newest.number,
        latest?.number ?? 0,
        `the graph at ${connection.uri} was migrated by a newer release of the explorer: its schema is at ` +
          `migration ${newest.number} (${newest.name}), and this release knows migrations up to ` +
          `${latest ? `${latest.number} (${latest.name})` : 'none'}. Run the newer release, or point ` +
          'NEO4J_DATA_DIR (or NEO4J_URI) at a graph this release made.',
      );
    const done = new Set(recorded.map((r) => r.number));
    const pending = migrations.filter((m) => !done.has(m.number));
    if (pending.length > 0 && recorded.length === 0)
      for (const record of (await session.run(LEGACY_FULLTEXT)).records)
        await session.run(`DROP INDEX ${quoted(String(record.get('name')))} IF EXISTS`);
    let version = newest?.number ?? 0;
    for (const migration of pending) {
      await applyOne(session, migration, version);
      version = Math.max(version, migration.number);
    }
    // Wait for the indexes so the first search after start sees every node.
    await session.run('CALL db.awaitIndexes(300)');
    return { applied: pending, version };
  } finally {
    await session.close();
  }
}
