/** GET /api/search?q=…[&limit=][&types=]: entities and measures by name, alias or text, ranked. */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { badRequest } from '../http/errors';
import { intParam, listParam, textParam } from '../http/params';
import { search, SEARCH_LABELS } from './search';

export function searchRoute(connection: Connection): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const q = textParam(req.query, 'q');
    if (q === undefined) throw badRequest('q', 'required: the text to search for');
    if (q.length > 200) throw badRequest('q', 'at most 200 characters');
    const limit = intParam(req.query, 'limit', { min: 1, max: 100, fallback: 20 });
    const types = listParam(req.query, 'types', SEARCH_LABELS);
    const result = await search(connection, q, { limit, types });
    if (result === null) throw badRequest('q', 'needs at least one letter, digit or Chinese character');
    res.json(result);
  });
  return router;
}
