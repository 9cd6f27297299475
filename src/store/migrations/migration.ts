import { ReboundError } from '../../errors.js';

/** One numbered schema change for one dialect. Versions start at 1 and have no gaps. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations still to apply, or a clear error when the database is newer than this code. */
export function pendingMigrations(all: readonly Migration[], current: number): Migration[] {
  const latest = all.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new ReboundError(
      'database_too_new',
      `The database is at schema version ${current}, this Rebound knows up to ${latest}: upgrade Rebound.`,
    );
  }
  return all.filter((m) => m.version > current);
}
