/**
 * Answers cached per graph version (server/http/cache.ts, store/version.ts) against the real Neo4j:
 * a repeated read is served from the cache, a write through the server is seen by the next read, a
 * write by anyone else (another session, as `npm run ingest` or an analyst's tool would) is seen
 * within the version's maximum age, and `Cache-Control: no-cache` bypasses the cache.
 */
import request from 'supertest';
import type { Express } from 'express';
import type { Connection } from '../../../store/connection';
import { ResponseCache } from '../../../server/http/cache';
import { VERSION_MAX_AGE_MS } from '../../../store/version';
import { eventually } from '../../../testkit/process';
import { SEED_KEY, seededApp } from '../../../testkit/seeded-app';

describe('responses cached per graph version', () => {
  let connection: Connection;
  let app: Express;
  beforeAll(async () => ({ connection, app } = await seededApp()));
  afterAll(() => connection.close());

  const title = async (headers: Record<string, string> = {}) => {
    const res = await request(app).get(`/api/documents/${SEED_KEY}`).set(headers).expect(200);
    return {
      title: res.body.title as string,
      cache: res.headers['x-cache'],
      version: res.headers['x-graph-version'],
    };
  };

  it('serves a repeated read from the cache, at the same version', async () => {
    const first = await request(app).get('/api/search').query({ q: '港珠澳大橋' }).expect(200);
    const second = await request(app).get('/api/search').query({ q: '港珠澳大橋' }).expect(200);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.headers['x-graph-version']).toBe(first.headers['x-graph-version']);
    expect(second.body).toEqual(first.body);
    // Another question is another answer.
    const other = await request(app).get('/api/search').query({ q: '前海' }).expect(200);
    expect(other.headers['x-cache']).toBe('miss');
    expect(other.body).not.toEqual(first.body);
  });

  it('caches a named query by its parameters', async () => {
    const run = (params: Record<string, unknown>) =>
      request(app).post('/api/queries/measures-touching').send({ params }).expect(200);
    const first = await run({ name: '港珠澳大橋' });
    const again = await run({ name: '港珠澳大橋' });
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toEqual(first.body);
    expect((await run({ name: '前海' })).headers['x-cache']).toBe('miss');
  });

  it('answers the next read after a write through the server from the new graph', async () => {
    const before = await title();
    expect((await title()).cache).toBe('hit');
    await request(app).patch(`/api/documents/${SEED_KEY}`).send({ title: '改過的標題' }).expect(200);
    const after = await title();
    expect(after.cache).toBe('miss');
    expect(after.title).toBe('改過的標題');
    expect(after.version).not.toBe(before.version);
    await request(app).patch(`/api/documents/${SEED_KEY}`).send({ title: before.title }).expect(200);
    expect((await title()).title).toBe(before.title);
  });

  it('notices a write made by another session within the version age, and no-cache bypasses at once', async () => {
    const before = await title();
    expect((await title()).cache).toBe('hit');
    const session = connection.driver.session({ database: connection.database });
    try {
      const set = (value: string) =>
        session.run('MATCH (d:Document {key: $key}) SET d.title = $title', { key: SEED_KEY, title: value });
      await set('他人改的');
      await eventually(
        async () => (await title()).title === '他人改的',
        // The version is read again once it is older than its maximum age: renewed well within this.
        VERSION_MAX_AGE_MS * 5,
        'the cached answer to be renewed',
      );
      expect((await title()).cache).toBe('hit');
      // A reader that asks for a fresh answer gets it at once.
      await set('又改了');
      expect((await title({ 'Cache-Control': 'no-cache' })).title).toBe('又改了');
      await set(before.title);
    } finally {
      await session.close();
    }
  });

  it('never caches live routes or failures', async () => {
    expect((await request(app).get('/api/health')).headers['x-cache']).toBeUndefined();
    const missing = await request(app).get('/api/entities/no-such-entity').expect(404);
    expect((await request(app).get('/api/entities/no-such-entity').expect(404)).headers['x-cache']).toBe(
      'miss',
    );
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});

describe('ResponseCache', () => {
  const entry = (version: string, bytes: number) => ({
    version,
    body: Buffer.alloc(bytes, 1),
    type: 'application/json',
  });

  it('keeps at most its size, dropping the least recently used first', () => {
    const cache = new ResponseCache(1000);
    cache.set('a', entry('v', 100));
    cache.set('b', entry('v', 100));
    cache.get('a', 'v');
    for (let i = 0; i < 9; i++) cache.set(`c${i}`, entry('v', 100));
    expect(cache.size.bytes).toBeLessThanOrEqual(1000);
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBeDefined();
  });

  it('never serves an answer of another version, and never keeps one over an eighth of its size', () => {
    const cache = new ResponseCache(800);
    cache.set('a', entry('v1', 50));
    expect(cache.get('a', 'v2')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
    cache.set('big', entry('v1', 101));
    expect(cache.get('big', 'v1')).toBeUndefined();
  });
});
