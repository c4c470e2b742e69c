/** Integration tests' access to the Neo4j that tests/setup/global-setup.ts provides. */
import { REPO_ROOT } from '../store/repo';
import { loadConfig, neo4jSettings } from '../store/config';
import { connect, type Connection } from '../store/connection';
import { applySchema } from '../store/schema';

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

/** Empties the test database and (re)applies the schema. */
export async function resetDatabase(connection: Connection): Promise<void> {
  const session = connection.driver.session({ database: connection.database });
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
  await applySchema(connection);
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
