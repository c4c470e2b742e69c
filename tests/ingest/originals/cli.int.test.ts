/**
 * `npm run ingest` keeps each source's original as it arrived: in a folder (SOURCES_STORE=folder)
 * byte for byte, a GBK or Big5 text as its GBK or Big5 bytes (not the text decoded from them), once
 * however often it is ingested; and in the graph by default when NEO4J_URI names the Neo4j.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import type { Connection } from '../../../store/connection';
import { getSource } from '../../../store/sources/graph';
import { count, repoRoot, resetDatabase, testConnection, testNeo4jEnv } from '../../../testkit/db';

const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const HANS = path.join(
  repoRoot,
  'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt',
);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function ingest(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'ingest/cli.ts', ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...testNeo4jEnv(), SOURCES_STORE: '', SOURCES_DIR: '', ...env },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

let connection: Connection;
let dir: string;
let sources: string;
let big5: { file: string; bytes: Buffer };
let gbk: { file: string; bytes: Buffer };

beforeAll(async () => {
  connection = await testConnection();
  await resetDatabase(connection);
  dir = await mkdtemp(path.join(tmpdir(), 'originals-cli-'));
  sources = path.join(dir, 'sources');
  big5 = {
    file: path.join(dir, '2020-粵港合作-big5.txt'),
    bytes: iconv.encode(await readFile(SEED, 'utf8'), 'big5'),
  };
  gbk = {
    file: path.join(dir, '2021-粤澳合作-gbk.txt'),
    bytes: iconv.encode(await readFile(HANS, 'utf8'), 'gbk'),
  };
  await writeFile(big5.file, big5.bytes);
  await writeFile(gbk.file, gbk.bytes);
});

afterAll(async () => {
  await resetDatabase(connection);
  await connection.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run ingest keeps the originals', () => {
  it('in a folder: the Big5 and GBK bytes as they were, with name, media type, encoding and time', async () => {
    const { code, output } = await ingest([big5.file, gbk.file], {
      SOURCES_STORE: 'folder',
      SOURCES_DIR: sources,
    });
    expect(output).toContain(`Kept 2 original(s) in ${sources}.`);
    expect(code).toBe(0);
    for (const { file, bytes } of [big5, gbk]) {
      const sha = sha256(bytes);
      const kept = await readFile(path.join(sources, sha));
      expect(sha256(kept)).toBe(sha);
      expect(kept.equals(bytes)).toBe(true);
      // Not the text the ingest decoded from them.
      expect(
        kept.equals(Buffer.from(iconv.decode(bytes, file.includes('big5') ? 'big5' : 'gbk'), 'utf8')),
      ).toBe(false);
      const meta = JSON.parse(await readFile(path.join(sources, `${sha}.json`), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(meta).toMatchObject({
        sha256: sha,
        name: path.basename(file),
        format: 'text',
        bytes: bytes.length,
      });
      expect(meta.encoding).toMatch(file.includes('big5') ? /big5/i : /gb/i);
      expect(meta.mediaType).toBe(`text/plain; charset=${String(meta.encoding)}`);
      expect(new Date(String(meta.ingestedAt)).toISOString()).toBe(meta.ingestedAt);
      // The document it made records the same SHA-256.
      expect(await count(connection, 'MATCH (d:Document {sha256: $sha}) RETURN count(d)', { sha })).toBe(1);
    }
  });

  it('once: ingesting the same bytes again, unchanged or with --replace, adds nothing and keeps the first time', async () => {
    const before = (await readdir(sources)).sort();
    const meta = await readFile(path.join(sources, `${sha256(big5.bytes)}.json`), 'utf8');
    for (const args of [
      [big5.file, gbk.file],
      ['--replace', big5.file],
    ]) {
      const { code, output } = await ingest(args, { SOURCES_STORE: 'folder', SOURCES_DIR: sources });
      expect(code).toBe(0);
      expect(output).not.toMatch(/Kept \d+ original/);
    }
    expect((await readdir(sources)).sort()).toEqual(before);
    expect(before).toHaveLength(4);
    expect(await readFile(path.join(sources, `${sha256(big5.bytes)}.json`), 'utf8')).toBe(meta);
  });

  it('in the graph by default when NEO4J_URI names the Neo4j, once per distinct file', async () => {
    const seed = await readFile(SEED);
    for (let run = 0; run < 2; run++) {
      const { code, output } = await ingest([SEED], {});
      expect(code).toBe(0);
      if (run === 0) expect(output).toContain('Kept 1 original(s) in the graph.');
    }
    expect(await count(connection, 'MATCH (s:Source) RETURN count(s)')).toBe(1);
    const kept = await getSource(connection, sha256(seed));
    expect(kept!.bytes.equals(seed)).toBe(true);
    expect(kept!.meta).toMatchObject({
      name: path.basename(SEED),
      mediaType: 'text/plain; charset=UTF-8',
      encoding: 'UTF-8',
      bytes: seed.length,
    });
  });
});
