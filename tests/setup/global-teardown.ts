import { rm } from 'node:fs/promises';

/** Runs once per project that names it; the first call stops Neo4j, later ones find nothing to do. */
export default async function globalTeardown(): Promise<void> {
  const instance = globalThis.__TEST_NEO4J__;
  const dir = globalThis.__TEST_NEO4J_DIR__;
  globalThis.__TEST_NEO4J__ = undefined;
  globalThis.__TEST_NEO4J_DIR__ = undefined;
  await instance?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
