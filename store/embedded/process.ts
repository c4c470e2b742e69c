/**
 * The embedded Neo4j: used when NEO4J_URI is not set. Builds the Java launcher in neo4j/ with Maven
 * on first use, starts it as a child `java` process with a Bolt connector on loopback (no auth),
 * and makes sure that process never outlives this one.
 *
 * Protocol with the launcher (neo4j/src/main/java/org/policygraph/neo4j/EmbeddedNeo4j.java), on its
 * stdout, one line each:
 *   NEO4J_READY <bolt uri> <version>       Bolt accepts connections
 *   NEO4J_ERROR <code> <message>           PORT_IN_USE | START_FAILED; then it exits non-zero
 *   NEO4J_STOPPED                          clean shutdown finished
 * Its stdin is a pipe we never write to: when it reaches EOF (we closed it, or this process died,
 * even by SIGKILL) the launcher shuts down. That is the backstop against orphaned JVMs; the signal
 * and exit handlers below are the polite path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import {
  Neo4jStartError,
  USE_EXISTING_NEO4J_HINT,
  detectJava,
  detectMaven,
  lastLines,
  type Neo4jStartErrorCode,
} from './java';

export { Neo4jStartError, type Neo4jStartErrorCode } from './java';

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
  /** Bolt port. Default: $NEO4J_BOLT_PORT, else 7687. */
  port?: number;
  /** Listen address for Bolt. Default 127.0.0.1 (auth is off: keep it on loopback). */
  host?: string;
  /** Neo4j home: databases under <dataDir>/data, logs under <dataDir>/logs. Default <repoRoot>/.data/neo4j. */
  dataDir?: string;
  /** Page cache size, Neo4j syntax ("512m", "2g"). Default: $NEO4J_PAGECACHE, else 512m. */
  pageCache?: string;
  /** Max heap ("2g"); -Xms is 512m or this, whichever is smaller. Default: $NEO4J_HEAP, else 2g. */
  heap?: string;
  /** Default transaction timeout, Neo4j duration syntax ("30s", "2m"). Default: $NEO4J_TX_TIMEOUT, else 30s. */
  txTimeout?: string;
  /** Most memory one transaction may use ("512m"). Default: $NEO4J_TX_MEMORY, else a quarter of the heap. */
  txMemory?: string | null;
  /** How long to wait for NEO4J_READY. Default 120 s. */
  readyTimeoutMs?: number;
  /** Progress and launcher output, one line per call. Default: nothing. */
  log?: (line: string) => void;
  /** Environment for java/mvn lookups (JAVA_HOME, PATH, NEO4J_*). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface EmbeddedNeo4j {
  /** e.g. bolt://127.0.0.1:7687 */
  uri: string;
  /** Neo4j version as reported by the launcher, e.g. 5.26.30 */
  version: string;
  /** pid of the java process. */
  pid: number;
  dataDir: string;
  /** The Neo4j log to read when something goes wrong: <dataDir>/logs/debug.log */
  logFile: string;
  /** Resolves when the java process has exited (for whatever reason). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Closes stdin; SIGTERM if still running after 5 s, SIGKILL 20 s later. Resolves once the process is gone. Idempotent. */
  stop(): Promise<void>;
}

export interface LauncherPaths {
  dir: string;
  pom: string;
  src: string;
  jar: string;
  lib: string;
}

export function launcherPaths(repoRoot: string): LauncherPaths {
  const dir = path.join(repoRoot, 'neo4j');
  return {
    dir,
    pom: path.join(dir, 'pom.xml'),
    src: path.join(dir, 'src'),
    jar: path.join(dir, 'target', 'embedded-neo4j.jar'),
    lib: path.join(dir, 'target', 'lib'),
  };
}

export function defaultDataDir(repoRoot: string): string {
  return path.join(repoRoot, '.data', 'neo4j');
}

/** The Neo4j log file for a data dir. */
export function neo4jLogFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'debug.log');
}

const noop = (): void => {};

// ---------------------------------------------------------------------------------------------
// Building the launcher
// ---------------------------------------------------------------------------------------------

