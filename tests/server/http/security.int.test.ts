/**
 * HTTP hygiene: the server answers only for its own host names (a DNS-rebinding page sends another
 * Host and is refused), and every response carries the security headers, the page a CSP that keeps
 * scripts, workers and frames to this origin.
 */
import request from 'supertest';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../store/config';
import type { Connection } from '../../../store/connection';
import { testConnection } from '../../../testkit/db';

describe('Host header and security headers', () => {
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    connection = await testConnection();
    app = createApp({ connection });
  });
  afterAll(() => connection.close());

  it.each([
    'evil.example',
    'evil.example:3000',
    '127.0.0.1.nip.io:3000',
    'localhost.evil.example',
    'localhost:evil.com',
    '[::1]evil.com',
    '127.0.0.1:1@evil.com',
  ])('refuses Host: %s with 403', async (host) => {
    const res = await request(app).get('/api/documents').set('Host', host).expect(403);
    expect(res.body.error.code).toBe('HOST_NOT_ALLOWED');
    expect(res.body.error.message).toContain('ALLOWED_HOSTS');
  });

  it.each(['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST', '[::1]:3000'])(
    'answers Host: %s',
    async (host) => {
      await request(app).get('/api/no-such-route').set('Host', host).expect(404);
    },
  );

  it('answers the names ALLOWED_HOSTS gives, and a specific HOST it binds to', async () => {
    const config = loadConfig({ ALLOWED_HOSTS: 'explorer.example.org, intranet:8080' });
    const deployed = createApp({ connection, allowedHosts: config.allowedHosts });
    await request(deployed).get('/api/no-such-route').set('Host', 'explorer.example.org').expect(404);
    await request(deployed).get('/api/no-such-route').set('Host', 'intranet:8080').expect(404);
    await request(deployed).get('/api/no-such-route').set('Host', 'intranet:9090').expect(403);
    await request(deployed).get('/api/no-such-route').set('Host', 'localhost').expect(403);
    expect(loadConfig({ HOST: '192.168.1.5' }).allowedHosts).toContain('192.168.1.5');
  });

  it('sends the security headers on API answers and errors alike', async () => {
    for (const res of [
      await request(app).get('/api/no-such-route'),
      await request(app).get('/api/documents').set('Host', 'evil.example'),
    ]) {
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('gives the page a CSP that keeps scripts and workers to this origin', async () => {
    const res = await request(app).get('/api/no-such-route');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/object-src 'none'/);
  });
});
