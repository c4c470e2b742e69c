/**
 * The API's one error shape: `{ error: { code, message, param? } }`. Routes throw ApiError (express 5
 * passes rejected promises to the error handler); the handler also maps body-parser and Neo4j
 * failures, and never sends a stack trace.
 */
import type { ErrorRequestHandler } from 'express';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
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

const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

interface Failure {
  status?: number;
  type?: string;
  code?: string;
  message?: string;
}

export const errorHandler: ErrorRequestHandler = (error: Failure, _req, res, _next) => {
  if (error instanceof ApiError) {
    res.status(error.status).json({
      error: { code: error.code, message: error.message, ...(error.param ? { param: error.param } : {}) },
    });
    return;
  }
  // A closed pool or a refused connection is Neo4j being gone, whatever code the driver gives it.
  if (
    (error.code && UNAVAILABLE.has(error.code)) ||
    /Pool is closed|ECONNREFUSED|ServiceUnavailable/.test(error.message ?? '')
  ) {
    res.status(503).json({
      error: { code: 'NEO4J_UNAVAILABLE', message: 'Neo4j is unreachable; try again when it is back' },
    });
    return;
  }
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
