/**
 * Changing the corpus over HTTP against the real Neo4j: uploads in every format (multipart, pasted
 * text, with server-sent progress), a bad file among good ones, deleting a document without touching
 * another's, correcting metadata, the upload limits, and who may write at all.
 */
import { networkInterfaces } from 'node:os';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import PDFDocument from 'pdfkit';
import request from 'supertest';
import type { DocumentSummary, UploadEvent, UploadResponse } from '../../../model/api';
import { createApp } from '../../../server/app';
import { DEFAULT_LIMITS } from '../../../store/config';
import type { Connection } from '../../../store/connection';
import { count, repoRoot } from '../../../testkit/db';
import { fingerprint } from '../../../testkit/fingerprint';
import { encodeHtml, toDocx, toPdf } from '../../../testkit/formats';
import { SEED_FILE, SEED_KEY, seededApp } from '../../../testkit/seeded-app';

const MACAO = path.join(
  repoRoot,
  'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt',
);
const YOUTH = path.join(repoRoot, 'tests/fixtures/documents/2022-guangdong-hong-kong-macao-youth-plan.txt');

let connection: Connection;
let app: Express;
let macao: string;
let youth: string;
let seed: string;

function scanPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.rect(72, 72, 400, 600).fill('#888');
    doc.end();
  });
}

/** What the seed's document is made of, apart from element ids: its measures, mentions and units. */
async function seedContent(): Promise<string> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.run(
      `MATCH (m:Measure {document: $key})
       OPTIONAL MATCH (m)-[r:MENTIONS|ASSIGNED_TO]->(e:Entity)
       WITH m, r, e ORDER BY m.ordinal, type(r), e.key
       RETURN collect([m.key, m.text, type(r), e.key, e.name, properties(r)]) AS content`,
      { key: SEED_KEY },
    );
    return JSON.stringify(result.records[0]?.get('content'));
  } finally {
    await session.close();
  }
}

async function list(): Promise<DocumentSummary[]> {
  return (await request(app).get('/api/documents').expect(200)).body.documents;
}

beforeAll(async () => {
  ({ connection, app } = await seededApp([SEED_FILE]));
  [macao, youth, seed] = await Promise.all([
    readFile(MACAO, 'utf8'),
    readFile(YOUTH, 'utf8'),
    readFile(SEED_FILE, 'utf8'),
  ]);
});
afterAll(() => connection.close());

