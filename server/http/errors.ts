/**
 * The API's one error shape: `{ error: { code, message, param? } }`. Routes throw ApiError (express 5
 * passes rejected promises to the error handler); the handler also maps body-parser and Neo4j
 * failures (classified once, in db/errors.ts), and never sends a stack trace. A 503 carries
 * Retry-After.
 */
import type { ErrorRequestHandler } from 'express';
import { classifyNeo4jError } from '../../store/errors';
import { ParameterError } from '../../store/params';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    /** Seconds after which a retry may succeed (sent as Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 400 naming the parameter at fault. */
export function badRequest(param: string, message: string): ApiError {
  return new ApiError(400, 'BAD_PARAMETER', `${param}: ${message}`, param);
}

export function notFound(what: string, key: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `No ${what} with key "${key}"`);
}

/** Seconds a client should wait before retrying while Neo4j is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export function unavailable(
  message = 'Neo4j is unreachable; try again when it is back',
  retryAfterS = UNAVAILABLE_RETRY_AFTER_S,
): ApiError {
  return new ApiError(503, 'NEO4J_UNAVAILABLE', message, undefined, retryAfterS);
}

/** A Neo4j failure as an API error with a clear code; null when `error` is not one. */
export function apiErrorFromNeo4j(error: unknown): ApiError | null {
  const failure = classifyNeo4jError(error);
  if (!failure) return null;
  const { code, message } = failure;
  const firstLine = message.split('\n')[0] ?? '';
  switch (failure.kind) {
    case 'unavailable':
      return unavailable();
    case 'timeout':
      return new ApiError(
        504,
        'QUERY_TIMEOUT',
        'The query did not finish within its timeout and was stopped',
      );
    case 'terminated':
      return new ApiError(
        503,
        'QUERY_TERMINATED',
        `Neo4j stopped the query before it finished (${firstLine}); run it again`,
        undefined,
        1,
      );
    case 'memory':
      return new ApiError(
        400,
        'QUERY_TOO_LARGE',
        `The query needs more memory than Neo4j allows it: ${firstLine}; narrow it or add a LIMIT`,
      );
    case 'syntax':
      return new ApiError(400, 'CYPHER_SYNTAX', `Cypher syntax error: ${message}`);
    case 'missing-parameter': {
      const name = /Expected parameter\(s\):\s*([^\s,]+)/.exec(message)?.[1] ?? 'params';
      return new ApiError(400, 'BAD_PARAMETER', `${name}: the query needs this parameter (${message})`, name);
    }
    case 'access-mode':
      return new ApiError(
        400,
        'READ_ONLY',
        `The query tried to write; the console is read-only (${firstLine})`,
      );
    case 'security':
      return new ApiError(403, 'FORBIDDEN', `Neo4j refused the query: ${firstLine}`);
    case 'client':
      return new ApiError(400, 'CYPHER_ERROR', `${message} [${code}]`);
    case 'transient':
      return new ApiError(503, 'NEO4J_BUSY', `Neo4j is busy (${firstLine}); try again`, undefined, 1);
    case 'database':
      return new ApiError(500, 'NEO4J_ERROR', `Neo4j failed: ${firstLine} [${code}]`);
  }
}

interface Failure {
  status?: number;
  type?: string;
  message?: string;
}

function send(res: Parameters<ErrorRequestHandler>[2], error: ApiError): void {
  if (error.retryAfter !== undefined) res.setHeader('Retry-After', String(error.retryAfter));
  res.status(error.status).json({
    error: { code: error.code, message: error.message, ...(error.param ? { param: error.param } : {}) },
  });
}

export const errorHandler: ErrorRequestHandler = (error: Failure, _req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof ApiError) return send(res, error);
  if (error instanceof ParameterError)
    return send(res, badRequest(error.param, error.message.slice(error.param.length + 2)));
  const fromNeo4j = apiErrorFromNeo4j(error);
  if (fromNeo4j) return send(res, fromNeo4j);
  // body-parser errors carry a 4xx status and a type (entity.too.large, entity.parse.failed)
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    res
      .status(error.status)
      .json({ error: { code: error.type ?? 'BAD_REQUEST', message: error.message ?? 'Bad request' } });
    return;
  }
  console.error(error);
  res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal server error' } });
};
