/**
 * Query parameters as Neo4j expects them, for every query the project runs: whole numbers become
 * Cypher integers (as in Neo4j's own HTTP API), so `LIMIT $n` and `range(1, $n)` work; other values
 * pass through. Lists and maps nested more than MAX_PARAM_DEPTH deep are refused, naming where.
 */
import neo4j from 'neo4j-driver';

/** Deepest nesting of lists and maps accepted in parameters. */
export const MAX_PARAM_DEPTH = 32;

/** A parameter that cannot be sent; `param` says where (`params.a[0].b`). */
export class ParameterError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = 'ParameterError';
  }
}

export function toNeo4jParams(value: unknown, path = 'params', depth = 0): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  const nested = Array.isArray(value) || (value !== null && typeof value === 'object');
  if (nested && depth >= MAX_PARAM_DEPTH)
    throw new ParameterError(path, `lists and maps may be nested at most ${MAX_PARAM_DEPTH} deep`);
  if (Array.isArray(value)) return value.map((v, i) => toNeo4jParams(v, `${path}[${i}]`, depth + 1));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toNeo4jParams(v, `${path}.${k}`, depth + 1)]),
    );
  return value;
}

/** A map of parameters, converted. */
export function neo4jParams(params: Record<string, unknown>): Record<string, unknown> {
  return toNeo4jParams(params) as Record<string, unknown>;
}
