import request from 'supertest';
import type { Express } from 'express';
import type { Connection } from '../../../store/connection';
import { seededApp } from '../../../testkit/seeded-app';
import { parseCsv } from '../../../testkit/csv';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const M16 = `${DOC}/m16`;

describe('GET /api/measures/:key', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  it('gives the measure with its document, section path and neighbours in order', async () => {
    const res = await request(app).get(`/api/measures/${M16}`).expect(200).expect('Content-Type', /json/);
    const m = res.body;
    expect(m).toMatchObject({
      key: M16,
      number: '16',
      ordinal: 16,
      previous: `${DOC}/m15`,
      next: `${DOC}/m17`,
    });
    expect(m.text).toMatch(/^支持兩地保險機構/);
    expect(m.textAlt).toMatch(/^支持两地保险机构/);
    expect(m.textAlt).toHaveLength(m.text.length);
    expect(m.document).toMatchObject({ key: DOC, year: 2020, script: 'traditional' });
    expect(m.sections.map((s: { number: string; title: string }) => [s.number, s.title])).toEqual([
      ['三', '促進現代服務業合作'],
      ['一', '金融業合作'],
    ]);
    expect(m.section).toEqual(m.sections[1]);
    expect(m.actions).toEqual(expect.arrayContaining(['支持']));
  });

  it('gives mentions whose spans slice the text to what was written there', async () => {
    const m = (await request(app).get(`/api/measures/${M16}`).expect(200)).body;
    expect(m.mentions.length).toBeGreaterThan(3);
    for (const mention of m.mentions) {
      expect(mention.spans.length).toBeGreaterThan(0);
      for (const [start, end] of mention.spans) expect(mention.surface).toContain(m.text.slice(start, end));
    }
    const bridge = m.mentions.find((x: { key: string }) => x.key === '港珠澳大桥口岸');
    expect(bridge).toMatchObject({ label: 'Port', name: '港珠澳大橋口岸' });
    expect(m.text.slice(...bridge.spans[0])).toBe('港珠澳大橋口岸');
    const hongKong = m.mentions.find((x: { key: string }) => x.key === '香港');
    expect(hongKong.spans.length).toBeGreaterThan(1);
    // In order of first appearance.
    const starts = m.mentions.map((x: { spans: number[][] }) => x.spans[0]![0]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(m.units).toEqual([]);
  });

  it('takes the key as path segments or percent-encoded', async () => {
    const segments = (await request(app).get(`/api/measures/${M16}`).expect(200)).body;
    const encoded = (
      await request(app)
        .get(`/api/measures/${encodeURIComponent(M16)}`)
        .expect(200)
    ).body;
    expect(encoded).toEqual(segments);
  });

  it('answers 404 for an unknown key', async () => {
    const res = await request(app).get(`/api/measures/${DOC}/m99`).expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.body.error.message).toContain(`${DOC}/m99`);
    // Without a key it is the measures table (GET /api/measures), not a measure.
    expect((await request(app).get('/api/measures/').expect(200)).body.total).toBe(57);
    await request(app).get('/api/measures/%E0%A4%A').expect(400);
  });
});

describe('GET /api/measures?format=csv&script=', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  const csv = async (script: string) =>
    parseCsv(
      (
        await request(app)
          .get(`/api/measures?node=${encodeURIComponent('港珠澳大桥')}&format=csv${script}`)
          .expect(200)
      ).text,
    );

  it('exports the table in the content script shown, and says which script each text is in', async () => {
    const written = await csv('');
    const simplified = await csv('&script=simplified');
    expect(written.map((r) => r.key)).toEqual(simplified.map((r) => r.key));
    expect(written.length).toBeGreaterThan(1);
    for (const [i, row] of simplified.entries()) {
      const original = written[i]!;
      expect(original.script).toBe('traditional');
      expect(row.script).toBe('simplified');
      // The ingest's textAlt: as long as the text, so its mention spans still fit.
      expect(row.text).toHaveLength(original.text!.length);
      expect(row.text).not.toBe(original.text);
      expect(row.entities).toContain('港珠澳大桥');
      expect(row.entities).not.toContain('港珠澳大橋');
      expect(original.entities).toContain('港珠澳大橋');
    }
    expect(written[0]!.document).toBe('實施《粵港合作框架協議》2020 年重點工作');
    expect(simplified[0]!.document).toBe('实施《粤港合作框架协议》2020 年重点工作');
    // The seed is in Traditional already: shown in Traditional, it is as written.
    expect(await csv('&script=traditional')).toEqual(written);
  });

  it('names the parameter of a script it does not know', async () => {
    const res = await request(app)
      .get(`/api/measures?node=${encodeURIComponent('港珠澳大桥')}&format=csv&script=klingon`)
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param: 'script' });
  });
});