describe('POST /api/documents', () => {
  it('loads several files of several formats, and refuses a scan alone, naming it', async () => {
    const before = await seedContent();
    const res = await request(app)
      .post('/api/documents')
      .attach('file', await toDocx(macao), 'macao-2021.docx')
      .attach('file', encodeHtml(youth, 'gb18030'), 'youth-2022.html')
      .attach('file', await scanPdf(), 'scan.pdf')
      .expect(200);
    const body = res.body as UploadResponse;
    expect(body.documents.map((d) => [d.file, d.readAs, d.measures, d.outcome])).toEqual([
      ['macao-2021.docx', 'Word', 31, 'created'],
      ['youth-2022.html', 'web page, GB18030', 24, 'created'],
    ]);
    expect(body.documents[0]!.units).toBeGreaterThan(0);
    expect(body.documents[0]!.entities).toBeGreaterThan(0);
    expect(body.failures).toEqual([
      {
        file: 'scan.pdf',
        code: 'NO_TEXT_LAYER',
        message: expect.stringMatching(/^scan\.pdf: has no text layer .*OCR it first$/),
      },
    ]);
    // Nothing of the scan; the new documents listed with how they were read; the seed untouched.
    const documents = await list();
    expect(documents.map((d) => [d.key, d.format, d.encoding, d.counts.measures])).toEqual(
      expect.arrayContaining([
        ['macao-2021', 'docx', null, 31],
        ['youth-2022', 'html', 'GB18030', 24],
      ]),
    );
    expect(documents).toHaveLength(3);
    expect(documents.find((d) => d.key === 'macao-2021')!.loadedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await seedContent()).toBe(before);
    // Search and the graph see them.
    const hits = (
      await request(app)
        .get(`/api/search?q=${encodeURIComponent('横琴')}`)
        .expect(200)
    ).body;
    expect(JSON.stringify(hits)).toContain('横琴');
  });

  it('streams each file’s stages, its report and the end as server-sent events', async () => {
    const res = await request(app)
      .post('/api/documents')
      .set('Accept', 'text/event-stream')
      .attach('file', await toPdf(seed), 'seed-copy.pdf')
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = (res.body as string)
      .split('\n\n')
      .filter(Boolean)
      .map(
        (block) =>
          JSON.parse(
            block
              .split('\n')
              .find((l) => l.startsWith('data: '))!
              .slice(6),
          ) as UploadEvent,
      );
    expect(events.filter((e) => e.type === 'stage').map((e) => e.type === 'stage' && e.stage)).toEqual([
      'read',
      'parse',
      'extract',
      'load',
    ]);
    const document = events.find((e) => e.type === 'document');
    expect(document?.type === 'document' && document.document).toMatchObject({
      file: 'seed-copy.pdf',
      readAs: 'PDF',
      measures: 57,
      warnings: expect.arrayContaining([expect.stringMatching(/look-alike character/)]),
    });
    expect(events.at(-1)?.type).toBe('done');
  });

  it('loads a pasted text', async () => {
    const res = await request(app)
      .post('/api/documents')
      .send({ name: '青年计划 粘贴', text: youth })
      .expect(200);
    expect((res.body as UploadResponse).documents[0]).toMatchObject({
      file: '青年计划 粘贴.txt',
      measures: 24,
    });
  });

  it('answers 422 when every file fails, and leaves the graph as it was', async () => {
    const before = await fingerprint(connection);
    const res = await request(app)
      .post('/api/documents')
      .attach('file', Buffer.from('这只是一段说明文字，没有任何编号的措施。\n'), 'notes.txt')
      .attach('file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), 'program.txt')
      .expect(422);
    expect((res.body as UploadResponse).failures.map((f) => [f.file, f.code])).toEqual([
      ['notes.txt', 'NO_STRUCTURE'],
      ['program.txt', 'UNKNOWN_FORMAT'],
    ]);
    expect(await fingerprint(connection)).toEqual(before);
  });

  it('refuses uploads past the limits with 413 naming the file, loading nothing', async () => {
    const small = createApp({ connection, limits: { ...DEFAULT_LIMITS, fileBytes: 1000, uploadFiles: 2 } });
    const before = await fingerprint(connection);
    const big = await request(small)
      .post('/api/documents')
      .attach('file', Buffer.from(seed), 'big-plan.txt')
      .expect(413);
    expect(big.body.error).toMatchObject({
      code: 'UPLOAD_TOO_LARGE',
      message: expect.stringMatching(/^big-plan\.txt is over the limit of/),
    });
    const many = await request(small)
      .post('/api/documents')
      .attach('file', Buffer.from('一、甲\n1. 乙。\n'), 'a.txt')
      .attach('file', Buffer.from('一、甲\n1. 乙。\n'), 'b.txt')
      .attach('file', Buffer.from('一、甲\n1. 乙。\n'), 'c.txt')
      .expect(413);
    expect(many.body.error.message).toMatch(/More than 2 files in one upload \(UPLOAD_MAX_FILES\)/);
    await request(small).post('/api/documents').send('plain').set('Content-Type', 'text/plain').expect(415);
    expect(await fingerprint(connection)).toEqual(before);
  });
});

describe('POST /api/documents?replace=:key', () => {
  it('loads one file of any name as a new version of that document, replacing its measures', async () => {
    // The new version lacks the plan's last measure.
    const shorter = youth.slice(0, youth.lastIndexOf('\n24.'));
    const res = await request(app)
      .post('/api/documents?replace=youth-2022')
      .attach('file', Buffer.from(shorter), 'youth-plan-final.txt')
      .expect(200);
    expect((res.body as UploadResponse).documents[0]).toMatchObject({
      key: 'youth-2022',
      outcome: 'replaced',
      measures: 23,
      note: 'a new version of youth-2022',
    });
    const listed = (await list()).find((d) => d.key === 'youth-2022')!;
    expect([listed.source, listed.counts.measures]).toEqual(['youth-plan-final.txt', 23]);
    expect((await list()).map((d) => d.key)).not.toContain('youth-plan-final');
  });

  it('refuses two files, or a document that is not there', async () => {
    await request(app)
      .post('/api/documents?replace=youth-2022')
      .attach('file', Buffer.from(youth), 'a.txt')
      .attach('file', Buffer.from(youth), 'b.txt')
      .expect(400);
    await request(app)
      .post('/api/documents?replace=no-such-plan')
      .attach('file', Buffer.from(youth), 'a.txt')
      .expect(404);
  });
});

describe('DELETE /api/documents/:key', () => {
  it('removes a document, its measures and the entities only it named; nothing of another document changes', async () => {
    const before = await seedContent();
    const onlyMacao = await count(
      connection,
      `MATCH (e:Entity)<-[:MENTIONS|ASSIGNED_TO]-(m:Measure) WITH e, collect(DISTINCT m.document) AS docs
       WHERE docs = ['macao-2021'] RETURN count(e)`,
    );
    expect(onlyMacao).toBeGreaterThan(0);
    await request(app).delete('/api/documents/macao-2021').expect(204);
    expect(await count(connection, "MATCH (m:Measure {document: 'macao-2021'}) RETURN count(m)")).toBe(0);
    expect(await count(connection, "MATCH (d:Document {key: 'macao-2021'}) RETURN count(d)")).toBe(0);
    expect(
      await count(
        connection,
        'MATCH (e:Entity) WHERE NOT (e)<-[:MENTIONS|ASSIGNED_TO|IMPLEMENTS|SIGNED_BY|LOCATED_IN|PART_OF]-() RETURN count(e)',
      ),
    ).toBe(0);
    expect(await seedContent()).toBe(before);
    expect((await list()).map((d) => d.key)).not.toContain('macao-2021');
    await request(app).delete('/api/documents/macao-2021').expect(404);
  });
});

describe('PATCH /api/documents/:key', () => {
  it('corrects metadata and marks what was edited', async () => {
    const res = await request(app)
      .patch('/api/documents/youth-2022')
      .send({
        year: 2022,
        region: 'both',
        documentNumber: '粤青联〔2022〕3号',
        issuer: ['共青团广东省委员会'],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      key: 'youth-2022',
      year: 2022,
      region: 'both',
      documentNumber: '粤青联〔2022〕3号',
      issuer: ['共青团广东省委员会'],
    });
    expect([...res.body.edited].sort()).toEqual(['documentNumber', 'issuer', 'region', 'year']);
  });

  it.each([
    [{ year: 'next' }, 'year'],
    [{ region: 'taipei' }, 'region'],
    [{ date: '2022-13-40' }, 'date'],
    [{ sha256: 'x' }, 'sha256'],
    [{}, 'body'],
  ])('refuses %j naming %s', async (body, param) => {
    const res = await request(app).patch('/api/documents/youth-2022').send(body).expect(400);
    expect(res.body.error.message.startsWith(`${param}: `)).toBe(true);
  });

  it('answers 404 for a document that is not there', async () => {
    await request(app).patch('/api/documents/nothing-here').send({ year: 2020 }).expect(404);
  });
});

describe('hostile uploads', () => {
  it('keeps only the base name of a file name that climbs folders, and writes no file', async () => {
    const res = await request(app)
      .post('/api/documents')
      .attach('file', Buffer.from(youth), { filename: '../../../../tmp/climb-up.txt' })
      .expect(200);
    expect((res.body as UploadResponse).documents[0]).toMatchObject({
      file: 'climb-up.txt',
      key: 'climb-up',
    });
    expect((await list()).find((d) => d.key === 'climb-up')?.source).toBe('climb-up.txt');
    await request(app).delete('/api/documents/climb-up').expect(204);
  });

  it.each([
    [
      'a file under another field',
      (r: request.Test) => r.attach('files', Buffer.from(youth), 'a.txt'),
      'files',
    ],
    [
      'a file named only with dots',
      (r: request.Test) => r.attach('file', Buffer.from(youth), { filename: '..' }),
      'file',
    ],
    ['no file at all', (r: request.Test) => r.field('note', 'hello'), 'file'],
    [
      'a broken multipart body',
      (r: request.Test) =>
        r
          .set('Content-Type', 'multipart/form-data; boundary=xyz')
          .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nunterminated'),
      'body',
    ],
    ['a pasted text without a name', (r: request.Test) => r.send({ text: youth }), 'name'],
    [
      'a pasted text that is not text',
      (r: request.Test) => r.send({ name: 'a.txt', text: { toString: 1 } }),
      'text',
    ],
  ])('refuses %s with 400 naming it, loading nothing', async (_, build, param) => {
    const before = await fingerprint(connection);
    const res = await build(request(app).post('/api/documents')).expect(400);
    expect(res.body.error.message.startsWith(`${param}: `)).toBe(true);
    expect(await fingerprint(connection)).toEqual(before);
  });

  it('refuses a replace target given twice', async () => {
    const res = await request(app)
      .post('/api/documents?replace=youth-2022&replace=macao-2021')
      .attach('file', Buffer.from(youth), 'a.txt')
      .expect(400);
    expect(res.body.error.param).toBe('replace');
  });
});

describe('who may write', () => {
  it('refuses a write a page of another site makes through the user’s browser', async () => {
    for (const headers of [
      { Origin: 'http://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
    ]) {
      const res = await request(app).delete('/api/documents/youth-2022').set(headers).expect(403);
      expect(res.body.error.code).toBe('CROSS_SITE');
    }
    expect((await list()).map((d) => d.key)).toContain('youth-2022');
  });

  it('with ADMIN_TOKEN: needs it as a bearer token', async () => {
    const token = 'a-long-enough-admin-token';
    const guarded = createApp({ connection, adminToken: token });
    await request(guarded).patch('/api/documents/youth-2022').send({ year: 2021 }).expect(401);
    await request(guarded)
      .patch('/api/documents/youth-2022')
      .set('Authorization', 'Bearer wrong-token-of-some-length')
      .send({ year: 2021 })
      .expect(401);
    await request(guarded)
      .patch('/api/documents/youth-2022')
      .set('Authorization', `Bearer ${token}`)
      .send({ year: 2021 })
      .expect(200);
    // Reading needs no token.
    await request(guarded).get('/api/documents').expect(200);
  });

  it('without a token: only this machine may write', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    expect(external).toBeDefined(); // a machine with a network address to come from
    const server = createApp({ connection, allowedHosts: [external!.address] }).listen(0, '0.0.0.0');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://${external!.address}:${port}/api/documents/youth-2022`, {
        method: 'DELETE',
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('LOOPBACK_ONLY');
      const read = await fetch(`http://${external!.address}:${port}/api/documents`);
      expect(read.status).toBe(200);
    } finally {
      server.close();
    }
    expect((await list()).map((d) => d.key)).toContain('youth-2022');
  });
});
