/**
 * The Neo4j a benchmark runs against: NEO4J_BENCH_URI (and the other NEO4J_BENCH_* settings) when
 * set, else a fresh embedded one on a temporary data folder, removed by `close`. With `http`, also
 * Neo4j's own HTTP Query API: the embedded one opens it on a free loopback port (nothing else ever
 * does), and with NEO4J_BENCH_URI it is NEO4J_BENCH_HTTP_URL (e.g. http://127.0.0.1:7474) if set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, neo4jSettings } from '../store/config';
import { connect, type Connection } from '../store/connection';
import { ensureLauncherBuilt, startEmbedded } from '../store/embedded/process';
import { applySchema } from '../store/schema';
import { freePorts } from '../testkit/ports';
import { REPO_ROOT } from '../store/repo';

const REPO = REPO_ROOT;

export interface BenchNeo4j {
  connection: Connection;
  uri: string;
  /** The embedded Neo4j's java process (undefined for NEO4J_BENCH_URI), for its CPU time. */
  pid?: number;
  /** The embedded Neo4j's data folder (undefined for NEO4J_BENCH_URI), for the store's size. */
  dataDir?: string;
  /** Neo4j's HTTP Query API, when asked for and available. */
  http?: BenchHttp;
  /** Environment that lets another process connect the same way (NEO4J_BENCH_USER/PASSWORD). */
  env: Record<string, string>;
  /** Closes the driver, stops the embedded Neo4j and removes its data. */
  close(): Promise<void>;
}

export interface BenchHttp {
  /** POST here: http://127.0.0.1:<port>/db/<database>/query/v2 */
  queryUrl: string;
  /** The value of the Authorization header (basic auth, the same user and password as Bolt). */
  authorization: string;
}

export interface BenchMemory {
  heap: string;
  pageCache: string;
  txTimeout: string;
}

/**
 * Connected, with the schema applied. `name` names the temporary data folder; `options.http` asks
 * for Neo4j's HTTP Query API besides Bolt.
 */
export async function benchNeo4j(
  name: string,
  memory: BenchMemory = { heap: '1g', pageCache: '256m', txTimeout: '60s' },
  options: { http?: boolean } = {},
): Promise<BenchNeo4j> {
  const settings = neo4jSettings(process.env, 'NEO4J_BENCH');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `bench-${name}-neo4j-`));
  const embedded = settings.uri
    ? null
    : await ensureLauncherBuilt({ repoRoot: REPO }).then(async () => {
        const [port, httpPort] = await freePorts(options.http ? 2 : 1);
        return startEmbedded({
          repoRoot: REPO,
          port: port!,
          dataDir,
          ...memory,
          ...(options.http ? { httpPort: httpPort! } : {}),
        });
      });
  const uri = embedded?.uri ?? settings.uri!;
  const httpBase = options.http
    ? (embedded?.httpUri ?? process.env.NEO4J_BENCH_HTTP_URL?.replace(/\/+$/, ''))
    : undefined;
  const user = embedded?.auth.user ?? settings.user ?? 'neo4j';
  const password = embedded?.auth.password ?? settings.password ?? '';
  const http: BenchHttp | undefined = httpBase
    ? {
        queryUrl: `${httpBase}/db/${encodeURIComponent(settings.database ?? 'neo4j')}/query/v2`,
        authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      }
    : undefined;
  const connection = await connect({
    repoRoot: REPO,
    neo4j: {
      ...settings,
      uri,
      ...(embedded ? { user: embedded.auth.user, password: embedded.auth.password } : {}),
    },
    embedded: loadConfig({}).embedded,
  });
  const close = async () => {
    await connection.close();
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await applySchema(connection);
  } catch (error) {
    await close();
    throw error;
  }
  const env: Record<string, string> = embedded
    ? { NEO4J_BENCH_USER: embedded.auth.user, NEO4J_BENCH_PASSWORD: embedded.auth.password }
    : {};
  return {
    connection,
    uri,
    env,
    ...(embedded ? { pid: embedded.pid, dataDir } : {}),
    ...(http ? { http } : {}),
    close,
  };
}
