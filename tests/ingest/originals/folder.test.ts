import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FolderOriginals } from '../../../ingest/originals/folder';
import { mediaType } from '../../../ingest/originals/media';
import { sha256Of, type Original } from '../../../ingest/originals/originals';

const original = (text: string): Original => {
  const bytes = Buffer.from(text, 'utf8');
  return {
    meta: {
      sha256: sha256Of(bytes),
      name: 'plan.txt',
      mediaType: mediaType('text', 'UTF-8'),
      encoding: 'UTF-8',
      format: 'text',
      bytes: bytes.length,
      ingestedAt: '2026-01-02T03:04:05.000Z',
    },
    bytes,
  };
};

describe('originals in a folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'originals-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps bytes and metadata under the SHA-256 once, leaving no temporary file', async () => {
    const store = new FolderOriginals(path.join(dir, 'sources'));
    const plan = original('一、加強合作');
    expect(await store.put(plan)).toBe(true);
    expect(await store.put({ ...plan, meta: { ...plan.meta, name: 'other.txt' } })).toBe(false);
    expect((await readdir(path.join(dir, 'sources'))).sort()).toEqual([
      plan.meta.sha256,
      `${plan.meta.sha256}.json`,
    ]);
    expect(await store.get(plan.meta.sha256)).toEqual(plan);
    expect(await store.get('f'.repeat(64))).toBeNull();
  });

  it('refuses bytes that are not the ones their SHA-256 names, and says a damaged original is damaged', async () => {
    const store = new FolderOriginals(dir);
    const plan = original('一、加強合作');
    await expect(store.put({ ...plan, bytes: Buffer.from('x') })).rejects.toThrow(
      /is damaged: its SHA-256 is/,
    );
    await store.put(plan);
    await writeFile(path.join(dir, plan.meta.sha256), 'edited');
    await expect(store.get(plan.meta.sha256)).rejects.toThrow(`the original plan.txt in ${dir} is damaged`);
  });

  it('deletes an original whole: the metadata and the bytes', async () => {
    const store = new FolderOriginals(dir);
    const plan = original('一、加強合作');
    await store.put(plan);
    expect(await store.delete(plan.meta.sha256)).toBe(true);
    expect(await store.has(plan.meta.sha256)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
    expect(await store.delete(plan.meta.sha256)).toBe(false);
    expect(await store.delete('../x')).toBe(false);
  });

  it('reads and writes nothing but SHA-256 names', async () => {
    const store = new FolderOriginals(dir);
    for (const name of ['../x', '..', '/etc/passwd', 'A'.repeat(64)]) {
      expect(await store.has(name)).toBe(false);
      expect(await store.get(name)).toBeNull();
    }
    const plan = original('一、加強合作');
    await expect(store.put({ ...plan, meta: { ...plan.meta, sha256: '../escape' } })).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('serves a text with its charset, Word and PDF without one', () => {
    expect(mediaType('text', 'Big5')).toBe('text/plain; charset=Big5');
    expect(mediaType('html', 'GB18030')).toBe('text/html; charset=GB18030');
    expect(mediaType('pdf', null)).toBe('application/pdf');
    expect(mediaType('docx', null)).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });
});
