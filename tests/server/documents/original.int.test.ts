/**
 * The originals of uploads, and GET /api/documents/:key/original: an upload's bytes come back
 * byte-identical with their media type and name (a Big5 text as its Big5 bytes, a Word file as
 * Word), from a folder or from the graph; the same bytes are kept once, and deleted with the last
 * document that has them; an unknown key, a document without a kept original, a name made to inject
 * headers and paths made to leave the folder each get a safe answer.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import iconv from 'iconv-lite';
import request from 'supertest';
import type { UploadResponse } from '../../../model/api';
import { openOriginals } from '../../../ingest';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { count, repoRoot, resetDatabase, testConnection } from '../../../testkit/db';
import { toDocx } from '../../../testkit/formats';
import { SEED_FILE } from '../../../testkit/seeded-app';

const MACAO = path.join(
  repoRoot,
  'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt',
);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Supertest's body as the bytes sent, whatever the media type. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function upload(app: Express, name: string, bytes: Buffer): Promise<UploadResponse> {
  const res = await request(app).post('/api/documents').attach('file', bytes, name).expect(200);
  return res.body as UploadResponse;
}

function download(app: Express, key: string) {
  return request(app)
    .get(`/api/documents/${encodeURIComponent(key)}/original`)
    .buffer(true)
    .parse(binary);
}

let connection: Connection;
let dir: string;

beforeAll(async () => {
  connection = await testConnection();
  dir = await mkdtemp(path.join(tmpdir(), 'originals-route-'));
});

afterAll(async () => {
  await resetDatabase(connection);
  await connection.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['folder', 'graph'] as const)('uploads keep their originals (%s)', (keep) => {
  let app: Express;
  let sources: string;
  const big5 = async () => iconv.encode(await readFile(SEED_FILE, 'utf8'), 'big5');

  beforeAll(async () => {
    await resetDatabase(connection);
    sources = path.join(dir, keep);
    app = createApp({ connection, originals: openOriginals(connection, { keep, dir: sources }) });
  });

  it('a Big5 text comes back as its Big5 bytes, with its media type and name', async () => {
    const bytes = await big5();
    const result = await upload(app, '2020粵港合作.txt', bytes);
    expect(result.failures).toEqual([]);
    const key = result.documents[0]!.key;
    expect(result.documents[0]!.warnings.filter((w) => w.startsWith('original'))).toEqual([]);

    const res = await download(app, key);
    expect(res.status).toBe(200);
    const body = res.body as Buffer;
    expect(sha256(body)).toBe(sha256(bytes));
    expect(body.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toMatch(/^text\/plain; charset=big5/i);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="2020????.txt"; filename*=UTF-8''${encodeURIComponent('2020粵港合作.txt')}`,
    );
    expect(res.headers['x-content-sha256']).toBe(sha256(bytes));
    expect(await count(connection, 'MATCH (d:Document {key: $key}) RETURN count(d)', { key })).toBe(1);
  });

  it('a Word file comes back as Word, byte for byte', async () => {
    const bytes = await toDocx(await readFile(MACAO, 'utf8'));
    const result = await upload(app, 'macao-2021.docx', bytes);
    const res = await download(app, result.documents[0]!.key).expect(200);
    expect((res.body as Buffer).equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename=macao-2021.docx');
  });

  it('the same bytes uploaded again are kept once', async () => {
    const stored = async () =>
      keep === 'folder'
        ? (await readdir(sources)).length
        : await count(connection, 'MATCH (s:Source) RETURN count(s)');
    const before = await stored();
    expect(before).toBe(keep === 'folder' ? 4 : 2);
    const again = await upload(app, '2020粵港合作.txt', await big5());
    expect(again.documents[0]!.outcome).toBe('unchanged');
    await upload(app, 'another-name.txt', await big5());
    expect(await stored()).toBe(before);
  });

  it('deleting a document deletes its original, unless another document has the same bytes', async () => {
    const bytes = await big5();
    const kept = async (sha: string) =>
      keep === 'folder'
        ? (await readdir(sources)).filter((f) => f.startsWith(sha)).length
        : await count(connection, 'MATCH (s:Source {sha256: $sha}) RETURN count(s)', { sha });
    const holders = await count(connection, 'MATCH (d:Document {sha256: $sha}) RETURN count(d)', {
      sha: sha256(bytes),
    });
    expect(holders).toBe(2);
    const present = await kept(sha256(bytes));
    expect(present).toBe(keep === 'folder' ? 2 : 1);
    // The Word file's bytes, as uploaded above (a new .docx would differ in its zip's times).
    const docx = (await download(app, 'macao-2021').expect(200)).body as Buffer;

    await request(app).delete('/api/documents/another-name').expect(204);
    expect(await kept(sha256(bytes))).toBe(present);
    const key = '2020粵港合作';
    expect((await download(app, key).expect(200)).body).toEqual(bytes);

    await request(app)
      .delete(`/api/documents/${encodeURIComponent(key)}`)
      .expect(204);
    expect(await kept(sha256(bytes))).toBe(0);
    expect(await kept(sha256(docx))).toBe(present);
    expect((await download(app, 'macao-2021').expect(200)).body).toEqual(docx);
  });
});

describe('GET /api/documents/:key/original refuses safely', () => {
  let app: Express;
  let sources: string;
  const set = async (cypher: string, params: Record<string, unknown>) => {
    const session = connection.driver.session({ database: connection.database });
    try {
      await session.run(cypher, params);
    } finally {
      await session.close();
    }
  };

  beforeAll(async () => {
    await resetDatabase(connection);
    sources = path.join(dir, 'refusals');
    app = createApp({ connection, originals: openOriginals(connection, { keep: 'folder', dir: sources }) });
    await upload(app, 'plan.txt', await readFile(SEED_FILE));
  });

  it('an unknown key: 404 naming it', async () => {
    const res = await request(app).get('/api/documents/no-such-plan/original').expect(404);
    expect(res.body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No document with key "no-such-plan"',
    });
  });

  it('a document loaded before originals were kept: 404 saying so', async () => {
    await set("CREATE (:Document {key: 'old-plan', source: 'old.txt', sha256: $sha})", {
      sha: 'a'.repeat(64),
    });
    const res = await request(app).get('/api/documents/old-plan/original').expect(404);
    expect(res.body.error.code).toBe('ORIGINAL_NOT_KEPT');
    expect(res.body.error.message).toContain(`not kept in ${sources}`);
  });

  it('a file name made to inject headers stays inside one quoted Content-Disposition', async () => {
    await set("MATCH (d:Document {key: 'plan'}) SET d.source = $name", {
      name: 'evil"\r\nSet-Cookie: pwned=1\r\nX-Injected: yes; ".txt',
    });
    const res = await download(app, 'plan').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-injected']).toBeUndefined();
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="evil\\"Set-Cookie: pwned=1X-Injected: yes; \\".txt"`,
    );
    expect(res.headers['content-security-policy']).toBe('sandbox');
  });

  it('a name with folders is saved under its base name only', async () => {
    await set("MATCH (d:Document {key: 'plan'}) SET d.source = $name", { name: '../../../etc/passwd' });
    const res = await download(app, 'plan').expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=passwd');
    await set("MATCH (d:Document {key: 'plan'}) SET d.source = $name", { name: '..\\..\\..' });
    const dots = await download(app, 'plan').expect(200);
    expect(dots.headers['content-disposition']).toMatch(/^attachment; filename=[0-9a-f]{64}\.bin$/);
  });

  it('a recorded SHA-256 made into a path reads nothing outside the folder', async () => {
    for (const sha of ['../../package.json', `../${path.basename(dir)}/refusals/x`, '/etc/passwd']) {
      await set("MATCH (d:Document {key: 'plan'}) SET d.sha256 = $sha", { sha });
      const res = await request(app).get('/api/documents/plan/original').expect(404);
      expect(res.body.error.code).toBe('ORIGINAL_NOT_KEPT');
    }
    for (const key of ['../../package.json', '..%2F..%2Fpackage.json'])
      expect((await request(app).get(`/api/documents/${key}/original`)).status).toBe(404);
  });

  it('an app that keeps no originals says so', async () => {
    const res = await request(createApp({ connection })).get('/api/documents/plan/original').expect(404);
    expect(res.body.error.message).toContain('not kept by this server');
  });
});
