/**
 * `npm start` end to end, as a user runs it: against the test Neo4j through NEO4J_URI, against the
 * embedded Neo4j, and against a Neo4j that is down.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { updateDocument } from '../../ingest/corpus';
import { ingestBatch } from '../../ingest/ingest';
import { keepOriginals } from '../../ingest/originals/keep';
import { openOriginals } from '../../ingest/originals/open';
import { pipelineVersion } from '../../ingest/pipeline-version';
import { repoRoot, resetDatabase, testConnection, testNeo4jEnv } from '../../testkit/db';
import { freePort, freePorts } from '../../testkit/ports';
import { eventually, run } from '../../testkit/process';

const READY = /ready at (http:\/\/\S+)/;
const SEED_KEY = '2020-guangdong-hong-kong-cooperation-work-plan';

async function health(url: string) {
  const res = await fetch(`${url}/api/health`);
  return {
    status: res.status,
    body: (await res.json()) as { neo4j: Record<string, unknown>; counts: Record<string, number> },
  };
}

function javaPids(marker: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('npm start', () => {
  it('with NEO4J_URI: ingests the seed once, serves health, restarts without duplicates, stops on SIGINT', async () => {
    const connection = await testConnection();
    await resetDatabase(connection);
    await connection.close();
    const env = { ...testNeo4jEnv(), PORT: String(await freePort()), HOST: '127.0.0.1' };

    const first = run(['server/main.ts'], env);
    const url = READY.exec(await first.waitFor(READY))![1]!;
    expect(url).toBe(`http://127.0.0.1:${env.PORT}`);
    expect(first.output()).toMatch(/Ingested .*2020-guangdong-hong-kong-cooperation-work-plan\.txt: created/);
    const h1 = await health(url);
    expect(h1.status).toBe(200);
    expect(h1.body.neo4j).toMatchObject({ connected: true, embedded: false });
    expect(h1.body.counts).toMatchObject({ documents: 1, measures: 57 });
    // The seed's original, kept in the graph (the default with NEO4J_URI) and offered for download.
    expect(first.output()).toContain('Kept 1 original(s) in the graph.');
    const seed = await readFile(path.join(repoRoot, 'seeds', `${SEED_KEY}.txt`));
    const original = await fetch(`${url}/api/documents/${SEED_KEY}/original`);
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(seed)).toBe(true);
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);

    const second = run(['server/main.ts'], env);
    await second.waitFor(READY);
    expect(second.output()).toMatch(/1 seed document\(s\) already in the graph/);
    expect((await health(url)).body.counts).toEqual(h1.body.counts);
    expect(second.output()).not.toContain('Kept');
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  });

  it('extracts again, in the background, the documents another pipeline version extracted, keeping edits', async () => {
    const connection = await testConnection();
    const fixture = path.join(
      repoRoot,
      'tests/fixtures/documents/2016-guangdong-hong-kong-key-work-older.txt',
    );
    try {
      await resetDatabase(connection);
      const outcomes = await ingestBatch(connection, [fixture], { workers: 0 });
      const key = outcomes[0]!.result!.document;
      // Its original kept as an upload's is (in the graph: the default with NEO4J_URI).
      const originals = openOriginals(connection, { keep: 'graph', dir: '' });
      await keepOriginals(connection, originals, [fixture], outcomes, {});
      await updateDocument(connection, key, { title: '使用者改正的標題' });
      const session = connection.driver.session({ database: connection.database });
      await session.run("MATCH (d:Document) SET d.pipeline = 'older'");
      await session.close();
      const env = { ...testNeo4jEnv(), PORT: String(await freePort()), HOST: '127.0.0.1' };
      const server = run(['server/main.ts'], env);
      await server.waitFor(READY);
      await server.waitFor(/Re-extraction done: 1 of 1 extracted again\./);
      expect(server.output()).toContain(
        '1 document(s) were extracted by another pipeline version; extracting them again',
      );
      expect(server.output()).toContain(`[1/1] ${key}: extracted again`);
      server.child.kill('SIGINT');
      expect((await server.exited).code).toBe(0);
      const check = connection.driver.session({ database: connection.database });
      try {
        const rows = await check.run(
          'MATCH (d:Document) RETURN d.key AS key, d.pipeline AS pipeline, d.title AS title',
        );
        const byKey = Object.fromEntries(rows.records.map((r) => [r.get('key'), r.toObject()]));
        expect(byKey[key]).toMatchObject({ pipeline: pipelineVersion(), title: '使用者改正的標題' });
        // The seed, read from seeds/, was extracted again by the start's own ingest.
        expect(byKey[SEED_KEY]).toMatchObject({ pipeline: pipelineVersion() });
      } finally {
        await check.close();
      }
    } finally {
      await connection.close();
    }
  });

  it('with NEO4J_URI pointing at a Neo4j that is down: one actionable line, non-zero exit', async () => {
    const [port, http] = await freePorts(2);
    const down = run(['server/main.ts'], {
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      PORT: String(http),
    });
    const { code } = await down.exited;
    expect(code).not.toBe(0);
    const errorLines = down
      .output()
      .split('\n')
      .filter((l) => l.startsWith('Error:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(
      new RegExp(`Cannot reach Neo4j at bolt://127\\.0\\.0\\.1:${port}.*NEO4J_URI`),
    );
    expect(down.output()).not.toMatch(/^\s+at /m); // no stack trace
  });

  it('rejects a malformed setting naming the variable', async () => {
    const bad = run(['server/main.ts'], { PORT: 'eighty' });
    expect((await bad.exited).code).not.toBe(0);
    expect(bad.output()).toMatch(/Error: PORT: expected a port number/);
  });

  it('without NEO4J_URI: starts the embedded Neo4j, and SIGINT leaves no java process', async () => {
    const dataDir = await mkdtemp(path.join(repoRoot, '.data/test-main-embedded-'));
    // Two different ports: two calls of freePort may give the same one.
    const [bolt, http] = await freePorts(2);
    const env = {
      NEO4J_URI: undefined,
      NEO4J_BOLT_PORT: String(bolt),
      NEO4J_DATA_DIR: dataDir,
      // The originals beside it would be the repository's .data/sources.
      SOURCES_DIR: path.join(dataDir, 'sources'),
      NEO4J_HEAP: '1g',
      PORT: String(http),
    };
    const server = run(['server/main.ts'], env);
    const url = READY.exec(await server.waitFor(READY))![1]!;
    const h = await health(url);
    expect(h.body.neo4j).toMatchObject({ connected: true, embedded: true });
    expect(h.body.counts).toMatchObject({ documents: 1, measures: 57 });
    expect(javaPids(dataDir).length).toBeGreaterThan(0);
    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
    await eventually(() => javaPids(dataDir).length === 0, 30_000, 'the embedded java process to exit');
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Env for `npm start` with the embedded Neo4j in a data folder of its own. */
  async function embeddedEnv(dataDir: string): Promise<Record<string, string | undefined>> {
    const [bolt, http] = await freePorts(2);
    return {
      NEO4J_URI: undefined,
      NEO4J_BOLT_PORT: String(bolt),
      NEO4J_DATA_DIR: dataDir,
      // The originals beside it would be the repository's .data/sources.
      SOURCES_DIR: path.join(dataDir, 'sources'),
      NEO4J_HEAP: '1g',
      PORT: String(http),
    };
  }

  it('restarts an embedded Neo4j that dies, answering 503 with Retry-After meanwhile', async () => {
    const dataDir = await mkdtemp(path.join(repoRoot, '.data/test-main-restart-'));
    const server = run(['server/main.ts'], await embeddedEnv(dataDir));
    try {
      const url = READY.exec(await server.waitFor(READY))![1]!;
      const [java] = javaPids(dataDir);
      process.kill(java!, 'SIGKILL');
      // While it is down: 503 at once, saying when to try again.
      let outage: Response | undefined;
      await eventually(
        async () => {
          const res = await fetch(`${url}/api/documents`);
          if (res.status === 503) outage = res;
          return res.status === 503;
        },
        20_000,
        'a 503 while Neo4j is down',
      );
      expect(outage!.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await outage!.json()) as { error: { code: string } }).error.code).toBe('NEO4J_UNAVAILABLE');
      await server.waitFor(/Embedded Neo4j restarted \(attempt 1 of 3/, 120_000);
      await eventually(async () => (await health(url)).status === 200, 60_000, 'health to return');
      expect((await health(url)).body.counts).toMatchObject({ documents: 1, measures: 57 });
      expect(javaPids(dataDir)).toHaveLength(1);
      server.child.kill('SIGINT');
      expect((await server.exited).code).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('restarts the embedded Neo4j when a timed-out console query will not stop, and serves again', async () => {
    const dataDir = await mkdtemp(path.join(repoRoot, '.data/test-main-runaway-'));
    // Its own Neo4j: the runaway must never reach the Neo4j other tests share.
    const server = run(['server/main.ts'], { ...(await embeddedEnv(dataDir)), CYPHER_RUNAWAY_MS: '3000' });
    try {
      const url = READY.exec(await server.waitFor(READY))![1]!;
      const [before] = javaPids(dataDir);
      // One expression evaluated in a loop that never looks at the transaction's termination flag.
      const res = await fetch(`${url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'RETURN reduce(s = 0, i IN range(1, 9000000000000000000) | s + i) AS x',
          timeoutMs: 1000,
        }),
      });
      expect(res.status).toBe(504);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('QUERY_TIMEOUT');
      await server.waitFor(/Restarting the embedded Neo4j: a query past its timeout/, 60_000);
      await server.waitFor(/Embedded Neo4j restarted \(attempt 1 of 3/, 120_000);
      await eventually(async () => (await health(url)).status === 200, 60_000, 'health to return');
      expect(javaPids(dataDir)).toHaveLength(1);
      expect(javaPids(dataDir)[0]).not.toBe(before);
      const after = await fetch(`${url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'MATCH (m:Measure) RETURN count(m) AS n' }),
      });
      expect(after.status).toBe(200);
      expect(((await after.json()) as { rows: unknown[] }).rows).toEqual([{ n: 57 }]);
      server.child.kill('SIGINT');
      expect((await server.exited).code).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('exits non-zero when the embedded Neo4j cannot be restarted, so a supervisor outside can act', async () => {
    const dataDir = await mkdtemp(path.join(repoRoot, '.data/test-main-giveup-'));
    // A Java of our own that we can break once the first start is done.
    const javaHome = await mkdtemp(path.join(os.tmpdir(), 'broken-java-'));
    const realJava = execFileSync('sh', ['-c', 'readlink -f "$(command -v java)"'], {
      encoding: 'utf8',
    }).trim();
    await mkdir(path.join(javaHome, 'bin'));
    const wrapper = path.join(javaHome, 'bin', 'java');
    await writeFile(wrapper, `#!/bin/sh\nexec "${realJava}" "$@"\n`, { mode: 0o755 });
    const env = { ...(await embeddedEnv(dataDir)), JAVA_HOME: javaHome, NEO4J_RESTART_ATTEMPTS: '2' };
    const server = run(['server/main.ts'], env);
    try {
      await server.waitFor(READY);
      await writeFile(wrapper, '#!/bin/sh\necho "this Java is broken" >&2\nexit 1\n', { mode: 0o755 });
      process.kill(javaPids(dataDir)[0]!, 'SIGKILL');
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(server.output()).toMatch(/Restarting the embedded Neo4j failed \(attempt 2 of 2\)/);
      expect(server.output()).toMatch(
        /Error: The embedded Neo4j died and could not be restarted after 2 attempt\(s\)/,
      );
    } finally {
      server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
      await rm(javaHome, { recursive: true, force: true });
    }
  });
});
