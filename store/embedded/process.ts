/**
 * The embedded Neo4j: used when NEO4J_URI is not set. Starts the Java launcher (built by build.ts) as
 * a child `java` process with a Bolt connector on loopback that needs the data folder's own password
 * (boltPassword), waits until it is ready, and stops it; reaper.ts makes sure it never outlives this
 * process.
 *
 * Protocol with the launcher (neo4j/src/main/java/org/policygraph/neo4j/EmbeddedNeo4j.java), on its
 * stdout, one line each:
 *   NEO4J_READY <bolt uri> <version>       Bolt accepts connections
 *   NEO4J_READY <bolt uri> <version> <http uri>
 *                                          the same with httpPort (bench only), once HTTP answers too
 *   NEO4J_ERROR <code> <message>           PORT_IN_USE | START_FAILED; then it exits non-zero
 *   NEO4J_STOPPED                          clean shutdown finished
 * Its stdin is a pipe we never write to: when it reaches EOF (we closed it, or this process died,
 * even by SIGKILL) the launcher shuts down.
 *
 * The settings come from the caller (store/config.ts reads and checks the environment); only where
 * Java and Maven are (JAVA_HOME, MAVEN_HOME, PATH) is read from `env`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { ensureLauncherBuilt, launcherPaths } from './build';
import {
  Neo4jStartError,
  USE_EXISTING_NEO4J_HINT,
  detectJava,
  lastLines,
  type DetectedJava,
  type Neo4jStartErrorCode,
} from './java';
import { jvmArguments, transactionMemory } from './jvm';
import { track, untrack, type Running } from './reaper';

export { Neo4jStartError, type Neo4jStartErrorCode } from './java';
export { ensureLauncherBuilt, launcherPaths, launcherStaleReason } from './build';

/** The Neo4j version the launcher embeds (neo4j/pom.xml). */
export const NEO4J_VERSION = '5.26.30';
export const DEFAULT_BOLT_PORT = 7687;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PAGE_CACHE = '512m';
export const DEFAULT_HEAP = '2g';
export const DEFAULT_TX_TIMEOUT = '30s';
export const DEFAULT_READY_TIMEOUT_MS = 120_000;
/**
 * How long stop() waits after closing the launcher's stdin (its own clean way out, exit code 0)
 * before sending SIGTERM, which also shuts down cleanly but makes the JVM exit 143.
 */
export const STOP_TERM_AFTER_MS = 5_000;
/** How long stop() waits after SIGTERM before SIGKILL. */
export const STOP_KILL_AFTER_MS = 20_000;
/** Lines of the Neo4j log quoted in a start error. */
const LOG_TAIL_LINES = 30;

export interface EmbeddedOptions {
  /** The repository root: neo4j/ is under it, and the default data dir is <repoRoot>/.data/neo4j. */
  repoRoot: string;
  /** Bolt port. Default 7687. */
  port?: number;
  /** Listen address for Bolt. Default 127.0.0.1 (auth is off: keep it on loopback). */
  host?: string;
  /** Neo4j home: databases under <dataDir>/data, logs under <dataDir>/logs. Default <repoRoot>/.data/neo4j. */
  dataDir?: string;
  /** Page cache size, Neo4j syntax ("512m", "2g"). Default 512m. */
  pageCache?: string;
  /** Max heap ("2g"); -Xms is 512m or this, whichever is smaller. Default 2g. */
  heap?: string;
  /** Default transaction timeout, Neo4j duration syntax ("30s", "2m"). Default 30s. */
  txTimeout?: string;
  /** Most memory one transaction may use ("512m"). Default a quarter of the heap. */
  txMemory?: string | null;
  /** How long to wait for NEO4J_READY. Default 120 s. */
  readyTimeoutMs?: number;
  /**
   * Benchmarks only (bench:api); the app and the tests never set it. Also serve Neo4j's own HTTP
   * Query API (POST /db/{database}/query/v2, the same password as Bolt) on 127.0.0.1:httpPort.
   * Default: no HTTP connector at all.
   */
  httpPort?: number;
  /** Progress and launcher output, one line per call. Default: nothing. */
  log?: (line: string) => void;
  /** Environment for the java/mvn lookups (JAVA_HOME, MAVEN_HOME, PATH). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface EmbeddedNeo4j {
  /** e.g. bolt://127.0.0.1:7687 */
  uri: string;
  /** e.g. http://127.0.0.1:7474, only when started with httpPort. */
  httpUri?: string;
  /** Neo4j version as reported by the launcher, e.g. 5.26.30 */
  version: string;
  /** pid of the java process. */
  pid: number;
  dataDir: string;
  /** The Neo4j log to read when something goes wrong: <dataDir>/logs/debug.log */
  logFile: string;
  /** Bolt's credentials: the user neo4j and the data folder's own password (boltPassword). */
  auth: { user: string; password: string };
  /** Resolves when the java process has exited (for whatever reason). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Closes stdin; SIGTERM if still running after 5 s, SIGKILL 20 s later. Resolves once the process is gone. Idempotent. */
  stop(): Promise<void>;
}

