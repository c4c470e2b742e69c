import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../server/app';
import type { Connection } from '../../../store/connection';
import { ingestFiles } from '../../../ingest/ingest';
import { repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';

interface Section {
  key: string;
  number: string;
  title: string;
  ordinal: number;
  measures: { key: string; number: string; ordinal: number; text: string }[];
  sections: Section[];
}

describe('GET /api/documents', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    app = createApp({ connection });
  });
  afterAll(() => connection.close());

  it('lists the documents with their counts', async () => {
    expect((await request(app).get('/api/documents').expect(200)).body).toEqual({
      documents: [],
      total: 0,
      limit: 500,
      offset: 0,
    });
    await ingestFiles(connection, [path.join(repoRoot, `seeds/${DOC}.txt`)]);
    const res = await request(app).get('/api/documents').expect(200).expect('Content-Type', /json/);
    expect(res.body.documents).toHaveLength(1);
    const [doc] = res.body.documents;
    expect(doc).toMatchObject({
      key: DOC,
      title: '實施《粵港合作框架協議》2020 年重點工作',
      year: 2020,
      script: 'traditional',
      source: `${DOC}.txt`,
      counts: { sections: 11, measures: 57 },
    });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.counts.entities).toBeGreaterThan(40);
  });

  it('pages and filters the list, with the total the filter passes', async () => {
    await ingestFiles(
      connection,
      [
        '2016-guangdong-hong-kong-key-work-older.txt',
        '2017-guangdong-macao-key-work-older-layout.txt',
        '2021-guangdong-task-division-plan-simplified.txt',
      ].map((name) => path.join(repoRoot, 'tests/fixtures/documents', name)),
    );
    const all = (await request(app).get('/api/documents').expect(200)).body;
    expect(all.total).toBe(4);
    const keys = all.documents.map((d: { key: string }) => d.key);
    const page = (await request(app).get('/api/documents').query({ limit: 2, offset: 1 }).expect(200)).body;
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.documents.map((d: { key: string }) => d.key)).toEqual(keys.slice(1, 3));
    const beyond = (await request(app).get('/api/documents').query({ offset: 100 }).expect(200)).body;
    expect(beyond).toMatchObject({ documents: [], total: 4 });
    const macao = (await request(app).get('/api/documents').query({ region: 'macao' }).expect(200)).body;
    expect(macao.documents.map((d: { region: string }) => d.region)).toEqual(['macao']);
    expect(macao.total).toBe(1);
    const titled = (await request(app).get('/api/documents').query({ q: '粵港合作' }).expect(200)).body;
    expect(titled.documents.every((d: { title: string }) => d.title.includes('粵港合作'))).toBe(true);
    expect(titled.total).toBe(titled.documents.length);
    expect(titled.total).toBeGreaterThan(0);
    for (const [name, value] of [
      ['limit', '0'],
      ['limit', '5001'],
      ['offset', '-1'],
      ['region', 'taiwan'],
      ['year', 'MATCH (n) DETACH DELETE n'],
    ] as const) {
      const res = await request(app)
        .get('/api/documents')
        .query({ [name]: value })
        .expect(400);
      expect(res.body.error.message).toContain(name);
    }
  });

  it('gives a document outline: sections as a tree with their measures in order', async () => {
    const res = await request(app).get(`/api/documents/${DOC}`).expect(200);
    const outline = res.body;
    expect(outline).toMatchObject({ key: DOC, counts: { sections: 11, measures: 57 }, measures: [] });
    expect(outline.implements).toEqual([expect.objectContaining({ key: '粤港合作框架协议' })]);
    expect(outline.signedBy).toHaveLength(2);

    const top: Section[] = outline.sections;
    expect(top.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八']);
    const three = top[2]!;
    expect(three.title).toBe('促進現代服務業合作');
    expect(three.measures.map((m) => m.number)).toEqual(['11']);
    expect(three.sections.map((s) => [s.number, s.title, s.measures.length])).toEqual([
      ['一', '金融業合作', 8],
      ['二', '專業服務', 6],
      ['三', '文化和旅遊合作', 4],
    ]);

    const all = (sections: Section[]): Section['measures'] =>
      sections.flatMap((s) => [...s.measures, ...all(s.sections)]);
    const measures = all(top);
    expect(measures).toHaveLength(57);
    expect(measures.map((m) => m.ordinal)).toEqual(Array.from({ length: 57 }, (_, i) => i + 1));
    expect(measures[15]).toMatchObject({ key: `${DOC}/m16`, number: '16' });
    expect(measures[15]!.text).toMatch(/^支持兩地保險機構/);
  });

  it('answers 404 for an unknown document', async () => {
    const res = await request(app).get('/api/documents/no-such-plan').expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.body.error.message).toMatch(/no-such-plan/);
  });
});
