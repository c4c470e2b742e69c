/**
 * The one owner of the Neo4j driver. Connects to the server the user named (NEO4J_URI: a server of
 * their own, a cluster or Aura) or starts the embedded Neo4j from neo4j/, and turns the driver's
 * failures into one-line errors that say what to do.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { EmbeddedSettings, Neo4jSettings } from './config';
import { ensureLauncherBuilt, startEmbedded, type EmbeddedNeo4j } from './embedded/process';
import { isUnavailable } from './errors';
import { supervise, type Availability } from './embedded/supervisor';

export interface ServerInfo {
  version: string;
  edition: string;
}

export interface Connection {
  /** For the API's own reads: integers arrive as JavaScript numbers (fast; the graph holds none beyond 2^53). */
  driver: Driver;
  /**
   * For user queries (the console): integers arrive as the driver's Integer, so a value beyond 2^53
   * (or a temporal value far from today) keeps every digit.
   */
  exactDriver(): Driver;
  /** Database name for sessions; undefined means the server's default database. */
  database: string | undefined;
  uri: string;
  embedded: boolean;
  server: ServerInfo;
  /** Whether Neo4j is up, being restarted, or lost; absent for a Neo4j we do not run ourselves. */
  availability?: () => Availability;
  /** Stops and starts the embedded Neo4j (only when we run and supervise it). */
  restart?: (reason: string) => Promise<void>;
  close(): Promise<void>;
}

export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

interface Neo4jDriverError {
  code?: string;
  message?: string;
}

/** One actionable line for a driver error while connecting to `uri`. */
export function describeConnectError(error: unknown, uri: string, settings: Neo4jSettings): string {
  const { code = '', message = String(error) } = (error ?? {}) as Neo4jDriverError;
  const firstLine = message.split('\n')[0]?.trim() ?? '';
  if (
    code === 'Neo.ClientError.Security.Unauthorized' ||
    code === 'Neo.ClientError.Security.AuthenticationRateLimit'
  ) {
    return `Neo4j at ${uri} refused the credentials for user "${settings.user ?? 'neo4j'}". Check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return `Neo4j at ${uri} has no database "${settings.database}". Check NEO4J_DATABASE (or unset it to use the server's default).`;
  }
  if (isUnavailable(error)) {
    return `Cannot reach Neo4j at ${uri} (${firstLine}). Start that server, fix NEO4J_URI, or unset NEO4J_URI to use the embedded Neo4j.`;
  }
  return `Neo4j at ${uri} failed: ${firstLine}${code ? ` [${code}]` : ''}`;
}

async function readServerInfo(driver: Driver, database: string | undefined): Promise<ServerInfo> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    );
    const record = result.records[0];
    return {
      version: String(record?.get('version') ?? 'unknown'),
      edition: String(record?.get('edition') ?? 'unknown'),
    };
  } finally {
    await session.close();
  }
}

function newDriver(uri: string, settings: Neo4jSettings, { exact = false } = {}): Driver {
  const auth = settings.user ? neo4j.auth.basic(settings.user, settings.password ?? '') : undefined;
  return neo4j.driver(uri, auth, {
    connectionTimeout: 10_000,
    connectionAcquisitionTimeout: 20_000,
    maxTransactionRetryTime: 15_000,
    disableLosslessIntegers: !exact,
    userAgent: 'policy-graph-explorer',
  });
}

/** The lossless driver of `Connection.exactDriver` (it opens connections only when used). */
function exactDriverOf(uri: string, settings: Neo4jSettings) {
  const exact = newDriver(uri, settings, { exact: true });
  return { get: () => exact, close: () => exact.close() };
}

async function openDriver(
  uri: string,
  settings: Neo4jSettings,
): Promise<{ driver: Driver; server: ServerInfo }> {
  const driver = newDriver(uri, settings);
  try {
    await driver.verifyConnectivity({ database: settings.database ?? undefined });
    const server = await readServerInfo(driver, settings.database ?? undefined);
    return { driver, server };
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw new ConnectionError(describeConnectError(error, uri, settings));
  }
}

export interface ConnectOptions {
  repoRoot: string;
  neo4j: Neo4jSettings;
  embedded: EmbeddedSettings;
  log?: (line: string) => void;
  /**
   * Called when the embedded Neo4j died and every restart failed (embedded.restartAttempts). Without
   * it, the embedded Neo4j is not supervised (the CLI: a run that loses Neo4j fails and says so).
   */
  onNeo4jLost?: (error: Error) => void;
}

/** Connects to NEO4J_URI when set, else builds (if needed) and starts the embedded Neo4j. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const { neo4j: settings, log = () => undefined } = options;
  const database = settings.database ?? undefined;

  if (settings.uri) {
    const { driver, server } = await openDriver(settings.uri, settings);
    const exact = exactDriverOf(settings.uri, settings);
    return {
      driver,
      exactDriver: exact.get,
      database,
      uri: settings.uri,
      embedded: false,
      server,
      close: async () => {
        await exact.close();
        await driver.close();
      },
    };
  }

  const embeddedOptions = {
    repoRoot: options.repoRoot,
    port: options.embedded.boltPort,
    dataDir: options.embedded.dataDir,
    heap: options.embedded.heap,
    pageCache: options.embedded.pageCache,
    txTimeout: options.embedded.txTimeout,
    txMemory: options.embedded.txMemory,
    log,
  };
  await ensureLauncherBuilt(embeddedOptions);
  const instance: EmbeddedNeo4j = await startEmbedded(embeddedOptions);
  try {
    const withAuth = {
      ...settings,
      uri: instance.uri,
      user: instance.auth.user,
      password: instance.auth.password,
    };
    const { driver, server } = await openDriver(instance.uri, withAuth);
    const exact = exactDriverOf(instance.uri, withAuth);
    const { onNeo4jLost } = options;
    const supervisor = onNeo4jLost
      ? supervise(instance, {
          start: () => startEmbedded(embeddedOptions),
          attempts: options.embedded.restartAttempts,
          log,
          onGiveUp: onNeo4jLost,
        })
      : null;
    return {
      driver,
      database,
      uri: instance.uri,
      embedded: true,
      server,
      exactDriver: exact.get,
      ...(supervisor ? { availability: supervisor.availability, restart: supervisor.restart } : {}),
      close: async () => {
        await exact.close();
        await driver.close();
        await (supervisor ? supervisor.stop() : instance.stop());
      },
    };
  } catch (error) {
    await instance.stop();
    throw error;
  }
}
