/**
 * Responses cached per graph version (store/version.ts): a GET under /api, or a named query's POST
 * (read-only, keyed with its body), answered 200 with JSON is kept, keyed by its URL and the version
 * it was computed at, and served again while the version is the same. A request that may write
 * through this server (any other POST, PATCH or DELETE) makes the next request read the version
 * again; a write by anyone else is noticed within a second (the staleness README states).
 * `Cache-Control: no-cache` in a request bypasses the cache (and refreshes the entry). Each answer
 * carries `X-Graph-Version` and `X-Cache: hit|miss`. The cache is bounded in bytes; the least
 * recently used answers go first, and an answer larger than an eighth of it is never kept.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { graphVersionOf } from '../../store/version';
import type { Connection } from '../../store/connection';

/** Bytes of answers kept (CACHE_MB). */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** Routes whose answers are live, never cached: health, and the console's own state. */
const LIVE = /^\/(health|cypher|documents\/uploads)/;
/** POST routes that only read: named queries (cached, keyed with their body) and the console (read-only, live). */
const READ_POSTS = /^\/(queries\/|cypher$)/;

interface Entry {
  version: string;
  body: Buffer;
  type: string;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  get(key: string, version: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) {
      this.bytes -= entry.body.length;
      return undefined;
    }
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  set(key: string, entry: Entry): void {
    if (entry.body.length > this.maxBytes / 8) return;
    const before = this.entries.get(key);
    if (before) {
      this.entries.delete(key);
      this.bytes -= before.body.length;
    }
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.body.length;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** A POST body as part of a key: a hash of its JSON, or null when it has none. */
function bodyKey(body: unknown): string | null {
  try {
    return createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('base64url');
  } catch {
    return null;
  }
}

/** The middleware, mounted on the /api router before the routes. */
export function responseCache(connection: Connection, cache = new ResponseCache()) {
  const version = graphVersionOf(connection);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const readOnly =
      req.method === 'GET' || req.method === 'HEAD' || (req.method === 'POST' && READ_POSTS.test(req.path));
    if (!readOnly) {
      version.invalidate();
      res.on('finish', () => version.invalidate());
      return next();
    }
    if (LIVE.test(req.path)) return next();
    let current: string;
    try {
      current = await version.current();
    } catch {
      return next(); // Neo4j unreachable: the route answers (503) as it would uncached.
    }
    const body = req.method === 'POST' ? bodyKey(req.body) : '';
    // A body that cannot be a key (nested beyond what JSON.stringify walks) is the route's to refuse.
    if (body === null) return next();
    // No answer depends on the request's headers (not even Accept-Language: the client translates), so
    // the server's own prefetch (prefetch.ts) fills the entries a browser reads.
    const key = `${req.method} ${req.originalUrl} ${body}`;
    res.setHeader('X-Graph-Version', current);
    const bypass = /no-cache|no-store/.test(String(req.headers['cache-control'] ?? ''));
    const hit = bypass ? undefined : cache.get(key, current);
    if (hit) {
      res.setHeader('X-Cache', 'hit');
      res.type(hit.type).send(hit.body);
      return;
    }
    res.setHeader('X-Cache', 'miss');
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (res.statusCode === 200 && type.startsWith('application/json') && body !== undefined)
        cache.set(key, {
          version: current,
          body: Buffer.isBuffer(body) ? body : Buffer.from(String(body)),
          type,
        });
      return send(body);
    };
    next();
  };
}
