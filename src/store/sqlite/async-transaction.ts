import type Database from 'better-sqlite3';

/**
 * fn inside BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when it throws. For transactions that await between
 * statements (better-sqlite3's own transaction() takes synchronous functions only); the caller runs it
 * through the store's queue so no other statement slips in. After some errors (a full disk, an I/O error)
 * SQLite has rolled the transaction back itself: a second ROLLBACK would fail and hide the first error.
 */
export async function inAsyncTransaction<T>(db: Database.Database, fn: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
