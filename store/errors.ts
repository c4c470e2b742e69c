/**
 * The one classification of what the driver throws: every place that turns a Neo4j failure into a
 * message or an HTTP status asks here, so "Neo4j is down" or "the query was stopped" is recognised
 * the same way everywhere.
 */

export type Neo4jFailureKind =
  /** Neo4j cannot be reached, or dropped the connection. */
  | 'unavailable'
  /** The transaction ran past its timeout. */
  | 'timeout'
  /** Someone (or a shutdown) terminated the transaction. */
  | 'terminated'
  /** The query needed more memory than Neo4j allows one transaction, or than its heap has. */
  | 'memory'
  | 'syntax'
  | 'missing-parameter'
  /** A write in a read-only transaction. */
  | 'access-mode'
  | 'security'
  /** Any other mistake in the query (Neo.ClientError.*). */
  | 'client'
  /** Any other transient condition (Neo.TransientError.*): worth a retry. */
  | 'transient'
  /** Neo4j failed internally (Neo.DatabaseError.*). */
  | 'database';

export interface Neo4jFailure {
  kind: Neo4jFailureKind;
  code: string;
  /** The driver's message, trimmed. */
  message: string;
}

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);
const TERMINATED_CODES = new Set([
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
  'Neo.ClientError.Transaction.TransactionMarkedAsFailed',
  'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.TransientError.Transaction.Outdated',
]);
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);
const UNAVAILABLE_TEXT =
  /Pool is closed|ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Connection was closed|ServiceUnavailable/i;

/** What kind of Neo4j failure `error` is; null when it does not come from Neo4j or the driver. */
export function classifyNeo4jError(error: unknown): Neo4jFailure | null {
  if (error === null || typeof error !== 'object') return null;
  const { code = '', message = '' } = error as { code?: unknown; message?: unknown };
  const text = String(message).trim();
  const c = typeof code === 'string' ? code : '';
  const failure = (kind: Neo4jFailureKind): Neo4jFailure => ({ kind, code: c, message: text });
  if (UNAVAILABLE_CODES.has(c) || (!c.startsWith('Neo.') && UNAVAILABLE_TEXT.test(text)))
    return failure('unavailable');
  if (!c.startsWith('Neo.')) return null;
  if (TIMEOUT_CODES.has(c)) return failure('timeout');
  if (TERMINATED_CODES.has(c)) return failure('terminated');
  if (/MemoryPool|OutOfMemory/i.test(c)) return failure('memory');
  if (c === 'Neo.ClientError.Statement.SyntaxError') return failure('syntax');
  if (c === 'Neo.ClientError.Statement.ParameterMissing') return failure('missing-parameter');
  if (c === 'Neo.ClientError.Statement.AccessMode') return failure('access-mode');
  if (c.startsWith('Neo.ClientError.Security.')) return failure('security');
  if (c.startsWith('Neo.ClientError.')) return failure('client');
  if (c.startsWith('Neo.TransientError.')) return failure('transient');
  return failure('database');
}

/** Whether `error` means Neo4j cannot be reached right now. */
export function isUnavailable(error: unknown): boolean {
  return classifyNeo4jError(error)?.kind === 'unavailable';
}
