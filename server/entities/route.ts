/**
 * GET /api/entities/:key and GET /api/entities/:key/neighbors?depth=1..3&limit=. Keys are
 * percent-encoded (`encodeURIComponent('港珠澳大桥')`); a key containing `/` may also be given as path
 * segments (the route takes a wildcard).
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { entity, MAX_DEPTH, neighbors } from './entities';
import { intParam, keyParam } from '../http/params';

export function entitiesRoute(connection: Connection): Router {
  const router = Router();
  router.get('/entities/*key/neighbors', async (req, res) => {
    const depth = intParam(req.query, 'depth', { min: 1, max: MAX_DEPTH, fallback: 1 });
    const limit = intParam(req.query, 'limit', { min: 1, max: 2000, fallback: 200 });
    const graph = await neighbors(connection, keyParam(req.params.key), { depth, limit });
    res.json(graph.export());
  });
  router.get('/entities/*key', async (req, res) => {
    const limit = intParam(req.query, 'limit', { min: 1, max: 1000, fallback: 200 });
    res.json(await entity(connection, keyParam(req.params.key), { limit }));
  });
  return router;
}
