/**
 * PostgreSQL that cannot be reached or drops the connection: a server restarting, a failover, a proxy
 * closing idle connections, a network cut. The request is not at fault and may be retried (every ingest
 * is idempotent), so the store turns these failures into `database_unavailable`, which the edges show as
 * "unavailable, retry" (HTTP 503, SMTP 451, a CLI line) instead of an internal error. Only errors that
 * came from the database's connection pass through here: a socket error code means the database's socket.
 */
import { ReboundError } from '../../errors.js';

/** Socket errors of Node's net and dns modules when the server cannot be reached or the link breaks. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a lost server: class 08 (connection exception) and the shutdowns of class 57 (57P01
 * admin_shutdown, which pg_terminate_backend sends; 57P02 crash_shutdown; 57P03 cannot_connect_now,
 * a server still starting).
 */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03']);

/** node-postgres's own words when the socket closes under a query or a checked-out client. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GONE.has(code) || code.startsWith('08')))
    return true;
  if (DRIVER_MESSAGES.some((m) => error.message.startsWith(m))) return true;
  // A host name with several addresses fails with one error per address, gathered in an AggregateError.
  return error instanceof AggregateError && error.errors.some(isConnectionLoss);
}

/** The error to throw: database_unavailable (with the driver's error as its cause) for a lost connection. */
export function connectionLoss(error: unknown): unknown {
  if (!isConnectionLoss(error)) return error;
  const detail = error instanceof Error && error.message !== '' ? error.message : 'no answer';
  return new ReboundError('database_unavailable', `PostgreSQL is unreachable (${detail})`, {
    cause: error,
  });
}
