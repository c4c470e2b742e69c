/**
 * The graph's schema: the numbered migrations of cypher/migrations/, applied at start by `npm start`,
 * `npm run ingest` and the tests' reset (store/migrations/), and the wait for the full-text indexes.
 */
import { ENTITY, STRUCTURE_LABELS } from '../model/graph';
import type { Connection } from './connection';
import { migrate, type MigrateResult } from './migrations/migrate';

const GRAPH_LABELS = [...STRUCTURE_LABELS, ENTITY];

/**
 * The policy graph's nodes, as a predicate on `n`: not the bookkeeping beside them (`:Migration`,
 * `:Source`).
 */
export const graphNode = (variable: string) =>
  GRAPH_LABELS.map((label) => `${variable}:${label}`).join(' OR ');
export const GRAPH_NODE = graphNode('n');
/**
 * How many nodes the policy graph has, from Neo4j's count store (one count per label; the labels
 * are disjoint), leaving out the migrations' and the originals' nodes.
 */
export const GRAPH_NODE_COUNT = GRAPH_LABELS.map((label) => `COUNT { MATCH (:${label}) }`).join(' + ');

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
