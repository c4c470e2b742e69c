/**
 * Configuration from the environment, validated once. A bad value is an error naming the variable,
 * never a silent default.
 */
import path from 'node:path';
import { REPO_ROOT } from './repo';
import { parseSize } from './sizes';

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
  /** Most memory one transaction may use ("512m"); unset: a quarter of the heap. */
  txMemory: string | null;
  /** Restarts tried, with backoff, when the embedded Neo4j dies, before the server gives up. */
  restartAttempts: number;
}

/** Bounds on what one request or one input may cost. */
export interface Limits {
  /** Largest /api/cypher or named-query answer, in bytes of JSON. */
  responseBytes: number;
  /** Console and named queries running at once (more wait in line). */
  queryConcurrency: number;
  /** Largest input file read by ingest (CLI, npm start, uploads), in bytes. */
  fileBytes: number;
  /** How long a console query past its timeout may go on running in Neo4j before it is dealt with (ms). */
  runawayMs: number;
  /** Files in one upload (POST /api/documents). */
  uploadFiles: number;
  /** Bytes in one upload, all files together. */
  uploadBytes: number;
}

/** What a request or an input may cost when the environment does not say. */
export const DEFAULT_LIMITS: Limits = {
  responseBytes: 5 * 1024 ** 2,
  queryConcurrency: 4,
  fileBytes: 50 * 1024 ** 2,
  runawayMs: 30_000,
  uploadFiles: 20,
  uploadBytes: 200 * 1024 ** 2,
};

/**
 * Where the originals of ingested sources are kept (ingest/originals/): `folder`, content-addressed
 * files beside the embedded Neo4j's data (`.data/sources/`), or `graph`, `:Source` nodes in the Neo4j
 * itself (the default with NEO4J_URI: the server then need not be on the database's machine, and a
 * corpus moved or shared keeps its sources with it).
 */
export interface SourcesSettings {
  keep: 'folder' | 'graph';
  /** The folder, for `folder`. */
  dir: string;
}

export interface Config {
  repoRoot: string;
  host: string;
  port: number;
  /** Host names (with or without port) the server answers for; others get 421. */
  allowedHosts: string[];
  limits: Limits;
  /** Bearer token the write routes require (ADMIN_TOKEN); null: writes from loopback clients only. */
  adminToken: string | null;
  seedsDir: string;
  neo4j: Neo4jSettings;
  embedded: EmbeddedSettings;
  sources: SourcesSettings;
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

/** A size in bytes: `5m`, `512k`, `1g` or a plain number of bytes. */
function size(env: Env, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === null) return fallback;
  const bytes = parseSize(value);
  if (bytes === null || bytes < 1)
    throw new ConfigError(name, `expected a size such as 5m, 512k or 1g, got "${value}"`);
  return bytes;
}

/** A secret of at least 16 characters without spaces, or null when unset. */
function token(env: Env, name: string): string | null {
  const value = text(env, name);
  if (value === null) return null;
  if (value.length < 16 || /\s/.test(value))
    throw new ConfigError(name, 'expected a token of 16 or more characters without spaces');
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** The names a loopback server answers for; plus the bound host when it is a specific address. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

function allowedHosts(env: Env, host: string): string[] {
  const value = text(env, 'ALLOWED_HOSTS');
  if (value !== null) {
    const hosts = value
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    if (hosts.length === 0)
      throw new ConfigError('ALLOWED_HOSTS', 'expected a comma-separated list of host names');
    return hosts;
  }
  const bound = host.includes(':') ? `[${host}]` : host;
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  return wildcard || LOOPBACK_HOSTS.includes(bound)
    ? LOOPBACK_HOSTS
    : [...LOOPBACK_HOSTS, bound.toLowerCase()];
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

function sources(env: Env, remote: boolean, dataDir: string, repoRoot: string): SourcesSettings {
  const keep = text(env, 'SOURCES_STORE') ?? (remote ? 'graph' : 'folder');
  if (keep !== 'folder' && keep !== 'graph')
    throw new ConfigError('SOURCES_STORE', `expected folder or graph, got "${keep}"`);
  const dir = text(env, 'SOURCES_DIR');
  return { keep, dir: dir ? path.resolve(repoRoot, dir) : path.join(path.dirname(dataDir), 'sources') };
}

export function loadConfig(env: Env = process.env, repoRoot = REPO_ROOT): Config {
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const dataDir = path.resolve(repoRoot, text(env, 'NEO4J_DATA_DIR') ?? '.data/neo4j');
  const neo4j = neo4jSettings(env);
  return {
    repoRoot,
    host,
    port: port(env, 'PORT', 3000),
    allowedHosts: allowedHosts(env, host),
    limits: {
      responseBytes: size(env, 'CYPHER_MAX_RESPONSE_BYTES', DEFAULT_LIMITS.responseBytes),
      queryConcurrency: integer(env, 'CYPHER_CONCURRENCY', DEFAULT_LIMITS.queryConcurrency, 1, 64),
      fileBytes: size(env, 'INGEST_MAX_FILE_BYTES', DEFAULT_LIMITS.fileBytes),
      runawayMs: integer(env, 'CYPHER_RUNAWAY_MS', DEFAULT_LIMITS.runawayMs, 1_000, 3_600_000),
      uploadFiles: integer(env, 'UPLOAD_MAX_FILES', DEFAULT_LIMITS.uploadFiles, 1, 1000),
      uploadBytes: size(env, 'UPLOAD_MAX_BYTES', DEFAULT_LIMITS.uploadBytes),
    },
    adminToken: token(env, 'ADMIN_TOKEN'),
    seedsDir: path.resolve(repoRoot, text(env, 'SEEDS_DIR') ?? 'seeds'),
    neo4j,
    embedded: {
      boltPort: port(env, 'NEO4J_BOLT_PORT', 7687),
      dataDir,
      heap: matching(env, 'NEO4J_HEAP', MEMORY, '2g', 'a memory size such as 2g or 1536m'),
      pageCache: matching(env, 'NEO4J_PAGECACHE', MEMORY, '512m', 'a memory size such as 512m or 1g'),
      txTimeout: matching(env, 'NEO4J_TX_TIMEOUT', DURATION, '30s', 'a duration such as 30s or 2m'),
      txMemory:
        text(env, 'NEO4J_TX_MEMORY') === null
          ? null
          : matching(env, 'NEO4J_TX_MEMORY', MEMORY, '', 'a memory size such as 512m or 1g'),
      restartAttempts: integer(env, 'NEO4J_RESTART_ATTEMPTS', 3, 0, 100),
    },
    sources: sources(env, neo4j.uri !== null, dataDir, repoRoot),
  };
}
