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

export async function applySchema(connection: Connection, file = SCHEMA_FILE): Promise<number> {
  const statements = splitStatements(await readFile(file, 'utf8'));
  const session = connection.driver.session({ database: connection.database });
  try {
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
