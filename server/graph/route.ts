/** GET /api/graph: the graph (or a filtered part of it) as graphology JSON with stable x/y. */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { graphJson, TYPE_FILTERS, type GraphFilters } from './graph';
import { choiceParam, intParam, listParam, textParam, type Query } from '../http/params';

/** `types`, `document`, `section`, `minDegree`: shared with /api/export. */
export function graphFilters(query: Query): GraphFilters {
  return {
    types: listParam(query, 'types', TYPE_FILTERS),
    document: textParam(query, 'document'),
    section: textParam(query, 'section'),
    minDegree: intParam(query, 'minDegree', { min: 0, max: 1_000_000, fallback: 0 }),
    // A corpus is sent as its overview (graph/overview.ts) unless `full=true`.
    ...(choiceParam(query, 'full', ['true', 'false'] as const, 'false') === 'true' ? { full: true } : {}),
  };
}

export function graphRoute(connection: Connection): Router {
  const router = Router();
  router.get('/graph', async (req, res) => {
    res.json(await graphJson(connection, graphFilters(req.query)));
  });
  return router;
}
