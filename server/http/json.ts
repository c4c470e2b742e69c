/**
 * Sending a JSON answer whose size is bounded: the text is built once, measured, and refused with
 * 413 RESPONSE_TOO_LARGE when it is over the limit (the console counts while the records stream in;
 * this is the exact last check).
 */
import type { Response } from 'express';
import { ApiError } from './errors';

export function sendJson(res: Response, value: unknown, maxBytes: number): void {
  const body = JSON.stringify(value);
  const bytes = Buffer.byteLength(body);
  if (bytes > maxBytes) {
    const mb = (maxBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
    throw new ApiError(
      413,
      'RESPONSE_TOO_LARGE',
      `The answer would be ${bytes} bytes, over the response limit of ${mb} MB; add a LIMIT or return fewer or smaller values`,
    );
  }
  res.type('application/json').send(body);
}
