/**
 * Who may change the graph (upload, delete, edit documents). With ADMIN_TOKEN set, a request must
 * carry it as `Authorization: Bearer <token>`; without it, only clients on the loopback address may
 * write. Either way a browser request from another site is refused: a web page the user has open
 * could otherwise post a form to the loopback server (a multipart POST needs no CORS preflight), so
 * a write whose Origin, or Sec-Fetch-Site, says it comes from elsewhere gets 403.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Origin's host:port, or null when it has none or is not a URL. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

export function writeAccess(adminToken: string | null): RequestHandler {
  return (req, _res, next) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    // A page of this server has this server's host:port as its Origin; anything else is another site.
    const foreign = origin !== undefined && originHost(origin) !== (req.get('host') ?? '').toLowerCase();
    if (site === 'cross-site' || site === 'same-site' || foreign)
      return next(new ApiError(403, 'CROSS_SITE', 'Changes to the graph are not accepted from another site'));
    if (adminToken) {
      const [scheme, given] = (req.get('authorization') ?? '').split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !given || !sameToken(given, adminToken))
        return next(
          new ApiError(
            401,
            'TOKEN_REQUIRED',
            'This server needs its ADMIN_TOKEN as a bearer token to change the graph',
          ),
        );
      return next();
    }
    if (!LOOPBACK.test(req.socket.remoteAddress ?? ''))
      return next(
        new ApiError(
          403,
          'LOOPBACK_ONLY',
          'Only this machine may change the graph; set ADMIN_TOKEN to allow others with the token',
        ),
      );
    next();
  };
}
