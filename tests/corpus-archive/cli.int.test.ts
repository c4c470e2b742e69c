/**
 * `npm run corpus` (ingest/archive/cli.ts) as a user runs it, against the test Neo4j through NEO4J_URI
 * (so the originals are kept in the graph, as `:Source` nodes): export and import print the same
 * fingerprint as the graph's; the import into a database holding a corpus exits 1 saying --replace;
 * a bad archive exits 1 naming the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeFingerprint, fingerprintOf } from '../../ingest/archive/fingerprint';
import { ingestBatch } from '../../ingest/ingest';
import { keepOriginals } from '../../ingest/originals/keep';
import { openOriginals } from '../../ingest/originals/open';
import type { Connection } from '../../store/connection';
import { count, repoRoot, resetDatabase, testConnection, testNeo4jEnv } from '../../testkit/db';
import { run } from '../../testkit/process';

const FILES = [
  path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt'),
  path.join(repoRoot, 'tests/fixtures/documents/2022-guangdong-hong-kong-macao-youth-plan.txt'),
];

async function corpus(args: string[]) {
  const child = run(['ingest/archive/cli.ts', ...args], testNeo4jEnv());
  const { code } = await child.exited;
  return { code, output: child.output() };
}

describe('npm run corpus', () => {
  let connection: Connection;
  let dir: string;
  beforeAll(async () => {
    connection = await testConnection();
    dir = mkdtempSync(path.join(tmpdir(), 'corpus-cli-'));
    await resetDatabase(connection);
    const outcomes = await ingestBatch(connection, FILES, { workers: 0 });
    await keepOriginals(
      connection,
      openOriginals(connection, { keep: 'graph', dir: '' }),
      FILES,
      outcomes,
      {},
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await connection.close();
  });

  it('export, then import into the emptied database: both print the graph fingerprint; the originals come back', async () => {
    const file = path.join(dir, 'corpus.jsonl.gz');
    const expected = describeFingerprint(await fingerprintOf(connection));
    const exported = await corpus(['export', file]);
    expect(exported.code).toBe(0);
    expect(exported.output).toContain(`Wrote ${file}: ${FILES.length} originals; ${expected}`);

    await resetDatabase(connection);
    expect(await count(connection, 'MATCH (s:Source) RETURN count(s)')).toBe(0);
    const imported = await corpus(['import', file]);
    expect(imported.code).toBe(0);
    expect(imported.output).toContain(`${FILES.length} originals; ${expected}`);
    expect(describeFingerprint(await fingerprintOf(connection))).toBe(expected);
    expect(await count(connection, 'MATCH (s:Source) RETURN count(s)')).toBe(FILES.length);

    const again = await corpus(['import', file]);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/is not empty \(\d+ nodes\).*--replace/);
    expect(describeFingerprint(await fingerprintOf(connection))).toBe(expected);
  });

  it('a file that is no archive: exit 1, naming it', async () => {
    const bad = path.join(dir, 'notes.txt');
    writeFileSync(bad, 'not an archive');
    const result = await corpus(['import', bad, '--replace']);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${bad}: not a corpus archive`);
  });

  it('no command: the usage, exit 2', async () => {
    const result = await corpus([]);
    expect(result.code).toBe(2);
    expect(result.output).toContain('npm run corpus -- export FILE');
  });
});
