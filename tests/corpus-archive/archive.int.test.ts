/**
 * Export, import and backup of a corpus (ingest/archive/) against the real Neo4j: the round trip of
 * the seed and fixtures (with their lineage, a metadata edit and their originals) gives the same
 * fingerprint; a truncated file, a file that is no archive and an archive of an unknown format version
 * are refused naming the file and leave the database as it was; a database holding a corpus is refused
 * without --replace; an export that a write overtakes is written again, never kept mixed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { exportCorpus, InconsistentExportError } from '../../ingest/archive/export';
import { fingerprintOf } from '../../ingest/archive/fingerprint';
import { importCorpus } from '../../ingest/archive/import';
import { updateDocument } from '../../ingest/corpus';
import { ingestBatch } from '../../ingest/ingest';
import { FolderOriginals } from '../../ingest/originals/folder';
import { keepOriginals } from '../../ingest/originals/keep';
import type { Connection } from '../../store/connection';
import { count, repoRoot, resetDatabase, testConnection } from '../../testkit/db';
import { fingerprint as wholeDatabase } from '../../testkit/fingerprint';

const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const SEED_KEY = '2020-guangdong-hong-kong-cooperation-work-plan';
const FILES = [
  SEED,
  ...[
    '2016-guangdong-hong-kong-key-work-older.txt',
    '2019-shenzhen-hong-kong-qianhai-action-plan.md',
    '2021-guangdong-task-division-plan-simplified.txt',
  ].map((name) => path.join(repoRoot, 'tests/fixtures/documents', name)),
];

describe('corpus archive', () => {
  let connection: Connection;
  let dir: string;
  let archive: string;
  const options = (originals: string) => ({
    originals: new FolderOriginals(path.join(dir, originals)),
    appVersion: 'test',
    pipelineVersion: 'test-pipeline',
  });

  beforeAll(async () => {
    connection = await testConnection();
    dir = mkdtempSync(path.join(tmpdir(), 'corpus-archive-'));
    archive = path.join(dir, 'corpus.jsonl.gz');
    await resetDatabase(connection);
    const outcomes = await ingestBatch(connection, FILES, { workers: 0 });
    await keepOriginals(connection, new FolderOriginals(path.join(dir, 'sources')), FILES, outcomes, {});
    await updateDocument(connection, SEED_KEY, { title: '由使用者改正的標題', year: 2019 });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await connection.close();
  });

  it('export, empty the database, import: the same graph by its fingerprint, lineage, edits and originals included', async () => {
    const before = await fingerprintOf(connection);
    expect(await count(connection, 'MATCH ()-[r:CONTINUES]->() RETURN count(r)')).toBeGreaterThan(0);
    const exported = await exportCorpus(connection, archive, options('sources'));
    expect(exported.fingerprint).toEqual(before);
    expect(exported.counts).toEqual({
      sources: FILES.length,
      nodes: before.nodes,
      relationships: before.relationships,
    });

    await resetDatabase(connection);
    expect((await fingerprintOf(connection)).nodes).toBe(0);
    const imported = await importCorpus(connection, archive, {
      originals: new FolderOriginals(path.join(dir, 'restored')),
    });
    expect(imported.fingerprint).toEqual(before);
    expect(await fingerprintOf(connection)).toEqual(before);
    expect(
      await count(connection, 'MATCH (d:Document {key: $key, title: $title}) RETURN count(d)', {
        key: SEED_KEY,
        title: '由使用者改正的標題',
      }),
    ).toBe(1);
    // Integers stay integers (a float would differ in the fingerprint and in Cypher's type).
    expect(
      await count(
        connection,
        "MATCH (d:Document {key: $key}) WHERE valueType(d.year) STARTS WITH 'INTEGER' RETURN count(d)",
        { key: SEED_KEY },
      ),
    ).toBe(1);
    const restored = new FolderOriginals(path.join(dir, 'restored'));
    const sha = readFileSync(SEED);
    const { createHash } = await import('node:crypto');
    const original = await restored.get(createHash('sha256').update(sha).digest('hex'));
    expect(original?.bytes.equals(sha)).toBe(true);
  });

  describe('bad input leaves the database as it was', () => {
    let whole: Awaited<ReturnType<typeof wholeDatabase>>;
    beforeAll(async () => {
      if (!existsSync(archive)) await exportCorpus(connection, archive, options('sources'));
      whole = await wholeDatabase(connection);
    });

    const cases: [string, () => Buffer, RegExp][] = [
      [
        'truncated',
        () => readFileSync(archive).subarray(0, Math.floor(readFileSync(archive).length / 2)),
        /truncated/,
      ],
      [
        'truncated at a line (a whole gzip stream without its end line)',
        () => {
          const lines = gunzipSync(readFileSync(archive)).toString('utf8').split('\n');
          return gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n'));
        },
        /truncated \(no end line/,
      ],
      ['not an archive', () => Buffer.from('第一條 not an archive\n'), /not a corpus archive/],
      [
        'an unknown format version',
        () => {
          const lines = gunzipSync(readFileSync(archive)).toString('utf8').split('\n');
          const manifest = JSON.parse(lines[0]!) as Record<string, unknown>;
          lines[0] = JSON.stringify({ ...manifest, formatVersion: 99 });
          return gzipSync(lines.join('\n'));
        },
        /format version 99 is not one this version reads/,
      ],
    ];
    it.each(cases)('%s: refused, naming the file, even with --replace', async (_name, bytes, reason) => {
      const bad = path.join(dir, 'bad.jsonl.gz');
      writeFileSync(bad, bytes());
      for (const replace of [false, true]) {
        const attempt = importCorpus(connection, bad, {
          originals: new FolderOriginals(path.join(dir, 'bad')),
          replace,
        });
        await expect(attempt).rejects.toThrow(reason);
        await expect(attempt).rejects.toThrow(bad);
        expect(await wholeDatabase(connection)).toEqual(whole);
      }
    });

    it('a database that holds a corpus: refused without --replace; with it, replaced by the archive', async () => {
      await expect(
        importCorpus(connection, archive, { originals: new FolderOriginals(path.join(dir, 'bad')) }),
      ).rejects.toThrow(/is not empty .*--replace/);
      expect(await wholeDatabase(connection)).toEqual(whole);
      const before = await fingerprintOf(connection);
      await updateDocument(connection, SEED_KEY, { title: '另一個標題' });
      const result = await importCorpus(connection, archive, {
        originals: new FolderOriginals(path.join(dir, 'bad')),
        replace: true,
      });
      expect(result.fingerprint).toEqual(before);
      expect(await fingerprintOf(connection)).toEqual(before);
    });
  });

  describe('backup while the graph is written', () => {
    it('a write half-way through the dump (its nodes read, not yet its relationships): the export is written again and holds the state after it, never a mix', async () => {
      const file = path.join(dir, 'backup.jsonl.gz');
      const before = await fingerprintOf(connection);
      let writes = 0;
      const result = await exportCorpus(connection, file, {
        ...options('sources'),
        duringDump: async () => {
          if (writes++ === 0) await updateDocument(connection, SEED_KEY, { title: '備份時改正的標題' });
        },
      });
      const after = await fingerprintOf(connection);
      expect(after).not.toEqual(before);
      expect(result.attempts).toBe(2);
      expect(result.fingerprint).toEqual(after);
      // The archive holds that state: loaded, it gives the same fingerprint.
      await resetDatabase(connection);
      expect(
        (await importCorpus(connection, file, { originals: new FolderOriginals(path.join(dir, 'b')) }))
          .fingerprint,
      ).toEqual(after);
    });

    it('writes during every attempt: no archive is kept, and the error says why', async () => {
      const file = path.join(dir, 'busy.jsonl.gz');
      let n = 0;
      await expect(
        exportCorpus(connection, file, {
          ...options('sources'),
          attempts: 2,
          duringDump: () =>
            updateDocument(connection, SEED_KEY, { title: `標題 ${++n}` }).then(() => undefined),
        }),
      ).rejects.toThrow(InconsistentExportError);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}.partial`)).toBe(false);
    });
  });

  it('a failure part-way through the load (a relationship whose end is no node of the archive): the database is emptied again, saying so', async () => {
    if (!existsSync(archive)) await exportCorpus(connection, archive, options('sources'));
    const lines = gunzipSync(readFileSync(archive)).toString('utf8').split('\n');
    const last = lines.findLastIndex((l) => l.startsWith('{"kind":"rel"'));
    lines[last] = JSON.stringify({ ...(JSON.parse(lines[last]!) as object), a: 'no such node' });
    const broken = path.join(dir, 'broken.jsonl.gz');
    writeFileSync(broken, gzipSync(lines.join('\n')));
    await resetDatabase(connection);
    const attempt = importCorpus(connection, broken, {
      originals: new FolderOriginals(path.join(dir, 'broken')),
    });
    await expect(attempt).rejects.toThrow(
      `line ${last + 1}: a relationship whose start no such node is no node of the archive`,
    );
    await expect(attempt).rejects.toThrow(/The database was emptied again/);
    expect((await fingerprintOf(connection)).nodes).toBe(0);
  });
});
