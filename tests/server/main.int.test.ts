/**
 * `npm start` end to end, as a user runs it: against the test Neo4j through NEO4J_URI, against the
 * embedded Neo4j, and against a Neo4j that is down.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, resetDatabase, testConnection } from '../support/db';
import { freePort } from '../support/ports';
import { eventually, run } from '../support/process';

const READY = /ready at (http:\/\/\S+)/;

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
    const env = { NEO4J_URI: process.env.NEO4J_TEST_URI, PORT: String(await freePort()), HOST: '127.0.0.1' };

    const first = run(['server/main.ts'], env);
    const url = READY.exec(await first.waitFor(READY))![1]!;
    expect(url).toBe(`http://127.0.0.1:${env.PORT}`);
    expect(first.output()).toMatch(/Ingested .*2020-guangdong-hong-kong-cooperation-work-plan\.txt: created/);
    const h1 = await health(url);
    expect(h1.status).toBe(200);
    expect(h1.body.neo4j).toMatchObject({ connected: true, embedded: false });
    expect(h1.body.counts).toMatchObject({ documents: 1, measures: 57 });
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);

    const second = run(['server/main.ts'], env);
    await second.waitFor(READY);
    expect(second.output()).toMatch(/1 seed document\(s\) already in the graph/);
    expect((await health(url)).body.counts).toEqual(h1.body.counts);
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  });

  it('with NEO4J_URI pointing at a Neo4j that is down: one actionable line, non-zero exit', async () => {
    const port = await freePort();
    const down = run(['server/main.ts'], {
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      PORT: String(await freePort()),
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
    const env = {
      NEO4J_URI: undefined,
      NEO4J_BOLT_PORT: String(await freePort()),
      NEO4J_DATA_DIR: dataDir,
      NEO4J_HEAP: '1g',
      PORT: String(await freePort()),
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
});