export function defaultDataDir(repoRoot: string): string {
  return path.join(repoRoot, '.data', 'neo4j');
}

/** The Neo4j log file for a data dir. */
export function neo4jLogFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'debug.log');
}

const noop = (): void => {};

/** The file beside the store that holds its Bolt password (mode 0600). */
export function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'bolt-password');
}

/**
 * The data folder's Bolt password: read from passwordFile, or made (24 random bytes) and written
 * there readable by this user only. Bolt, also over WebSocket from any web page, needs it; the
 * launcher gets it through its environment, never its command line (which every user can read).
 */
export async function boltPassword(dataDir: string): Promise<string> {
  const file = passwordFile(dataDir);
  try {
    const existing = (await fsp.readFile(file, 'utf8')).trim();
    if (existing.length >= 16) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('base64url');
  await fsp.writeFile(file, `${password}\n`, { mode: 0o600 });
  await fsp.chmod(file, 0o600);
  return password;
}

/** Resolves true when host:port can be listened on right now (the same check the launcher makes). */
export function isPortFree(port: number, host: string = DEFAULT_HOST): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES') resolve(false);
      else reject(e);
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

function portInUseError(host: string, port: number, detail?: string): Neo4jStartError {
  return new Neo4jStartError(
    'PORT_IN_USE',
    `Cannot start the embedded Neo4j: Bolt port ${port} on ${host} is already in use` +
      (detail ? ` (${detail})` : '') +
      '. Another Neo4j (or an earlier run of this app) may still be running.',
    `Stop whatever listens on port ${port}, or pick another port with NEO4J_BOLT_PORT=<port>, ` +
      `or set NEO4J_URI=bolt://${host}:${port} if that is a Neo4j you want to use.`,
  );
}

async function readLogTail(file: string, n: number): Promise<string[]> {
  try {
    const fh = await fsp.open(file, 'r');
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, 256 * 1024);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return lastLines(buf.toString('utf8'), n);
    } finally {
      await fh.close();
    }
  } catch {
    return [];
  }
}

const ERROR_HINTS: Record<string, string> = {
  START_FAILED: `See the Neo4j log quoted above; a corrupt or foreign store under the data dir can be moved away to start fresh, ${USE_EXISTING_NEO4J_HINT}.`,
  TIMEOUT: `The machine may be overloaded; raise the timeout or free memory, ${USE_EXISTING_NEO4J_HINT}.`,
};

