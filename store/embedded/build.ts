/**
 * Building the embedded Neo4j's Java launcher (neo4j/) with Maven when it is missing or older than
 * its sources; two processes starting at once do not build over each other.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { Neo4jStartError, USE_EXISTING_NEO4J_HINT, detectMaven } from './java';

/** Lines of Maven's output quoted in a build error. */
const LOG_TAIL_LINES = 30;
const noop = (): void => {};

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
