import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__TEST_NEO4J__?.stop();
  if (globalThis.__TEST_NEO4J_DIR__)
    await rm(globalThis.__TEST_NEO4J_DIR__, { recursive: true, force: true });
}
