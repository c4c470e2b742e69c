/**
 * GET /api/measures/:key. Measure keys contain `/` (`<document>/m16`): give the key as path segments
 * (`/api/measures/<document>/m16`) or percent-encoded (`…%2Fm16`); both name the same measure.
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { measure } from './measures';
import { keyParam } from '../http/params';

export function measuresRoute(connection: Connection): Router {
  const router = Router();
  router.get('/measures/*key', async (req, res) => {
    res.json(await measure(connection, keyParam(req.params.key)));
  });
  return router;
}
