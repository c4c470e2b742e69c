/**
 * Ensures dist/client holds a build of client/: runs `vite build` when the build is missing or older
 * than any client source, printing Vite's progress line by line. `npm start` calls it before
 * listening; the browser tests call it before loading the page. A fresh build costs nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../store/repo';

const repoRoot = REPO_ROOT;
export const CLIENT_SOURCE_DIR = path.join(repoRoot, 'client');
export const CLIENT_BUILD_DIR = path.join(repoRoot, 'dist/client');
const CONFIG = path.join(CLIENT_SOURCE_DIR, 'vite.config.mts');
/** Written last by every build, so its age is the build's. */
const BUILD_MARK = path.join(CLIENT_BUILD_DIR, 'index.html');

/** The newest source file under `dir` (documentation excluded), as [mtimeMs, path]. */
function newestSource(dir: string): [number, string] {
  let newest: [number, string] = [0, dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const candidate: [number, string] = entry.isDirectory()
      ? newestSource(full)
      : entry.name.endsWith('.md')
        ? [0, full]
        : [statSync(full).mtimeMs, full];
    if (candidate[0] > newest[0]) newest = candidate;
  }
  return newest;
}

/** Why the client must be built (in words for the log), or null when dist/client is up to date. */
export function staleReason(sourceDir = CLIENT_SOURCE_DIR, mark = BUILD_MARK): string | null {
  if (!existsSync(mark)) return 'no build in dist/client yet';
  const built = statSync(mark).mtimeMs;
  const [changed, file] = newestSource(sourceDir);
  return changed > built ? `${path.relative(repoRoot, file)} changed since the last build` : null;
}

export interface ClientBuildOptions {
  log?: (line: string) => void;
  force?: boolean;
}

/** Builds the client when stale; resolves with whether it built. */
export async function ensureClientBuilt({
  log = console.log,
  force = false,
}: ClientBuildOptions = {}): Promise<boolean> {
  const reason = force ? 'rebuild requested' : staleReason();
  if (!reason) return false;
  log(`Building the web client (${reason})…`);
  const started = Date.now();
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', CONFIG], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onLine = (line: string) => {
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > 30) tail.shift();
      log(`  [client] ${line}`);
    };
    let pending = '';
    const onData = (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      onLine(pending);
      if (code === 0) return resolve();
      const error = new Error(`Building the web client failed (vite build exited with ${code ?? signal})`);
      (error as Error & { hint: string }).hint =
        'Run `npm run build:client` to see the whole output; `npm install` if Vite is missing.';
      reject(error);
    });
  });
  log(`Web client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
