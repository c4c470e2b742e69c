/**
 * Configuration from the environment, validated once. A bad value is an error naming the variable,
 * never a silent default.
 */
import path from 'node:path';

export interface Neo4jSettings {
  /** Set when the user points us at their own Neo4j (bolt://, neo4j://, neo4j+s://, …). */
  uri: string | null;
  user: string | null;
  password: string | null;
  database: string | null;
}

export interface EmbeddedSettings {
  boltPort: number;
  dataDir: string;
  heap: string;
  pageCache: string;
  txTimeout: string;
}

export interface Config {
  repoRoot: string;
  host: string;
  port: number;
  seedsDir: string;
  neo4j: Neo4jSettings;
  embedded: EmbeddedSettings;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const URI_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];
const MEMORY = /^\d+[kmgKMG]?$/;
const DURATION = /^\d+(ms|s|m|h)?$/;

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function port(env: Env, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new ConfigError(name, `expected a port number from 1 to 65535, got "${value}"`);
  }
  return n;
}

function matching(env: Env, name: string, pattern: RegExp, fallback: string, what: string): string {
  const value = text(env, name);
  if (value === null) return fallback;
  if (!pattern.test(value)) throw new ConfigError(name, `expected ${what}, got "${value}"`);
  return value;
}

function neo4jUri(env: Env, name: string): string | null {
  const value = text(env, name);
  if (value === null) return null;
  const scheme = /^([a-z0-9+]+):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !URI_SCHEMES.includes(scheme)) {
    throw new ConfigError(name, `expected a Neo4j URI (${URI_SCHEMES.join('://, ')}://), got "${value}"`);
  }
  return value;
}

/** Reads the configuration; `prefix` lets tests use NEO4J_TEST_URI etc. without touching a user's NEO4J_URI. */
export function neo4jSettings(env: Env, prefix = 'NEO4J'): Neo4jSettings {
  return {
    uri: neo4jUri(env, `${prefix}_URI`),
    user: text(env, `${prefix}_USER`),
    password: text(env, `${prefix}_PASSWORD`),
    database: text(env, `${prefix}_DATABASE`),
  };
}

export function loadConfig(env: Env = process.env, repoRoot = path.resolve(__dirname, '..')): Config {
  return {
    repoRoot,
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: port(env, 'PORT', 3000),
    seedsDir: path.resolve(repoRoot, text(env, 'SEEDS_DIR') ?? 'seeds'),
    neo4j: neo4jSettings(env),
    embedded: {
      boltPort: port(env, 'NEO4J_BOLT_PORT', 7687),
      dataDir: path.resolve(repoRoot, text(env, 'NEO4J_DATA_DIR') ?? '.data/neo4j'),
      heap: matching(env, 'NEO4J_HEAP', MEMORY, '2g', 'a memory size such as 2g or 1536m'),
      pageCache: matching(env, 'NEO4J_PAGECACHE', MEMORY, '512m', 'a memory size such as 512m or 1g'),
      txTimeout: matching(env, 'NEO4J_TX_TIMEOUT', DURATION, '30s', 'a duration such as 30s or 2m'),
    },
  };
}
