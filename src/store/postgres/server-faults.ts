/**
 * PostgreSQL failures that are no fault of the request: the server cannot be reached or drops the
 * connection (a restart, a failover, a proxy closing idle connections, a network cut), refuses more
 * connections, or has run out of disk. The store turns them into `database_unavailable` or `storage_full`,
 * which the edges show as such (HTTP 503 or 507, SMTP 451 or 452, a CLI line) instead of an internal
 * error; every ingest is idempotent, so the request may be sent again. Only errors that came from the
 * database's connection pass through here: a socket error code means the database's socket.
 */
import { ReboundError, type ErrorCode } from '../../errors.js';

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
 * SQLSTATEs of a server that is gone or turns connections away: class 08 (connection exception), the
 * shutdowns of class 57 (57P01 admin_shutdown, which pg_terminate_backend sends; 57P02 crash_shutdown;
 * 57P03 cannot_connect_now, a server still starting) and 53300 too_many_connections.
 */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '53300']);

/** SQLSTATE 53100 disk_full. */
const DISK_FULL = '53100';

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

/** The error to throw: ours (with the driver's error as its cause) for a server fault, else the error itself. */
export function serverFault(error: unknown): unknown {
  const code: ErrorCode | undefined = isConnectionLoss(error)
    ? 'database_unavailable'
    : (error as { code?: unknown } | null)?.code === DISK_FULL
      ? 'storage_full'
      : undefined;
  if (code === undefined) return error;
  const detail = error instanceof Error && error.message !== '' ? error.message : 'no answer';
  const what = code === 'storage_full' ? 'PostgreSQL is out of disk space' : 'PostgreSQL is unreachable';
  return new ReboundError(code, `${what} (${detail})`, { cause: error });
}
