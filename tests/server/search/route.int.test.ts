import request from 'supertest';
import type { Express } from 'express';
import type { Connection } from '../../../store/connection';
import { seededApp } from '../../../testkit/seeded-app';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';

interface Hit {
  kind: 'entity' | 'measure';
  key: string;
  label: string;
  name?: string;
  text?: string;
  textAlt?: string | null;
  script?: string | null;
  highlight?: [number, number] | null;
  match: string;
}

describe('GET /api/search', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  async function search(query: Record<string, string>): Promise<Hit[]> {
    const res = await request(app).get('/api/search').query(query).expect(200).expect('Content-Type', /json/);
    return res.body.results as Hit[];
  }

  it('finds the Traditional entity 港珠澳大橋 first when asked in Simplified, and in Traditional', async () => {
    for (const q of ['港珠澳大桥', '港珠澳大橋']) {
      const [first, ...rest] = await search({ q });
      expect(first).toMatchObject({
        kind: 'entity',
        key: '港珠澳大桥',
        name: '港珠澳大橋',
        label: 'Infrastructure',
        match: 'exact',
      });
      // Measures mentioning it come too, with the words highlighted in their own script.
      const measure = rest.find((hit) => hit.key === `${DOC}/m2`);
      expect(measure).toBeDefined();
      expect(measure!.text!.slice(...measure!.highlight!)).toBe('港珠澳大橋');
    }
  });

  it('finds entities by English name and alias, whatever the case', async () => {
    for (const q of ['Hong Kong-Zhuhai-Macao Bridge', 'hong kong-zhuhai-macao bridge', 'HZMB', 'hzmb']) {
      expect((await search({ q }))[0]).toMatchObject({ key: '港珠澳大桥', match: 'exact' });
    }
    expect((await search({ q: 'Shenzhen Bay' }))[0]).toMatchObject({ key: '深圳湾口岸' });
  });

  it('matches prefixes: a Chinese name being typed, and a Latin word being typed', async () => {
    const hits = await search({ q: '港珠' });
    expect(hits[0]).toMatchObject({ kind: 'entity', match: 'prefix' });
    expect(hits.filter((h) => h.kind === 'entity').map((h) => h.key)).toEqual(
      expect.arrayContaining(['港珠澳大桥', '港珠澳大桥口岸']),
    );
    expect((await search({ q: '深圳灣口' }))[0]).toMatchObject({ key: '深圳湾口岸', match: 'prefix' });
    const typing = await search({ q: 'Shenzh' });
    expect(typing.map((h) => h.key)).toEqual(expect.arrayContaining(['深圳', '深圳湾口岸']));
    expect(typing[0]!.match).toBe('prefix');
  });

  it('finds measures by text in either script', async () => {
    for (const q of ['跨境車輛', '跨境车辆']) {
      const hits = await search({ q, types: 'Measure' });
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(hit.kind).toBe('measure');
      const m2 = hits.find((h) => h.key === `${DOC}/m2`)!;
      expect(m2.text!.slice(...m2.highlight!)).toBe('跨境車輛');
      // Its other script and its document's, for the content-script switch: the highlight fits both.
      expect(m2.script).toBe('traditional');
      expect(m2.textAlt!.slice(...m2.highlight!)).toBe('跨境车辆');
    }
  });

  it('narrows by type and limits the number of results', async () => {
    const ports = await search({ q: '口岸', types: 'Port' });
    expect(ports.length).toBeGreaterThan(2);
    for (const hit of ports) expect(hit).toMatchObject({ kind: 'entity', label: 'Port' });
    expect(await search({ q: '香港', limit: '3' })).toHaveLength(3);
    const entities = await search({ q: '港珠澳大桥', types: 'Entity' });
    expect(entities.length).toBeGreaterThan(1);
    for (const hit of entities) expect(hit.kind).toBe('entity');
    const cities = await search({ q: '香港', types: 'City,Institution', limit: '50' });
    expect(cities[0]).toMatchObject({ key: '香港', match: 'exact' });
    expect(new Set(cities.map((h) => h.label))).toEqual(new Set(['City', 'Institution']));
  });

  it('takes Lucene syntax in the query as plain text', async () => {
    for (const q of ['港珠澳大桥"', 'a:b OR (c', '港*', 'HZMB~2', 'Hong Kong AND', '[1 TO 9]', 'x/y\\z']) {
      await request(app).get('/api/search').query({ q }).expect(200);
    }
    expect((await search({ q: '"港珠澳大桥"' }))[0]).toMatchObject({ key: '港珠澳大桥' });
  });

  it('answers 400 naming the parameter', async () => {
    for (const [query, param] of [
      [{}, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: '「」？' }, 'q'],
      [{ q: '*' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: '港珠', limit: '0' }, 'limit'],
      [{ q: '港珠', limit: '101' }, 'limit'],
      [{ q: '港珠', types: 'Document' }, 'types'],
    ] as [Record<string, string>, string][]) {
      const res = await request(app).get('/api/search').query(query).expect(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_PARAMETER', param });
    }
  });
});
