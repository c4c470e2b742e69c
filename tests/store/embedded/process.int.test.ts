/**
 * The embedded Neo4j launcher, for real: build (if needed), start on a free port with its own data
 * dir, talk Bolt, a `cjk` full-text index, stop; PORT_IN_USE from both the Node check and the
 * launcher's own; and no java left behind when the Node parent is SIGKILLed.
 *
 * These tests start their own instances and do not use the one tests/setup/global-setup.ts starts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import neo4j from 'neo4j-driver';
import {
  NEO4J_VERSION,
  Neo4jStartError,
  ensureLauncherBuilt,
  isPortFree,
  launcherPaths,
  passwordFile,
  startEmbedded,
  type EmbeddedNeo4j,
} from '../../../store/embedded/process';
import { freePort } from '../../../testkit/ports';

const repoRoot = path.resolve(__dirname, '../../..');
const log = (line: string): void => {
  process.stderr.write(`[embedded.int] ${line}\n`);
};

/** True while `pid` is a live process (a zombie counts as gone). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false; // gone between the two checks
  }
}

/** Polls until `condition` holds; fails after `timeoutMs`. For state in other processes. */
async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

/** Whatever a failing test leaves running is killed here, so no test leaves a JVM behind. */
const leftovers = new Set<number>();
const tempDirs: string[] = [];

async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `embedded-neo4j-${name}-`));
  tempDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  const t0 = Date.now();
  await ensureLauncherBuilt({ repoRoot, log });
  log(`launcher ready (${Date.now() - t0} ms)`);
}, 15 * 60_000);

