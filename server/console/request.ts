/**
 * The body of a query request, read once for the console (POST /api/cypher) and the named queries
 * (POST /api/queries/:name): `{query?, params?, timeoutMs?, maxRows?}`, each a 400 naming it when
 * malformed.
 */
import { badRequest } from '../http/errors';
import { MAX_MAX_ROWS, MAX_TIMEOUT_MS, type ReadOptions } from './runner';

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
