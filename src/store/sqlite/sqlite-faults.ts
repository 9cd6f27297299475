/**
 * SQLite failures that are no fault of the request: the disk is full (SQLITE_FULL; SQLite reports a
 * write that found no space so), or another process held the write lock for longer than busy_timeout
 * (SQLITE_BUSY, e.g. a long import into the same file). The store turns them into `storage_full` and
 * `database_unavailable`, which the edges show as such (HTTP 507 or 503, SMTP 452 or 451, a CLI line)
 * rather than as an internal error; the transaction was rolled back whole, and every ingest may be
 * sent again.
 */
import { isReboundError, ReboundError } from '../../errors.js';

export function sqliteFault(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(error instanceof Error)) return error;
  if (code.startsWith('SQLITE_FULL'))
    return new ReboundError('storage_full', `The SQLite database's disk is full (${error.message})`, {
      cause: error,
    });
  if (code.startsWith('SQLITE_BUSY'))
    return new ReboundError(
      'database_unavailable',
      `Another process holds the SQLite database's write lock (${error.message})`,
      { cause: error },
    );
  return error;
}

/**
 * A file that cannot be the database (not SQLite, damaged, unreadable, in a folder that cannot be made),
 * told with its path: it is the operator's setting (REBOUND_DB) to fix, not a bug to report.
 */
export function unusable(file: string, error: unknown): unknown {
  if (isReboundError(error) || !(error instanceof Error)) return error;
  return new ReboundError(
    'database_unusable',
    `${file} cannot be used as the SQLite database (${error.message})`,
    {
      cause: error,
    },
  );
}