async function newestMtime(p: string): Promise<number> {
  let st: fs.Stats;
  try {
    st = await fsp.stat(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of await fsp.readdir(p)) {
    newest = Math.max(newest, await newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Why the launcher needs (re)building, or null when target/ is up to date. */
export async function launcherStaleReason(repoRoot: string): Promise<string | null> {
  const p = launcherPaths(repoRoot);
  let jarMtime: number;
  try {
    jarMtime = (await fsp.stat(p.jar)).mtimeMs;
  } catch {
    return 'first run';
  }
  let libCount = 0;
  try {
    libCount = (await fsp.readdir(p.lib)).filter((f) => f.endsWith('.jar')).length;
  } catch {
    /* missing */
  }
  if (libCount === 0) return `${path.relative(repoRoot, p.lib)} is missing`;
  const sources = Math.max(await newestMtime(p.pom), await newestMtime(p.src));
  if (sources > jarMtime) return 'neo4j/pom.xml or neo4j/src changed';
  return null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Takes neo4j/target/.build.lock so two processes starting at once (say the test setup and the
 * server) do not run Maven over each other. A lock whose owner is dead is taken over.
 */
async function withBuildLock<T>(
  repoRoot: string,
  log: (l: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const target = path.join(launcherPaths(repoRoot).dir, 'target');
  await fsp.mkdir(target, { recursive: true });
  const lock = path.join(target, '.build.lock');
  const deadline = Date.now() + 30 * 60_000;
  let told = false;
  for (;;) {
    try {
      const fh = await fsp.open(lock, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number((await fsp.readFile(lock, 'utf8').catch(() => '')).trim());
      if (!Number.isInteger(owner) || owner <= 0 || !pidAlive(owner)) {
        // Stale (or still being written: give a fresh lock a moment before breaking it).
        const age = Date.now() - ((await fsp.stat(lock).catch(() => null))?.mtimeMs ?? 0);
        if (age > 2000) await fsp.rm(lock, { force: true });
      } else if (!told) {
        log(`Waiting for the embedded Neo4j build that pid ${owner} is running…`);
        told = true;
      }
      if (Date.now() > deadline) {
        throw new Neo4jStartError(
          'BUILD_FAILED',
          `Timed out waiting for ${lock} (held by pid ${owner}).`,
          `Remove ${lock} if no build is running, ${USE_EXISTING_NEO4J_HINT}.`,
        );
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(lock, { force: true });
  }
}

/**
 * Builds neo4j/target/embedded-neo4j.jar (+ target/lib) with Maven when it is missing or older
 * than neo4j/pom.xml or neo4j/src. The first build downloads Neo4j from Maven Central (~150 MB
 * into ~/.m2); Maven's progress lines go through opts.log.
 */
export async function ensureLauncherBuilt(opts: {
  repoRoot: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Build even when target/ looks up to date. */
  force?: boolean;
}): Promise<void> {
  const log = opts.log ?? noop;
  const env = opts.env ?? process.env;
  const paths = launcherPaths(opts.repoRoot);
  if (!opts.force && (await launcherStaleReason(opts.repoRoot)) === null) return;
  if (!fs.existsSync(paths.pom)) {
    throw new Neo4jStartError(
      'BUILD_FAILED',
      `${paths.pom} does not exist, so the embedded Neo4j launcher cannot be built.`,
      `Run from a full checkout of the repository, ${USE_EXISTING_NEO4J_HINT}.`,
    );
  }
  await withBuildLock(opts.repoRoot, log, async () => {
    // Somebody else may have built it while we waited for the lock.
    const reason = opts.force ? 'forced' : await launcherStaleReason(opts.repoRoot);
    if (reason === null) return;
    const mvn = await detectMaven(env);
    const firstRun = reason === 'first run';
    log(
      firstRun
        ? 'Building embedded Neo4j (first run, downloads ~150 MB from Maven Central)…'
        : `Rebuilding embedded Neo4j (${reason})…`,
    );
    const started = Date.now();
    const args = ['-B', '-Dstyle.color=never', '-f', paths.pom, 'package', '-DskipTests'];
    const tail: string[] = [];
    const child = spawn(mvn.command, args, {
      cwd: opts.repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const onLine = (line: string): void => {
      const clean = line.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
      tail.push(clean);
      if (tail.length > 60) tail.shift();
      log(`[mvn] ${clean}`);
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    const [code, signal] = (await Promise.race([
      once(child, 'exit'),
      once(child, 'error').then(([e]) => {
        throw e;
      }),
    ])) as [number | null, NodeJS.Signals | null];
    if (code !== 0) {
      const boilerplate =
        /^\[ERROR\]\s*($|->|To see the full|Re-run Maven|For more information|\[Help \d+\])/;
      const errors = [...new Set(tail.filter((l) => /^\[ERROR\]/.test(l) && !boilerplate.test(l)))];
      throw new Neo4jStartError(
        'BUILD_FAILED',
        `Building the embedded Neo4j launcher failed (mvn exited with ${code ?? signal}).\n` +
          (errors.length ? errors : tail.slice(-20)).join('\n'),
        `Fix the Maven build (run \`mvn -B -f neo4j/pom.xml package -DskipTests\` to see it whole; ` +
          `it needs Maven Central), ${USE_EXISTING_NEO4J_HINT}.`,
        { logTail: tail.slice(-LOG_TAIL_LINES) },
      );
    }
    if (!fs.existsSync(paths.jar)) {
      throw new Neo4jStartError(
        'BUILD_FAILED',
        `mvn succeeded but ${paths.jar} is not there.`,
        `Check neo4j/pom.xml (finalName embedded-neo4j), ${USE_EXISTING_NEO4J_HINT}.`,
      );
    }
    log(`Built embedded Neo4j launcher in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });
}

// ---------------------------------------------------------------------------------------------
// Ports and sizes
// ---------------------------------------------------------------------------------------------

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

const SIZE_RE = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i;

/** Bytes in a size like "512m", "2g", "1.5G", "4096k", "1073741824". Null when unparseable. */
export function parseSize(size: string): number | null {
  const m = SIZE_RE.exec(size.trim());
  if (!m || m[1] === undefined) return null;
  const unit = (m[2] ?? '').toLowerCase();
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

/** JVM heap flags for a max heap size: -Xms512m (or less, if max is smaller) and -Xmx<max>. */
export function heapFlags(heap: string): string[] {
  const bytes = parseSize(heap);
  if (bytes === null || bytes < 64 * 1024 ** 2) {
    throw new Neo4jStartError(
      'START_FAILED',
      `Invalid heap size "${heap}" for the embedded Neo4j.`,
      'Set NEO4J_HEAP to a size such as 1g, 2g or 1536m (at least 64m).',
    );
  }
  const mb = Math.max(64, Math.floor(bytes / 1024 ** 2));
  return [`-Xms${Math.min(512, mb)}m`, `-Xmx${mb}m`];
}

/**
 * Memory bounds for transactions from the heap size: one transaction at most a quarter of it, all
 * together at most 70 %, so a query that builds a huge value fails alone (Neo4j answers it with a
 * memory error) instead of taking the heap from everyone else.
 */
export function transactionMemory(
  heap: string,
  perTransaction?: string | null,
): { one: string; total: string } {
  const mb = Math.floor((parseSize(heap) ?? 2 * 1024 ** 3) / 1024 ** 2);
  return { one: perTransaction ?? `${Math.max(32, Math.floor(mb / 4))}m`, total: `${Math.floor(mb * 0.7)}m` };
}

/**
 * JVM flags besides the heap, following what the Neo4j server scripts use, with one exception: no
 * -XX:+ExitOnOutOfMemoryError. A read query can ask for one value larger than the heap (a string
 * doubled forty times); that allocation fails alone, Neo4j answers the query with
 * Neo.TransientError.General.OutOfMemoryError and goes on, where the flag would end the whole
 * database for every user. A Neo4j that does die is restarted by the server (main.ts).
 */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
];

// ---------------------------------------------------------------------------------------------
// Never leave a JVM behind
// ---------------------------------------------------------------------------------------------

interface Running {
  child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<Running>();
const HANDLED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let handlersInstalled = false;
let signalledAt: number | null = null;

function killAllNow(): void {
  for (const r of running) {
    try {
      r.child.stdin?.destroy();
      r.child.kill('SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

function onExit(): void {
  // Synchronous only: SIGTERM runs the launcher's shutdown hook; our end of its stdin pipe closes
  // as this process goes away anyway.
  killAllNow();
}

function onUncaught(): void {
  // Monitor only (does not change Node's crash behaviour); 'exit' follows and does the same.
  killAllNow();
}

function onSignal(signal: NodeJS.Signals): void {
  const code = 128 + (os.constants.signals[signal] ?? 1);
  if (signalledAt !== null) {
    // The same Ctrl-C can arrive twice (from the terminal and relayed by a wrapper such as tsx).
    if (Date.now() - signalledAt < 1000) return;
    // A second signal while stopping: do not wait any longer.
    for (const r of running) r.child.kill('SIGKILL');
    process.exit(code);
  }
  signalledAt = Date.now();
  // Other listeners for this signal own the process's exit; when there are none, we do what the
  // default handler would have done, once Neo4j is down.
  const othersListen = process.listenerCount(signal) > 1;
  void Promise.allSettled([...running].map((r) => r.stop())).then(() => {
    signalledAt = null;
    if (!othersListen) process.exit(code);
  });
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  process.on('uncaughtExceptionMonitor', onUncaught);
  for (const s of HANDLED_SIGNALS) process.on(s, onSignal);
}

function removeHandlersIfIdle(): void {
  if (!handlersInstalled || running.size > 0) return;
  handlersInstalled = false;
  process.removeListener('exit', onExit);
  process.removeListener('uncaughtExceptionMonitor', onUncaught);
  for (const s of HANDLED_SIGNALS) process.removeListener(s, onSignal);
}

// ---------------------------------------------------------------------------------------------
// Starting
// ---------------------------------------------------------------------------------------------

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

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

function resolvePort(opts: EmbeddedOptions, env: NodeJS.ProcessEnv): number {
  if (opts.port !== undefined) return opts.port;
  const fromEnv = envValue(env, 'NEO4J_BOLT_PORT');
  if (!fromEnv) return DEFAULT_BOLT_PORT;
  const n = Number(fromEnv);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Neo4jStartError(
      'START_FAILED',
      `NEO4J_BOLT_PORT=${fromEnv} is not a port number.`,
      'Set NEO4J_BOLT_PORT to a free TCP port (1-65535), or unset it to use 7687.',
    );
  }
  return n;
}

/**
 * Starts the embedded Neo4j and resolves once Bolt accepts connections. Rejects with
 * Neo4jStartError (JAVA_MISSING, JAVA_TOO_OLD, BUILD_FAILED, PORT_IN_USE, START_FAILED, TIMEOUT).
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const log = opts.log ?? noop;
  const env = opts.env ?? process.env;
  const repoRoot = path.resolve(opts.repoRoot);
  const host = opts.host ?? DEFAULT_HOST;
  const port = resolvePort(opts, env);
  const dataDir = path.resolve(opts.dataDir ?? defaultDataDir(repoRoot));
  const pageCache = opts.pageCache ?? envValue(env, 'NEO4J_PAGECACHE') ?? DEFAULT_PAGE_CACHE;
  const heap = opts.heap ?? envValue(env, 'NEO4J_HEAP') ?? DEFAULT_HEAP;
  const txTimeout = opts.txTimeout ?? envValue(env, 'NEO4J_TX_TIMEOUT') ?? DEFAULT_TX_TIMEOUT;
  const txMemory = transactionMemory(heap, opts.txMemory ?? envValue(env, 'NEO4J_TX_MEMORY'));
  const readyTimeoutMs = opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const logFile = neo4jLogFile(dataDir);

  const java = await detectJava(env);
  const jvmHeap = heapFlags(heap);
  await ensureLauncherBuilt({ repoRoot, log, env });
  if (!(await isPortFree(port, host))) throw portInUseError(host, port);
  await fsp.mkdir(dataDir, { recursive: true });

  const paths = launcherPaths(repoRoot);
  const args = [
    ...jvmHeap,
    ...JVM_FLAGS,
    // Java 23+ warns on every start that Neo4j 5 uses sun.misc.Unsafe; the flag does not exist before 23.
    ...(java.major >= 23 ? ['--sun-misc-unsafe-memory-access=allow'] : []),
    '-jar',
    paths.jar,
    '--host',
    host,
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--page-cache',
    pageCache,
    '--tx-timeout',
    txTimeout,
    '--tx-memory',
    txMemory.one,
    '--tx-memory-total',
    txMemory.total,
    '--ready-timeout',
    `${Math.max(1, Math.ceil(readyTimeoutMs / 1000))}s`,
  ];
  log(
    `Starting embedded Neo4j ${NEO4J_VERSION} on bolt://${host}:${port} (Java ${java.version}, data ${dataDir})…`,
  );
  const t0 = Date.now();
  const child = spawn(java.command, args, {
    cwd: repoRoot,
    env,
    // stdin: a pipe we keep open and never write to; its EOF tells the launcher to stop.
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // A failed spawn emits 'error' (and no 'exit'); the start promise below handles it.
  child.on('error', noop);
  child.stdin?.on('error', noop); // EPIPE once the launcher is gone

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        // EOF on stdin first: the launcher stops and exits 0. Closing the pipe and signalling at once
        // raced the two (exit 0 or 143, depending on which the JVM saw first).
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
      running.delete(entry);
      removeHandlersIfIdle();
    })();
    return stopping;
  };
  const entry: Running = { child, stop };
  running.add(entry);
  installHandlers();

  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    log(`[neo4j] ${line}`);
  });

  const failure = async (
    code: Neo4jStartErrorCode,
    message: string,
    hint?: string,
  ): Promise<Neo4jStartError> => {
    const tail = await readLogTail(logFile, LOG_TAIL_LINES);
    const quoted = tail.length
      ? `\nLast ${tail.length} lines of ${logFile}:\n${tail.join('\n')}`
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

  const ready = new Promise<{ uri: string; version: string }>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() => {
        void stop().then(async () =>
          reject(
            await failure(
              'TIMEOUT',
              `The embedded Neo4j did not report ready within ${readyTimeoutMs / 1000} s; it was stopped.`,
            ),
          ),
        );
      });
    }, readyTimeoutMs);

    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const readyLine = /^NEO4J_READY (\S+) (\S+)/.exec(line);
      if (readyLine?.[1] && readyLine[2]) {
        const [, uri, version] = readyLine;
        settle(() => resolve({ uri, version }));
        return;
      }
      const err = /^NEO4J_ERROR (\S+) ?(.*)$/.exec(line);
      if (err?.[1]) {
        const code = err[1];
        const message = err[2] ?? '';
        settle(() => {
          // The launcher exits by itself after NEO4J_ERROR; make sure of it before rejecting.
          void stop().then(async () =>
            reject(
              code === 'PORT_IN_USE'
                ? portInUseError(host, port, message)
                : await failure(
                    'START_FAILED',
                    `The embedded Neo4j failed to start: ${message}`,
                    /locked by another process|store_lock/i.test(message)
                      ? `Another Neo4j is using ${dataDir}: stop it (look for a java process with --data-dir ${dataDir}), ` +
                          `or give this one another data dir with NEO4J_DATA_DIR, ${USE_EXISTING_NEO4J_HINT}.`
                      : undefined,
                  ),
            ),
          );
        });
        return;
      }
      if (line.trim() === 'NEO4J_STOPPED') return;
      log(`[neo4j] ${line}`);
    });

    child.once('error', (e: NodeJS.ErrnoException) => {
      settle(() => {
        void stop().then(() =>
          reject(
            new Neo4jStartError(
              e.code === 'ENOENT' ? 'JAVA_MISSING' : 'START_FAILED',
              `Could not run ${java.command}: ${e.message}`,
              ERROR_HINTS.START_FAILED!,
              { cause: e },
            ),
          ),
        );
      });
    });

    void exited.then(({ code, signal }) => {
      settle(() => {
        void stop().then(async () =>
          reject(
            await failure(
              'START_FAILED',
              `The embedded Neo4j exited before it was ready (${signal ? `signal ${signal}` : `exit code ${code}`}).`,
            ),
          ),
        );
      });
    });
  });

  const { uri, version } = await ready;
  log(
    `Embedded Neo4j ${version} ready at ${uri} in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${child.pid}).`,
  );
  void exited.then(({ code, signal }) => {
    if (!stopping) {
      log(
        `Embedded Neo4j (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}); see ${logFile}.`,
      );
      running.delete(entry);
      removeHandlersIfIdle();
    }
  });

  return { uri, version, pid: child.pid!, dataDir, logFile, exited, stop };
}
