/**
 * measures-touching finds its entity through the indexes (cypher/measures-touching.cypher) and must
 * answer exactly as reading every entity did: by any name, alias or English name in any case, and
 * with text that means something to Lucene or Cypher taken as a name that matches nothing.
 */
import request from 'supertest';
import type { Express } from 'express';
import type { Connection } from '../../../store/connection';
import { seededApp } from '../../../testkit/seeded-app';

describe('measures-touching: the entity by any of its names', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  const measures = async (name: string) => {
    const res = await request(app).post('/api/queries/measures-touching').send({ params: { name } });
    expect({ name, status: res.status, error: res.body.error }).toEqual({
      name,
      status: 200,
      error: undefined,
    });
    return (res.body.rows as { measure: string }[]).map((r) => r.measure);
  };

  it('finds the bridge by its key, names, alias and English name, in any case and with spaces around', async () => {
    const expected = await measures('港珠澳大橋');
    expect(expected).toEqual(['2', '16', '51']);
    for (const name of [
      '港珠澳大桥',
      'HZMB',
      'hzmb',
      ' Hong Kong-Zhuhai-Macao Bridge ',
      'hong kong-zhuhai-macao bridge',
    ])
      expect({ name, measures: await measures(name) }).toEqual({ name, measures: expected });
  });

  it('takes Lucene and Cypher syntax as a name that matches nothing', async () => {
    for (const name of ['"', '\\', '"港珠澳大桥" OR *', '港珠澳大桥"', "') RETURN 1 //", '*'])
      expect({ name, measures: await measures(name) }).toEqual({ name, measures: [] });
  });
});
