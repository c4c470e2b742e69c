/**
 * POST /api/cypher {query, params?, timeoutMs?, maxRows?} → {columns, rows, graph, summary}: an
 * analyst's own Cypher, read-only (see server/console/guard.ts). A write, schema change, LOAD CSV,
 * CALL { … } IN TRANSACTIONS or administration procedure → 400 READ_ONLY; a syntax error → 400
 * CYPHER_SYNTAX; a timeout → 504 QUERY_TIMEOUT; more rows than maxRows → 200 with summary.truncated.
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { MAX_QUERY_LENGTH, readOptions, requestBody } from './request';
import { runReadOnly } from './runner';
import type { QueryContext } from './slots';
import { badRequest } from '../http/errors';
import { sendJson } from '../http/json';

export function cypherRoute(connection: Connection, { limits, slots }: QueryContext): Router {
  const router = Router();
  router.post('/cypher', async (req, res) => {
    const body = requestBody(req.body);
    if (typeof body.query !== 'string' || body.query.trim() === '')
      throw badRequest('query', 'required: the Cypher query to run, as a string');
    if (body.query.length > MAX_QUERY_LENGTH)
      throw badRequest('query', `longer than ${MAX_QUERY_LENGTH} characters`);
    const result = await runReadOnly(connection, body.query, body.params ?? {}, {
      ...readOptions(body),
      maxBytes: limits.responseBytes,
      runawayMs: limits.runawayMs,
      slots,
    });
    sendJson(res, result, limits.responseBytes);
  });
  return router;
}
