/**
 * GET /api/documents/:key/original: the bytes the document was made from, as they arrived
 * (ingest/originals/), with their media type and the document's file name to save them under. The
 * name is the file's own base name with control characters dropped, quoted by express (RFC 6266,
 * `filename*` for the Chinese), so no name can add a header or point outside the download folder;
 * `attachment` and a sandboxing CSP keep an uploaded web page from running as the explorer.
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import type { Originals } from '../../ingest';
import { ApiError, notFound } from '../http/errors';
import { keyParam } from '../http/params';

const DOCUMENT = 'MATCH (d:Document {key: $key}) RETURN d.sha256 AS sha256, d.source AS source';

/** A name to save as: no folders, no control characters, never empty. */
export function downloadName(name: string, fallback: string): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return base && !/^\.+$/.test(base) ? base : fallback;
}

export function originalRoute(connection: Connection, originals: Originals | null): Router {
  const router = Router();
  router.get('/documents/*key/original', async (req, res) => {
    const key = keyParam(req.params.key);
    const [document] = await readRecords(connection, DOCUMENT, { key });
    if (!document) throw notFound('document', key);
    const sha256 = document.get('sha256') as string | null;
    const original = originals && sha256 ? await originals.get(sha256) : null;
    if (!original)
      throw new ApiError(
        404,
        'ORIGINAL_NOT_KEPT',
        `The original of "${key}" is not kept${originals ? ` in ${originals.where}` : ' by this server'}: ` +
          'it was loaded before originals were kept; ingest its file again to keep it',
      );
    const source = document.get('source') as string | null;
    res.attachment(downloadName(source ?? original.meta.name, `${sha256}.bin`));
    res.setHeader('Content-Type', original.meta.mediaType);
    res.setHeader('Content-Security-Policy', 'sandbox');
    res.setHeader('X-Content-SHA256', original.meta.sha256);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.end(original.bytes);
  });
  return router;
}
