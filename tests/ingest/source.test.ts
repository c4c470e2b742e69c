import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IngestError } from '../../ingest/errors';
import { firstInvalidUtf8Offset, listSourceFiles, readSource, sourceFromText } from '../../ingest/source';

const SEED = path.resolve(__dirname, '../../seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'source-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, data: string | Uint8Array): Promise<string> {
  const p = path.join(dir, name);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, data);
  return p;
}

async function ingestError(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    return err as IngestError;
  }
  throw new Error('expected an IngestError');
}

describe('readSource', () => {
  it('reads the seed: name, path as given, text and the SHA-256 of its bytes', async () => {
    const src = await readSource(SEED);
    const bytes = await readFile(SEED);
    expect(src.path).toBe(SEED);
    expect(src.name).toBe('2020-guangdong-hong-kong-cooperation-work-plan.txt');
    expect(src.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(src.text).toBe(bytes.toString('utf8'));
    expect(src.text).toContain('實施《粵港合作框架協議》2020 年重點工作');
  });

  it('strips a BOM from the text but hashes the bytes as they are', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('一、總則\n1. 測試。\n', 'utf8'),
    ]);
    const p = await write('bom.txt', bytes);
    const src = await readSource(p);
    expect(src.text.startsWith('\uFEFF')).toBe(false);
    expect(src.text.startsWith('一、總則')).toBe(true);
    expect(src.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('rejects an empty file, naming it', async () => {
    const p = await write('empty.txt', '');
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('EMPTY');
    expect(err.file).toBe(p);
    expect(err.message).toBe(`${p}: file is empty`);
  });

  it('rejects a whitespace-only file (ideographic spaces and a BOM included)', async () => {
    const p = await write('blank.txt', '\uFEFF \n\t\u3000\r\n');
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('EMPTY');
    expect(err.message).toContain(p);
  });

  it('rejects bytes in no encoding it can tell, giving the offset and line of the first bad UTF-8 byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from('一、\n', 'utf8'),
      Buffer.from([0x31, 0x2e, 0xff, 0xfe]),
      Buffer.from('。', 'utf8'),
    ]);
    const p = await write('latin.txt', bytes);
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('UNKNOWN_ENCODING');
    expect(err.line).toBe(2);
    expect(err.message).toBe(
      `${p}:2: not valid UTF-8 (first bad byte at offset 9) and too short or too mixed to tell its encoding; save it as UTF-8`,
    );
  });

  it('rejects GBK too short to tell from Big5 (longer GBK is read: tests/ingest/formats)', async () => {
    // 粤港 in GBK
    const p = await write('gbk.txt', Buffer.from([0xd4, 0xc1, 0xb8, 0xdb]));
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('UNKNOWN_ENCODING');
    expect(err.message).toContain(`${p}:1: not valid UTF-8 (first bad byte at offset 0)`);
  });

  it('rejects a missing file', async () => {
    const p = path.join(dir, 'nope.txt');
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('UNREADABLE');
    expect(err.message).toBe(`${p}: no such file or folder`);
  });

  it('rejects a folder', async () => {
    const err = await ingestError(readSource(dir));
    expect(err.code).toBe('UNREADABLE');
    expect(err.message).toBe(`${dir}: is a folder, not a file`);
  });

  it('refuses a link to a device by name, without reading it', async () => {
    const p = path.join(dir, 'zero.txt');
    await symlink('/dev/zero', p);
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('NOT_A_FILE');
    expect(err.message).toBe(`${p}: is a character device, not a regular file`);
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const p = path.join(dir, 'pipe.txt');
    execFileSync('mkfifo', [p]);
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('NOT_A_FILE');
    expect(err.message).toBe(`${p}: is a FIFO (named pipe), not a regular file`);
  });

  it('refuses a socket', async () => {
    const p = path.join(dir, 'socket.txt');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(p, resolve));
    try {
      const err = await ingestError(readSource(p));
      expect(err.message).toBe(`${p}: is a socket, not a regular file`);
    } finally {
      server.close();
    }
  });

  it('refuses a file over the size limit, naming the limit', async () => {
    const p = await write('big.txt', `一、\n1. ${'測'.repeat(2000)}。`);
    const err = await ingestError(readSource(p, { maxBytes: 4096 }));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toBe(`${p}: is 5.9 KB, over the limit of 4.0 KB per file (INGEST_MAX_FILE_BYTES)`);
    await expect(readSource(p, { maxBytes: 8192 })).resolves.toMatchObject({ name: 'big.txt' });
  });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (asRoot ? it.skip : it)('rejects a file it may not read', async () => {
    const p = await write('secret.txt', '一、\n1. 測試。');
    await chmod(p, 0o000);
    const err = await ingestError(readSource(p));
    expect(err.code).toBe('UNREADABLE');
    expect(err.message).toBe(`${p}: permission denied`);
  });
});

describe('firstInvalidUtf8Offset', () => {
  const bad = (...bytes: number[]): number => firstInvalidUtf8Offset(Uint8Array.from(bytes));
  it('accepts valid text, including 4-byte characters', () => {
    expect(firstInvalidUtf8Offset(Buffer.from('粵港 ok 𠀀', 'utf8'))).toBe(-1);
  });
  it('finds stray continuation bytes, truncated sequences, overlongs, surrogates and out-of-range code points', () => {
    expect(bad(0x41, 0x80)).toBe(1);
    expect(bad(0x41, 0xe7, 0xb2)).toBe(1);
    expect(bad(0xc0, 0xaf)).toBe(0);
    expect(bad(0xe0, 0x80, 0xaf)).toBe(0);
    expect(bad(0xed, 0xa0, 0x80)).toBe(0);
    expect(bad(0xf4, 0x90, 0x80, 0x80)).toBe(0);
  });
});

describe('sourceFromText', () => {
  it('builds a source from text, without a BOM', () => {
    const src = sourceFromText('fixtures/x.md', '\uFEFF一、\n1. 測試。');
    expect(src).toMatchObject({ path: 'fixtures/x.md', name: 'x.md', text: '一、\n1. 測試。' });
    expect(src.sha256).toMatch(/^[0-9a-f]{64}$/u);
  });
  it('rejects blank text', () => {
    expect(() => sourceFromText('x.txt', '  \n')).toThrow(IngestError);
    expect(() => sourceFromText('x.txt', '  \n')).toThrow('x.txt: file contains only whitespace');
  });
});

describe('listSourceFiles', () => {
  it('expands a folder to its .txt and .md files, sorted, without README.md or sub-folders', async () => {
    const folder = path.join(dir, 'seeds');
    await write('seeds/b.md', 'b');
    await write('seeds/a.txt', 'a');
    await write('seeds/C.TXT', 'c');
    await write('seeds/README.md', 'readme');
    await write('seeds/notes.json', '{}');
    await write('seeds/sub/deep.txt', 'deep');
    const files = await listSourceFiles([folder]);
    expect(files).toEqual(['C.TXT', 'a.txt', 'b.md'].map((n) => path.join(folder, n)));
  });

  it('keeps files as given, in order, once each', async () => {
    const a = await write('list/a.txt', 'a');
    const odd = await write('list/z.text', 'z');
    expect(await listSourceFiles([odd, a, path.join(dir, 'list'), a])).toEqual([odd, a]);
  });

  it('fails on a path that does not exist, naming it', async () => {
    const missing = path.join(dir, 'missing-folder');
    const err = await ingestError(listSourceFiles([SEED, missing]));
    expect(err.code).toBe('UNREADABLE');
    expect(err.message).toBe(`${missing}: no such file or folder`);
  });
});
