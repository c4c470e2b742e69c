/**
 * POST /api/cypher {query, params?, timeoutMs?, maxRows?} → {columns, rows, graph, summary}: an
 * analyst's own Cypher, read-only (see server/console/guard.ts). A write, schema change, LOAD CSV,
 * CALL { … } IN TRANSACTIONS or administration procedure → 400 READ_ONLY; a syntax error → 400
 * CYPHER_SYNTAX; a timeout → 504 QUERY_TIMEOUT; more rows than maxRows → 200 with summary.truncated.
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { MAX_MAX_ROWS, MAX_TIMEOUT_MS, runReadOnly, toNeo4jParams, type ReadOptions } from './runner';
import type { QueryContext } from './slots';
import { badRequest } from '../http/errors';
import { sendJson } from '../http/json';

/** Longest query text accepted (characters). */
export const MAX_QUERY_LENGTH = 20_000;

export interface RequestBody {
  query?: unknown;
  params?: Record<string, unknown>;
  timeoutMs?: unknown;
  maxRows?: unknown;
}

/** The JSON body as an object; a missing body is an empty one. */
export function requestBody(body: unknown): RequestBody {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('body', 'must be a JSON object');
  const result = body as RequestBody;
  if (
    result.params !== undefined &&
    result.params !== null &&
    (typeof result.params !== 'object' || Array.isArray(result.params))
  )
    throw badRequest('params', 'must be an object of parameter values');
  return result;
}

function positiveInteger(body: RequestBody, name: 'timeoutMs' | 'maxRows', max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max)
    throw badRequest(name, `must be a whole number from 1 to ${max}`);
  return value;
}

/** timeoutMs (default 5000, at most 60000) and maxRows (default 1000, at most 10000) from a body. */
export function readOptions(body: RequestBody): ReadOptions {
  return {
    timeoutMs: positiveInteger(body, 'timeoutMs', MAX_TIMEOUT_MS),
    maxRows: positiveInteger(body, 'maxRows', MAX_MAX_ROWS),
  };
}

export function cypherRoute(connection: Connection, { limits, slots }: QueryContext): Router {
  const router = Router();
  router.post('/cypher', async (req, res) => {
    const body = requestBody(req.body);
    if (typeof body.query !== 'string' || body.query.trim() === '')
      throw badRequest('query', 'required: the Cypher query to run, as a string');
    if (body.query.length > MAX_QUERY_LENGTH)
      throw badRequest('query', `longer than ${MAX_QUERY_LENGTH} characters`);
    const params = (toNeo4jParams(body.params ?? {}) ?? {}) as Record<string, unknown>;
    const result = await runReadOnly(connection, body.query, params, {
      ...readOptions(body),
      maxBytes: limits.responseBytes,
      slots,
    });
    sendJson(res, result, limits.responseBytes);
  });
  return router;
}
