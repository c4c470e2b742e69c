/**
 * Signals reach every process a command starts: `timeout 30 npm run ingest -- …` (SIGTERM to npm) or
 * SIGTERM to `npm start` leaves no node or java process of the tree running.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../testkit/db';
import { freePorts } from '../../testkit/ports';
import { alive, commandLine, descendants, eventually } from '../../testkit/process';

const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');

/** Starts `npm run <script> -- …args` with the embedded Neo4j in a folder of its own. */
async function npmRun(script: string, args: string[], dataDir: string) {
  const [bolt, http] = await freePorts(2);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_BOLT_PORT: String(bolt),
    NEO4J_DATA_DIR: dataDir,
    // The originals beside it would be the repository's .data/sources.
    SOURCES_DIR: path.join(dataDir, 'sources'),
    NEO4J_HEAP: '1g',
    PORT: String(http),
  };
  delete env.NEO4J_URI;
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    waiters.forEach((w) => w());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          waiters.delete(check);
          resolve();
        } else if (child.exitCode !== null) reject(new Error(`exited before ${pattern}:\n${output}`));
      };
      waiters.add(check);
      void exited.then(check);
      check();
    });
  return { child, waitFor, exited, output: () => output };
}

describe('signals reach the whole process tree', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(repoRoot, '.data/test-signals-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    ['npm run ingest', 'ingest', [SEED]],
    ['npm start', 'start', []],
  ])('%s: SIGTERM to npm while Neo4j starts leaves nothing running', async (_name, script, args) => {
    const run = await npmRun(script, args as string[], dataDir);
    await run.waitFor(/Starting embedded Neo4j/);
    // Signalled while Neo4j's JVM is starting: node and java both run under npm.
    await eventually(
      () => descendants(run.child.pid!).some((pid) => commandLine(pid).includes('embedded-neo4j.jar')),
      30_000,
      'the embedded Neo4j to be started',
    );
    const tree = descendants(run.child.pid!);
    expect(tree.map(commandLine).join('\n')).toMatch(/node .*--import tsx/);
    run.child.kill('SIGTERM');
    await run.exited;
    // Stopped, not left to finish on its own: within the launcher's own stop time, and without
    // reaching the end of its work.
    await eventually(
      () => tree.every((pid) => !alive(pid)),
      15_000,
      `the processes ${tree.join(', ')} to end`,
    );
    expect(run.output()).not.toMatch(/Neo4j: \d+ created|ready at http/);
  });
});
