/**
 * Applies cypher/schema.cypher: the same file an analyst runs with cypher-shell, split into its
 * statements. Every statement is IF NOT EXISTS, so applying it again changes nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connection } from './connection';
import { SCHEMA_FILE } from './repo';

export { SCHEMA_FILE };

/** Statements of a Cypher script: `//` comment lines dropped, split on `;` at line ends. */
export function splitStatements(script: string): string[] {
  const withoutComments = script
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Full-text indexes whose options the schema file changed since a data folder was made: dropped here
 * so the file's CREATE … IF NOT EXISTS makes them anew (and Neo4j fills them again from the graph).
 * `measure_text` became eventually consistent (a load's commit no longer waits for its update).
 */
const FULLTEXT_OPTIONS = `
SHOW FULLTEXT INDEXES YIELD name, options
WHERE name = 'measure_text' AND coalesce(options.indexConfig['fulltext.eventually_consistent'], false) = false
RETURN name`;

/**
 * Waits until the full-text indexes hold every committed write. `measure_text` is eventually
 * consistent: a load's commit does not wait for it, so a load ends by waiting here, and searches
 * (and lineage's candidate queries) see a finished load whole.
 */
export async function awaitSearchable(connection: Connection): Promise<void> {
  const session = connection.driver.session({ database: connection.database });
  try {
    await session.run('CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()');
  } finally {
    await session.close();
  }
}

export async function applySchema(connection: Connection, file = SCHEMA_FILE): Promise<number> {
  const statements = splitStatements(await readFile(file, 'utf8'));
  const session = connection.driver.session({ database: connection.database });
  try {
    for (const record of (await session.run(FULLTEXT_OPTIONS)).records)
      await session.run(`DROP INDEX ${String(record.get('name'))} IF EXISTS`);
    for (const statement of statements) {
      try {
        await session.run(statement);
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new Error(
          `${path.relative(process.cwd(), file)}: statement failed: ${statement.split('\n')[0]} — ${message}`,
        );
      }
    }
    // Wait for the indexes so the first search after start sees every node.
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
  return statements.length;
}
