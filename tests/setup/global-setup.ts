/**
 * Starts one real Neo4j for the whole integration run: the embedded one on a free port with its own
 * data folder, or the server NEO4J_TEST_URI names (NOT NEO4J_URI: the tests wipe their database, and
 * a developer's own graph must never be wiped by `npm test`). A Neo4j that cannot start fails the
 * run; it is never skipped.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { neo4jSettings } from '../../store/config';
import { ensureLauncherBuilt, startEmbedded, type EmbeddedNeo4j } from '../../store/embedded/process';
import { freePort } from '../../testkit/ports';
import { REPO_ROOT } from '../../store/repo';

declare global {
  var __TEST_NEO4J__: EmbeddedNeo4j | undefined;
  var __TEST_NEO4J_DIR__: string | undefined;
}

const repoRoot = REPO_ROOT;

export default async function globalSetup(): Promise<void> {
  // Both the integration and browser projects name this setup: one Neo4j serves the whole run.
  if (globalThis.__TEST_NEO4J__ || neo4jSettings(process.env, 'NEO4J_TEST').uri) return;
  // A folder of its own per run, so runs side by side never share a store.
  await mkdir(path.join(repoRoot, '.data'), { recursive: true });
  const dataDir = await mkdtemp(path.join(repoRoot, '.data/test-neo4j-'));
  const options = {
    repoRoot,
    port: await freePort(),
    dataDir,
    heap: '1g',
    pageCache: '256m',
    txTimeout: '60s',
    log: (line: string) => process.stderr.write(`[neo4j] ${line}\n`),
  };
  await ensureLauncherBuilt(options);
  const instance = await startEmbedded(options);
  globalThis.__TEST_NEO4J__ = instance;
  globalThis.__TEST_NEO4J_DIR__ = dataDir;
  // Workers inherit this environment; tests connect through testkit/db.ts.
  process.env.NEO4J_TEST_URI = instance.uri;
  process.env.NEO4J_TEST_USER = instance.auth.user;
  process.env.NEO4J_TEST_PASSWORD = instance.auth.password;
  // Tests of the embedded launcher's own settings (file: URLs off, memory caps) check this.
  process.env.NEO4J_TEST_EMBEDDED = '1';
}
