/**
 * HTTP hygiene for every response: the Host header must name this server (a web page using DNS
 * rebinding to reach the loopback API from the user's browser sends its own host name and is
 * refused), and the standard security headers (helmet) with a Content-Security-Policy fitted to the
 * client: scripts and styles from here only (styles may be inline: CodeMirror injects its own), the
 * layout worker from a blob: URL, images from data:/blob: (exports), no framing.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** A Host header: a name or IPv4 address, or an IPv6 address in brackets, and an optional port. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/;

/** `Host: 127.0.0.1:3000` → `127.0.0.1`; `[::1]:3000` → `[::1]`; null for anything malformed. */
export function hostName(host: string): string | null {
  return HOST.exec(host.trim().toLowerCase())?.[1] ?? null;
}

/** 403 HOST_NOT_ALLOWED unless the Host header is one of `allowed` (a name, or name:port). */
export function hostCheck(allowed: readonly string[]): RequestHandler {
  const hosts = new Set(allowed.map((h) => h.toLowerCase()));
  return (req, res, next) => {
    const host = req.headers.host ?? '';
    const name = hostName(host);
    if (name !== null && (hosts.has(host.trim().toLowerCase()) || hosts.has(name))) return next();
    res.status(403).json({
      error: {
        code: 'HOST_NOT_ALLOWED',
        message: `The host "${host}" is not one this server answers for; add it to ALLOWED_HOSTS if you serve the explorer under that name`,
      },
    });
  };
}

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // data: and blob: URLs are read back (image exports); they reach no other origin.
        connectSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Plain HTTP on loopback: HSTS would only confuse a browser that later meets another local server.
    strictTransportSecurity: false,
  });
}
