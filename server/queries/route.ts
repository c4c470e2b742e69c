/**
 * The named queries of cypher/:
 *   GET  /api/queries          → {queries: [{name, description, parameters, example, file, cypher}]}
 *   POST /api/queries/:name    {params?, timeoutMs?, maxRows?} → {query, params, columns, rows, graph, summary}
 * Unknown name → 404; a bad or unknown parameter → 400 naming it; Neo4j down → 503.
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { runReadOnly } from '../console/runner';
import { toJson } from '../../store/values';
import { coerceParams, namedQuery, queryRegistry } from './registry';
import type { QueryContext } from '../console/slots';
import { sendJson } from '../http/json';
import { readOptions, requestBody } from '../console/request';

export function queriesRoute(connection: Connection, { limits, slots }: QueryContext): Router {
  // Read (and check) the files now, so a malformed one stops start-up with its name and line.
  queryRegistry();
  const router = Router();

  router.get('/queries', (_req, res) => {
    res.json({
      queries: [...queryRegistry().values()].map(
        ({ name, description, parameters, example, file, cypher }) => ({
          name,
          description,
          parameters,
          example,
          file,
          cypher,
        }),
      ),
    });
  });

  router.post('/queries/:name', async (req, res) => {
    const query = namedQuery(String(req.params.name));
    const body = requestBody(req.body);
    const params = coerceParams(query, body.params);
    const result = await runReadOnly(connection, query.cypher, params, {
      ...readOptions(body),
      maxBytes: limits.responseBytes,
      runawayMs: limits.runawayMs,
      slots,
      trusted: true,
    });
    sendJson(res, { query: query.name, params: toJson(params), ...result }, limits.responseBytes);
  });

  return router;
}