/** The options with every default filled in. */
interface Settings {
  repoRoot: string;
  host: string;
  port: number;
  dataDir: string;
  pageCache: string;
  heap: string;
  txTimeout: string;
  txMemory: string | null;
  readyTimeoutMs: number;
  httpPort: number | null;
  logFile: string;
  log: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

function settingsOf(opts: EmbeddedOptions): Settings {
  const repoRoot = path.resolve(opts.repoRoot);
  const dataDir = path.resolve(opts.dataDir ?? defaultDataDir(repoRoot));
  return {
    repoRoot,
    host: opts.host ?? DEFAULT_HOST,
    port: opts.port ?? DEFAULT_BOLT_PORT,
    dataDir,
    pageCache: opts.pageCache ?? DEFAULT_PAGE_CACHE,
    heap: opts.heap ?? DEFAULT_HEAP,
    txTimeout: opts.txTimeout ?? DEFAULT_TX_TIMEOUT,
    txMemory: opts.txMemory ?? null,
    readyTimeoutMs: opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    httpPort: opts.httpPort ?? null,
    logFile: neo4jLogFile(dataDir),
    log: opts.log ?? noop,
    env: opts.env ?? process.env,
  };
}

/** The launcher's command line after the JVM's own arguments. */
function launcherArguments(s: Settings): string[] {
  const txMemory = transactionMemory(s.heap, s.txMemory);
  return [
    ...['-jar', launcherPaths(s.repoRoot).jar],
    ...['--host', s.host, '--port', String(s.port), '--data-dir', s.dataDir],
    ...['--page-cache', s.pageCache, '--tx-timeout', s.txTimeout],
    ...['--tx-memory', txMemory.one, '--tx-memory-total', txMemory.total],
    ...['--ready-timeout', `${Math.max(1, Math.ceil(s.readyTimeoutMs / 1000))}s`],
    ...(s.httpPort === null ? [] : ['--http-port', String(s.httpPort)]),
  ];
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/**
 * stop() for a launcher: EOF on its stdin first (it stops and exits 0); SIGTERM if still running after
 * STOP_TERM_AFTER_MS, SIGKILL STOP_KILL_AFTER_MS later. Closing the pipe and signalling at once raced
 * the two (exit 0 or 143, depending on which the JVM saw first).
 */
function stopper(child: ChildProcess, exited: Promise<Exit>, log: (line: string) => void, done: () => void) {
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.stdin?.end();
        let kill: NodeJS.Timeout | undefined;
        const term = setTimeout(() => {
          child.kill('SIGTERM');
          kill = setTimeout(() => {
            log(
              `Embedded Neo4j (pid ${child.pid}) did not stop within ${STOP_KILL_AFTER_MS / 1000} s; killing it.`,
            );
            child.kill('SIGKILL');
          }, STOP_KILL_AFTER_MS);
        }, STOP_TERM_AFTER_MS);
        try {
          await exited;
        } finally {
          clearTimeout(term);
          clearTimeout(kill);
        }
      }
      done();
    })();
    return stopping;
  };
  return { stop, stopped: () => stopping !== null };
}

/**
 * Resolves with the launcher's NEO4J_READY line; rejects (after making sure the process is gone) on
 * NEO4J_ERROR, an early exit, a failed spawn or the ready timeout, quoting the Neo4j log.
 */
