/**
 * GET /api/documents (list with counts), GET /api/documents/:key (outline: section tree with
 * measures); and, for whoever may write (http/write-access.ts), POST /api/documents (upload: multipart
 * `file` fields or JSON {name, text}; progress as server-sent events with `Accept: text/event-stream`),
 * DELETE /api/documents/:key and PATCH /api/documents/:key (metadata). An upload's originals are
 * kept (ingest/originals/), and deleted with their document unless another has the same bytes;
 * GET /api/documents/:key/original is original.ts.
 */
import { Router, type RequestHandler, type Response } from 'express';
import {
  DOCUMENTS_PAGE,
  DOCUMENTS_PAGE_MAX,
  PARTNER_REGIONS,
  type UploadEvent,
  type UploadResponse,
} from '../../model/api';
import type { Limits } from '../../store/config';
import type { Connection } from '../../store/connection';
import { badRequest, notFound } from '../http/errors';
import { intParam, keyParam, textParam } from '../http/params';
import { documentChanges, editDocument, ingestUploads, removeDocument } from './changes';
import { documentExists, documentOutline, documents } from './documents';
import { readUpload } from './upload';
import type { Originals } from '../../ingest';

/** `?replace=<key>`: the document an upload is a new version of (404 when there is none). */
async function replaceTarget(connection: Connection, value: unknown): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value) throw badRequest('replace', 'must be a document key');
  if (!(await documentExists(connection, value))) throw notFound('document', value);
  return value;
}

function send(res: Response, event: UploadEvent): void {
  res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** 200 when something loaded or nothing failed; 422 when every file failed. */
const uploadStatus = (result: UploadResponse) =>
  result.documents.length === 0 && result.failures.length > 0 ? 422 : 200;

export function documentsRoute(
  connection: Connection,
  limits: Limits,
  mayWrite: RequestHandler,
  originals: Originals | null = null,
): Router {
  const router = Router();
  router.get('/documents', async (req, res) => {
    const region = textParam(req.query, 'region');
    if (region !== undefined && !(PARTNER_REGIONS as readonly string[]).includes(region))
      throw badRequest('region', `expected one of ${PARTNER_REGIONS.join(', ')}, got "${region}"`);
    const year = intParam(req.query, 'year', { min: 0, max: 9999, fallback: -1 });
    res.json(
      await documents(connection, {
        q: textParam(req.query, 'q'),
        region,
        year: year < 0 ? undefined : year,
        limit: intParam(req.query, 'limit', { min: 1, max: DOCUMENTS_PAGE_MAX, fallback: DOCUMENTS_PAGE }),
        offset: intParam(req.query, 'offset', { min: 0, max: 10_000_000, fallback: 0 }),
      }),
    );
  });
  router.get('/documents/*key', async (req, res) => {
    res.json(await documentOutline(connection, keyParam(req.params.key)));
  });

  router.post('/documents', mayWrite, async (req, res) => {
    const replaces = await replaceTarget(connection, req.query.replace);
    const uploads = await readUpload(req, limits);
    if (replaces !== undefined && uploads.length !== 1)
      throw badRequest('replace', 'a new version is one file: send exactly one');
    if (!(req.get('accept') ?? '').includes('text/event-stream')) {
      const result = await ingestUploads(connection, uploads, limits, {}, replaces, originals);
      res.status(uploadStatus(result)).json(result);
      return;
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const result = await ingestUploads(
      connection,
      uploads,
      limits,
      {
        stage: (file, stage) => send(res, { type: 'stage', file, stage }),
        document: (document) => send(res, { type: 'document', document }),
        failure: (failure) => send(res, { type: 'failure', failure }),
      },
      replaces,
      originals,
    );
    send(res, { type: 'done', result });
    res.end();
  });

  router.delete('/documents/*key', mayWrite, async (req, res) => {
    await removeDocument(connection, keyParam(req.params.key), originals);
    res.status(204).end();
  });

  router.patch('/documents/*key', mayWrite, async (req, res) => {
    const key = keyParam(req.params.key);
    await editDocument(connection, key, documentChanges(req.body));
    res.json(await documentOutline(connection, key));
  });
  return router;
}
