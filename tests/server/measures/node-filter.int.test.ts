/** GET /api/measures?node=: the measures of one node of the graph, as the graph and the entity page have them. */
import request from 'supertest';
import type { Express } from 'express';
import type { Connection } from '../../../store/connection';
import { seededApp } from '../../../testkit/seeded-app';

const DOC = '2020-guangdong-hong-kong-cooperation-work-plan';
const M16 = `${DOC}/m16`;
const BRIDGE = '港珠澳大桥';

describe('GET /api/measures?node=', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  const keys = async (query: string) => {
    const body = (await request(app).get(`/api/measures?limit=500&${query}`).expect(200)).body;
    expect(body.total).toBe(body.rows.length);
    return (body.rows as { key: string }[]).map((row) => row.key).sort();
  };

  it('gives an entity’s measures: those the entity page lists', async () => {
    const entity = (
      await request(app)
        .get(`/api/entities/${encodeURIComponent(BRIDGE)}`)
        .expect(200)
    ).body;
    const expected = (entity.measures as { key: string }[]).map((m) => m.key).sort();
    expect(expected.length).toBeGreaterThan(1);
    await expect(keys(`node=${encodeURIComponent(BRIDGE)}`)).resolves.toEqual(expected);
  });

  it('gives a measure itself, a document’s measures and those under a section', async () => {
    await expect(keys(`node=${encodeURIComponent(M16)}`)).resolves.toEqual([M16]);
    await expect(keys(`node=${encodeURIComponent(DOC)}`)).resolves.toEqual(
      await keys(`document=${encodeURIComponent(DOC)}`),
    );
    const measure = (await request(app).get(`/api/measures/${M16}`).expect(200)).body;
    const section = measure.sections[0].key as string;
    const under = await keys(`node=${encodeURIComponent(section)}`);
    expect(under).toContain(M16);
    expect(under.length).toBeLessThan((await keys(`document=${encodeURIComponent(DOC)}`)).length);
    // The other filters still apply, and an unknown node has no measures.
    await expect(
      keys(`node=${encodeURIComponent(DOC)}&q=${encodeURIComponent('支持兩地保險機構')}`),
    ).resolves.toEqual([M16]);
    await expect(keys('node=no-such-node')).resolves.toEqual([]);
  });
});
