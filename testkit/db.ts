/** Integration tests' access to the Neo4j that tests/setup/global-setup.ts provides. */
import neo4j from 'neo4j-driver';
import { REPO_ROOT } from '../store/repo';
import { loadConfig, neo4jSettings } from '../store/config';
import { connect, type Connection } from '../store/connection';
import { applySchema, GRAPH_NODE_COUNT } from '../store/schema';
import { graphVersionOf } from '../store/version';
import { freePort } from './ports';

export const repoRoot = REPO_ROOT;

export async function testConnection(): Promise<Connection> {
  const settings = neo4jSettings(process.env, 'NEO4J_TEST');
  if (!settings.uri)
    throw new Error(
      'NEO4J_TEST_URI is not set: run integration tests through jest (global setup starts Neo4j)',
    );
  const config = loadConfig({});
  return connect({ repoRoot, neo4j: settings, embedded: config.embedded });
}

/**
 * Empties the test database but for its migration records, and applies the migrations it lacks: the
 * schema is made once per run (or after a test that took it apart), not again for every test file.
 */
export async function resetDatabase(connection: Connection): Promise<void> {
  const session = connection.driver.session({ database: connection.database });
  try {
    // Relationships first, in bounded transactions: a hub's thousands of relationships (香港 in a
    // generated corpus) deleted with it in one would overflow the transaction memory.
    await session.run('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run(
      'MATCH (n) WHERE NOT n:Migration CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
    );
  } finally {
    await session.close();
  }
  await applySchema(connection);
  // An app on this connection must not answer from before the reset (server/http/cache.ts).
  graphVersionOf(connection).invalidate();
}

export async function count(
  connection: Connection,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<number> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.run(cypher, params);
    return Number(result.records[0]?.get(0) ?? 0);
  } finally {
    await session.close();
  }
}

/** The policy graph's size: its nodes (not the migrations' or the originals') and relationships. */
export async function graphSize(connection: Connection): Promise<{ nodes: number; relationships: number }> {
  return {
    nodes: await count(connection, `RETURN ${GRAPH_NODE_COUNT}`),
    relationships: await count(connection, 'MATCH ()-[r]->() RETURN count(r)'),
  };
}

/**
 * A Connection to a port nothing listens on: every query fails the way it does when
 * Neo4j is down. (A closed driver is no stand-in: neo4j-driver 6 still runs queries on it.)
 */
export async function unreachableConnection(): Promise<Connection> {
  const uri = `bolt://127.0.0.1:${await freePort()}`;
  const driver = neo4j.driver(uri, undefined, { connectionTimeout: 2_000 });
  return {
    driver,
    exactDriver: () => driver,
    database: undefined,
    uri,
    embedded: false,
    server: { version: 'unknown', edition: 'unknown' },
    close: () => driver.close(),
  };
}

/**
 * The test Neo4j in the variables `npm start` and the CLI read (NEO4J_URI, _USER, _PASSWORD,
 * _DATABASE), for a child process; empty where unset, so none of a developer's own NEO4J_* leaks in
 * (empty reads as unset).
 */
export function testNeo4jEnv(): Record<
  'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE',
  string
> {
  const settings = neo4jSettings(process.env, 'NEO4J_TEST');
  return {
    NEO4J_URI: settings.uri ?? '',
    NEO4J_USER: settings.user ?? '',
    NEO4J_PASSWORD: settings.password ?? '',
    NEO4J_DATABASE: settings.database ?? '',
  };
}
