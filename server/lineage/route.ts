/**
 * Plans across years: GET /api/compare?from=&to=, GET /api/measures/:key/lineage,
 * GET /api/entities/:key/timeline?limit= (registered before the measure and entity routes, whose
 * wildcard keys would take the suffix).
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { badRequest } from '../http/errors';
import { intParam, keyParam, textParam } from '../http/params';
import { compare } from './compare';
import { lineage, timeline } from './lineage';

export function lineageRoute(connection: Connection): Router {
  const router = Router();
  router.get('/compare', async (req, res) => {
    const from = textParam(req.query, 'from');
    const to = textParam(req.query, 'to');
    if (!from) throw badRequest('from', 'give the key of the earlier plan');
    if (!to) throw badRequest('to', 'give the key of the later plan');
    res.json(await compare(connection, from, to));
  });
  router.get('/measures/*key/lineage', async (req, res) => {
    res.json(await lineage(connection, keyParam(req.params.key)));
  });
  router.get('/entities/*key/timeline', async (req, res) => {
    const limit = intParam(req.query, 'limit', { min: 1, max: 5000, fallback: 1000 });
    res.json(await timeline(connection, keyParam(req.params.key), limit));
  });
  return router;
}
