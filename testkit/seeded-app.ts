/**
 * What most route tests start from: the test Neo4j emptied, the seed (or the given files) ingested,
 * and the app on that connection. The caller closes the connection.
 */
import type { Express } from 'express';
import { ingestFiles } from '../ingest';
import { createApp, type AppOptions } from '../server/app';
import type { Connection } from '../store/connection';
import { SEEDS_DIR } from '../store/repo';
import { resetDatabase, testConnection } from './db';

export const SEED_KEY = '2020-guangdong-hong-kong-cooperation-work-plan';
export const SEED_FILE = `${SEEDS_DIR}/${SEED_KEY}.txt`;

export async function seededApp(
  files: string[] = [SEED_FILE],
  options: Omit<AppOptions, 'connection'> = {},
): Promise<{ connection: Connection; app: Express }> {
  const connection = await testConnection();
  await resetDatabase(connection);
  await ingestFiles(connection, files);
  return { connection, app: createApp({ connection, ...options }) };
}
