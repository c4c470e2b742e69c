/**
 * The graph's schema: the numbered migrations of cypher/migrations/, applied at start by `npm start`,
 * `npm run ingest` and the tests' reset (store/migrations/), and the wait for the full-text indexes.
 */
import type { Connection } from './connection';
import { migrate, type MigrateResult } from './migrations/migrate';

export { MigrationError, NewerSchemaError } from './migrations/migrate';

/** Applies the migrations the graph has not recorded (none when it is up to date: one read). */
export function applySchema(connection: Connection, dir?: string): Promise<MigrateResult> {
  return migrate(connection, { dir });
}

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
