/**
 * GET /api/paths?from=&to=[&max=][&limit=][&rels=]: the shortest paths between two entities (keys),
 * through measures, as node and edge keys of /api/graph.
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { badRequest } from '../http/errors';
import { intParam, listParam, textParam } from '../http/params';
import { DEFAULT_PATH_RELS, MAX_PATH_LENGTH, PATH_RELS, paths } from './paths';

export function pathsRoute(connection: Connection): Router {
  const router = Router();
  router.get('/paths', async (req, res) => {
    const from = textParam(req.query, 'from');
    if (from === undefined) throw badRequest('from', 'required: the key of an entity');
    const to = textParam(req.query, 'to');
    if (to === undefined) throw badRequest('to', 'required: the key of an entity');
    const max = intParam(req.query, 'max', { min: 1, max: MAX_PATH_LENGTH, fallback: 8 });
    const limit = intParam(req.query, 'limit', { min: 1, max: 100, fallback: 10 });
    const rels = listParam(req.query, 'rels', PATH_RELS) ?? DEFAULT_PATH_RELS;
    if (from === to) throw badRequest('to', `"${to}" is the same entity as from; a path needs two`);
    res.json(await paths(connection, { from, to, max, limit, rels }));
  });
  return router;
}
