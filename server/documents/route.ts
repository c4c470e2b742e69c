/** GET /api/documents (list with counts) and GET /api/documents/:key (outline: section tree with measures). */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { documentOutline, documents } from './documents';
import { keyParam } from '../http/params';

export function documentsRoute(connection: Connection): Router {
  const router = Router();
  router.get('/documents', async (_req, res) => {
    res.json({ documents: await documents(connection) });
  });
  router.get('/documents/*key', async (req, res) => {
    res.json(await documentOutline(connection, keyParam(req.params.key)));
  });
  return router;
}
