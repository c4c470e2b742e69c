/**
 * Where the repository is on disk and the folders in it that code reads at run time: the one place
 * that knows the layout, so no module counts `..` from its own folder.
 */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
/** The named queries, and the schema's migrations in `migrations/`. */
export const CYPHER_DIR = path.join(REPO_ROOT, 'cypher');
export const MIGRATIONS_DIR = path.join(CYPHER_DIR, 'migrations');
/** The built explorer (Vite's output). */
export const CLIENT_DIST = path.join(REPO_ROOT, 'dist', 'client');
/** The documents `npm start` ingests by default. */
export const SEEDS_DIR = path.join(REPO_ROOT, 'seeds');
/** Hand annotations the extraction is scored against. */
export const GOLD_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'gold');
/** What the server computes once per graph version and keeps across restarts (overview layouts). */
export const CACHE_DIR = path.join(REPO_ROOT, '.data', 'cache');