function awaitReady(
  s: Settings,
  java: DetectedJava,
  child: ChildProcess,
  exited: Promise<Exit>,
  stop: () => Promise<void>,
): Promise<{ uri: string; version: string; httpUri?: string }> {
  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    s.log(`[neo4j] ${line}`);
  });

  const failure = async (
    code: Neo4jStartErrorCode,
    message: string,
    hint?: string,
  ): Promise<Neo4jStartError> => {
    const tail = await readLogTail(s.logFile, LOG_TAIL_LINES);
    const quoted = tail.length
      ? `\nLast ${tail.length} lines of ${s.logFile}:\n${tail.join('\n')}`
      : stderrTail.length
        ? `\nLast lines of the launcher's stderr:\n${stderrTail.slice(-LOG_TAIL_LINES).join('\n')}`
        : '';
    return new Neo4jStartError(
      code,
      message + quoted,
      hint ?? ERROR_HINTS[code] ?? ERROR_HINTS.START_FAILED!,
      {
        logTail: tail.length ? tail : stderrTail.slice(-LOG_TAIL_LINES),
      },
    );
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    /** Stops the launcher (it may still be running), then rejects with what `make` builds. */
    const fail = (make: () => Neo4jStartError | Promise<Neo4jStartError>) =>
      settle(() => void stop().then(async () => reject(await make())));

    const timer = setTimeout(
      () =>
        fail(() =>
          failure(
            'TIMEOUT',
            `The embedded Neo4j did not report ready within ${s.readyTimeoutMs / 1000} s; it was stopped.`,
          ),
        ),
      s.readyTimeoutMs,
    );

    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const readyLine = /^NEO4J_READY (\S+) (\S+)(?: (\S+))?/.exec(line);
      if (readyLine?.[1] && readyLine[2]) {
        const [, uri, version, httpUri] = readyLine;
        return settle(() => resolve({ uri, version, ...(httpUri ? { httpUri } : {}) }));
      }
      const err = /^NEO4J_ERROR (\S+) ?(.*)$/.exec(line);
      if (err?.[1]) {
        const message = err[2] ?? '';
        // The launcher exits by itself after NEO4J_ERROR; fail() makes sure of it before rejecting.
        if (err[1] === 'PORT_IN_USE') return fail(() => portInUseError(s.host, s.port, message));
        const locked = /locked by another process|store_lock/i.test(message);
        return fail(() =>
          failure(
            'START_FAILED',
            `The embedded Neo4j failed to start: ${message}`,
            locked
              ? `Another Neo4j is using ${s.dataDir}: stop it (look for a java process with --data-dir ${s.dataDir}), ` +
                  `or give this one another data dir with NEO4J_DATA_DIR, ${USE_EXISTING_NEO4J_HINT}.`
              : undefined,
          ),
        );
      }
      if (line.trim() !== 'NEO4J_STOPPED') s.log(`[neo4j] ${line}`);
    });

    child.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        () =>
          new Neo4jStartError(
            e.code === 'ENOENT' ? 'JAVA_MISSING' : 'START_FAILED',
            `Could not run ${java.command}: ${e.message}`,
            ERROR_HINTS.START_FAILED!,
            { cause: e },
          ),
      ),
    );

    void exited.then(({ code, signal }) =>
      fail(() =>
        failure(
          'START_FAILED',
          `The embedded Neo4j exited before it was ready (${signal ? `signal ${signal}` : `exit code ${code}`}).`,
        ),
      ),
    );
  });
}

/**
 * Starts the embedded Neo4j and resolves once Bolt accepts connections. Rejects with
 * Neo4jStartError (JAVA_MISSING, JAVA_TOO_OLD, BUILD_FAILED, PORT_IN_USE, START_FAILED, TIMEOUT).
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const s = settingsOf(opts);
  const java = await detectJava(s.env);
  const jvm = jvmArguments(java, s.heap);
  await ensureLauncherBuilt({ repoRoot: s.repoRoot, log: s.log, env: s.env });
  if (!(await isPortFree(s.port, s.host))) throw portInUseError(s.host, s.port);
  // The store, its logs (query texts) and the password: this user's only.
  await fsp.mkdir(s.dataDir, { recursive: true, mode: 0o700 });
  await fsp.chmod(s.dataDir, 0o700);
  const password = await boltPassword(s.dataDir);

  s.log(
    `Starting embedded Neo4j ${NEO4J_VERSION} on bolt://${s.host}:${s.port} (Java ${java.version}, data ${s.dataDir})…`,
  );
  const t0 = Date.now();
  const child = spawn(java.command, [...jvm, ...launcherArguments(s)], {
    cwd: s.repoRoot,
    env: { ...s.env, NEO4J_EMBEDDED_PASSWORD: password },
    // stdin: a pipe we keep open and never write to; its EOF tells the launcher to stop.
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // A failed spawn emits 'error' (and no 'exit'); awaitReady handles it.
  child.on('error', noop);
  child.stdin?.on('error', noop); // EPIPE once the launcher is gone

  const { stop, stopped } = stopper(child, exited, s.log, () => untrack(entry));
  const entry: Running = { child, stop };
  track(entry);

  const { uri, version, httpUri } = await awaitReady(s, java, child, exited, stop);
  s.log(
    `Embedded Neo4j ${version} ready at ${uri} in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${child.pid}).`,
  );
  void exited.then(({ code, signal }) => {
    if (stopped()) return;
    s.log(
      `Embedded Neo4j (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}); see ${s.logFile}.`,
    );
    untrack(entry);
  });
  return {
    uri,
    ...(httpUri ? { httpUri } : {}),
    version,
    pid: child.pid!,
    dataDir: s.dataDir,
    logFile: s.logFile,
    auth: { user: 'neo4j', password },
    exited,
    stop,
  };
}