afterAll(async () => {
  for (const pid of leftovers) {
    if (isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('embedded Neo4j', () => {
  it('starts on a free port, serves Bolt and a cjk full-text index, and stops', async () => {
    const port = await freePort();
    const dataDir = await tempDir('main');
    const t0 = Date.now();
    let instance: EmbeddedNeo4j | undefined = await startEmbedded({
      repoRoot,
      port,
      dataDir,
      heap: '1g',
      pageCache: '128m',
      txTimeout: '45s',
      log,
    });
    const startMs = Date.now() - t0;
    leftovers.add(instance.pid);
    try {
      log(`start-to-ready ${startMs} ms`);
      expect(instance.uri).toBe(`bolt://127.0.0.1:${port}`);
      expect(instance.version).toBe(NEO4J_VERSION);
      expect(isAlive(instance.pid)).toBe(true);
      expect(instance.logFile).toBe(path.join(dataDir, 'logs', 'debug.log'));

      // Bolt (and so Bolt over WebSocket, which any web page may open) needs the data folder's password.
      for (const auth of [undefined, neo4j.auth.basic('neo4j', 'neo4j')]) {
        const stranger = neo4j.driver(instance.uri, auth);
        await expect(stranger.executeQuery('RETURN 1')).rejects.toMatchObject({
          code: 'Neo.ClientError.Security.Unauthorized',
        });
        await stranger.close();
      }
      expect((await stat(passwordFile(dataDir))).mode & 0o777).toBe(0o600);
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect(instance.auth.password).toBe((await readFile(passwordFile(dataDir), 'utf8')).trim());

      const driver = neo4j.driver(instance.uri, neo4j.auth.basic(instance.auth.user, instance.auth.password));
      try {
        const one = await driver.executeQuery('RETURN 1 AS one');
        expect(one.records[0]?.get('one').toNumber()).toBe(1);

        // What the launcher configured (auth on, no HTTP, the given page cache and timeout).
        const config = await driver.executeQuery(
          `CALL dbms.listConfig() YIELD name, value
           WHERE name IN ['dbms.security.auth_enabled', 'server.http.enabled', 'server.https.enabled',
                          'server.bolt.enabled', 'server.memory.pagecache.size', 'db.transaction.timeout']
           RETURN name, value`,
        );
        const settings = Object.fromEntries(config.records.map((r) => [r.get('name'), r.get('value')]));
        expect(settings).toMatchObject({
          'dbms.security.auth_enabled': 'true',
          'server.http.enabled': 'false',
          'server.https.enabled': 'false',
          'server.bolt.enabled': 'true',
          'db.transaction.timeout': '45s',
        });
        expect(String(settings['server.memory.pagecache.size'])).toMatch(/^(128\.00MiB|134217728|128m)$/i);

        await driver.executeQuery(
          'CREATE FULLTEXT INDEX embedded_cjk_test IF NOT EXISTS FOR (m:Measure) ON EACH [m.text] ' +
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
        );
        await driver.executeQuery('CALL db.awaitIndexes(60)');
        const index = await driver.executeQuery(
          "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'embedded_cjk_test' RETURN options",
        );
        expect(index.records[0]?.get('options').indexConfig['fulltext.analyzer']).toBe('cjk');

        await driver.executeQuery(`UNWIND $texts AS text CREATE (:Measure {text: text})`, {
          texts: ['推进粤港澳大湾区港口群协同发展', '加强两地人才交流合作', '推進港口資訊互聯互通'],
        });
        const hits = await driver.executeQuery(
          "CALL db.index.fulltext.queryNodes('embedded_cjk_test', $q) YIELD node, score RETURN node.text AS text ORDER BY score DESC",
          { q: '港口' },
        );
        const texts = hits.records.map((r) => r.get('text') as string);
        expect(texts).toEqual(
          expect.arrayContaining(['推进粤港澳大湾区港口群协同发展', '推進港口資訊互聯互通']),
        );
        expect(texts).not.toContain('加强两地人才交流合作');
      } finally {
        await driver.close();
      }

      // A second Neo4j on the same data dir fails on the store lock: START_FAILED, quoting the log.
      const second = await startEmbedded({
        repoRoot,
        port: await freePort(),
        dataDir,
        heap: '512m',
        pageCache: '64m',
        log,
      }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(Neo4jStartError);
      expect(second).toMatchObject({ code: 'START_FAILED' });
      const secondError = second as Neo4jStartError;
      expect(secondError.message).toMatch(/locked by another process/);
      expect(secondError.message).toContain(`Last 30 lines of ${instance.logFile}`);
      expect(secondError.logTail).toHaveLength(30);
      expect(secondError.hint).toContain('Another Neo4j is using');
      expect(isAlive(instance.pid)).toBe(true);

      const t1 = Date.now();
      await instance.stop();
      log(`stop ${Date.now() - t1} ms`);
      expect(isAlive(instance.pid)).toBe(false);
      await expect(instance.exited).resolves.toMatchObject({ code: 0 });
      expect(await isPortFree(port)).toBe(true);
      await instance.stop(); // idempotent
      instance = undefined;
    } finally {
      await instance?.stop();
    }
  }, 240_000);

  it('reports PORT_IN_USE, naming the port and the way out, when the Bolt port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const dataDir = await tempDir('port');
    try {
      const error = await startEmbedded({ repoRoot, port, dataDir, log }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Neo4jStartError);
      const e = error as Neo4jStartError;
      expect(e.code).toBe('PORT_IN_USE');
      expect(e.message).toContain(String(port));
      expect(e.hint).toContain('NEO4J_BOLT_PORT=');
      expect(e.hint).toContain('NEO4J_URI');

      // The launcher makes the same check itself (for `java -jar` use, and any race with the above).
      const direct = spawnSync(
        'java',
        ['-jar', launcherPaths(repoRoot).jar, '--port', String(port), '--data-dir', dataDir],
        { encoding: 'utf8', input: '', timeout: 60_000 },
      );
      expect(direct.status).not.toBe(0);
      expect(direct.stdout).toMatch(new RegExp(`^NEO4J_ERROR PORT_IN_USE .*${port}.*$`, 'm'));
      expect(direct.stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 120_000);

  /**
   * A Node process (`node --import tsx`, not the tsx CLI, which runs the script in a grandchild, so
   * that the process we signal is the one holding the launcher's stdin pipe) that starts the
   * embedded Neo4j, prints the java pid and idles, with no signal handlers of its own.
   */
  async function startParent(name: string) {
    const port = await freePort();
    const dataDir = await tempDir(name);
    const script = path.join(dataDir, 'parent.ts');
    await writeFile(
      script,
      `import { startEmbedded } from ${JSON.stringify(path.join(repoRoot, 'store/embedded/process'))};
startEmbedded({ repoRoot: ${JSON.stringify(repoRoot)}, port: ${port}, dataDir: ${JSON.stringify(path.join(dataDir, 'neo4j'))}, heap: '512m', pageCache: '64m' })
  .then((db) => { console.log('JAVA_PID ' + db.pid); setInterval(() => undefined, 60_000); })
  .catch((e) => { console.log('FAILED ' + e.message); process.exit(1); });
`,
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      parent.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const javaPid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the child never printed JAVA_PID')), 180_000);
      readline.createInterface({ input: parent.stdout! }).on('line', (line) => {
        const m = /^JAVA_PID (\d+)$/.exec(line);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        } else if (line.startsWith('FAILED')) {
          clearTimeout(timer);
          reject(new Error(line));
        }
      });
      parent.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the child exited (${code}) before printing JAVA_PID`));
      });
    }).catch((e: unknown) => {
      parent.kill('SIGKILL');
      throw e;
    });
    leftovers.add(javaPid);
    return { parent, exited, javaPid, port, dataDir };
  }

  it('leaves no java behind when the Node parent is SIGKILLed', async () => {
    const { parent, exited, javaPid, port } = await startParent('orphan');
    try {
      expect(isAlive(javaPid)).toBe(true);
      parent.kill('SIGKILL');
      await exited;
      const goneAfter = await waitUntil(() => !isAlive(javaPid), 30_000, `java pid ${javaPid} to exit`);
      log(`java exited ${goneAfter} ms after its Node parent was SIGKILLed`);
      expect(await isPortFree(port)).toBe(true);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  }, 240_000);

  it('on SIGTERM to a parent with no handlers of its own: stops Neo4j cleanly, then exits 143', async () => {
    const { parent, exited, javaPid, dataDir } = await startParent('sigterm');
    try {
      parent.kill('SIGTERM');
      const { code } = await exited;
      expect(code).toBe(128 + os.constants.signals.SIGTERM);
      // The parent waited for Neo4j: java is gone by the time it exits, after a clean shutdown.
      expect(isAlive(javaPid)).toBe(false);
      expect(readFileSync(path.join(dataDir, 'neo4j', 'logs', 'debug.log'), 'utf8')).toMatch(
        /Bolt server has been shut down/,
      );
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  }, 240_000);
});

describe('startEmbedded against a stand-in java (protocol handling)', () => {
  /**
   * A JAVA_HOME whose bin/java answers `-version` as Java `version` and otherwise runs `body`
   * (sh), in place of the launcher.
   */
  async function fakeJava(body: string, version = '17.0.15'): Promise<NodeJS.ProcessEnv> {
    const home = await tempDir('fake-java');
    await mkdir(path.join(home, 'bin'));
    const java = path.join(home, 'bin', 'java');
    await writeFile(
      java,
      `#!/bin/sh\nif [ "$1" = "-version" ]; then echo 'openjdk version "${version}" 2025-04-15' >&2; exit 0; fi\n${body}\n`,
    );
    await chmod(java, 0o755);
    return { ...process.env, JAVA_HOME: home };
  }

  it('rejects JAVA_TOO_OLD before building or spawning anything', async () => {
    const env = await fakeJava('exit 99', '1.8.0_292');
    await expect(
      startEmbedded({ repoRoot, port: await freePort(), dataDir: await tempDir('old'), env }),
    ).rejects.toMatchObject({
      code: 'JAVA_TOO_OLD',
    });
  });

  it('turns NEO4J_ERROR START_FAILED into START_FAILED quoting the last 30 lines of the Neo4j log', async () => {
    const dataDir = await tempDir('error');
    await mkdir(path.join(dataDir, 'logs'));
    const logLines = Array.from({ length: 45 }, (_, i) => `2026-01-01 00:00:00.000+0000 INFO  line ${i + 1}`);
    await writeFile(path.join(dataDir, 'logs', 'debug.log'), logLines.join('\n') + '\n');
    const env = await fakeJava('echo "NEO4J_ERROR START_FAILED the store is on fire"; exit 1');
    const error = (await startEmbedded({ repoRoot, port: await freePort(), dataDir, env }).catch(
      (e: unknown) => e,
    )) as Neo4jStartError;
    expect(error).toBeInstanceOf(Neo4jStartError);
    expect(error.code).toBe('START_FAILED');
    expect(error.message).toContain('the store is on fire');
    expect(error.logTail).toEqual(logLines.slice(-30));
    expect(error.message).toContain('line 45');
    expect(error.message).not.toContain('line 15\n');
    expect(error.hint).toContain('NEO4J_URI');
  });

  it('reports START_FAILED with its stderr when the launcher exits before it is ready', async () => {
    const env = await fakeJava('echo "Error: Unable to access jarfile" >&2; exit 3');
    const error = (await startEmbedded({
      repoRoot,
      port: await freePort(),
      dataDir: await tempDir('crash'),
      env,
    }).catch((e: unknown) => e)) as Neo4jStartError;
    expect(error.code).toBe('START_FAILED');
    expect(error.message).toMatch(/exited before it was ready \(exit code 3\)/);
    expect(error.message).toContain('Unable to access jarfile');
  });

  it('reports TIMEOUT and stops the launcher when it never reports ready', async () => {
    const pidFile = path.join(await tempDir('hang'), 'pid');
    // Like the launcher, it exits when its stdin reaches EOF (exec: the pid we spawn is cat's).
    const env = await fakeJava(`echo $$ > ${pidFile}; exec cat > /dev/null`);
    const t0 = Date.now();
    const error = (await startEmbedded({
      repoRoot,
      port: await freePort(),
      dataDir: path.dirname(pidFile),
      readyTimeoutMs: 1500,
      env,
    }).catch((e: unknown) => e)) as Neo4jStartError;
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(15_000);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(isAlive(pid)).toBe(false);
  });
});
