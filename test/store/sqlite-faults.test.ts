/**
 * SQLite's own failures reach the client as what they are: a full disk (simulated the way SQLite reports
 * one, with max_page_count at the file's size) answers 507 storage_full and stores nothing of the mail;
 * once there is room, the same mail is stored as new.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type Database from 'better-sqlite3';
import { isReboundError } from '../../src/errors.js';
import { sqliteFault } from '../../src/store/sqlite/sqlite-faults.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { startApi } from '../api/harness.js';
import { dsn, HARD } from '../support/http-mails.js';

test('SQLITE_FULL is storage_full, SQLITE_BUSY database_unavailable, other errors stay as they are', () => {
  const sqlite = (message: string, code: string) => Object.assign(new Error(message), { code });
  const full = sqliteFault(sqlite('database or disk is full', 'SQLITE_FULL'));
  assert.ok(isReboundError(full));
  assert.deepEqual([full.code, full.status], ['storage_full', 507]);
  assert.equal(full.message, "The SQLite database's disk is full (database or disk is full)");
  const busy = sqliteFault(sqlite('database is locked', 'SQLITE_BUSY'));
  assert.ok(isReboundError(busy));
  assert.deepEqual([busy.code, busy.status], ['database_unavailable', 503]);
  const constraint = sqlite('UNIQUE constraint failed: bounces.sha256', 'SQLITE_CONSTRAINT_UNIQUE');
  assert.equal(sqliteFault(constraint), constraint);
});

test('a full disk answers 507 storage_full and keeps nothing of the mail; with room again it is stored', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-full-'));
  const store = openSqliteStore(join(dir, 'rebound.db'));
  const api = await startApi(store);
  t.after(async () => {
    await api.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.equal((await api.mail(dsn({ recipient: 'first@example.org', ...HARD, id: 'f1' }))).statusCode, 202);

  // The store's own connection: SQLite then answers SQLITE_FULL as when the disk has no room left.
  const db = (store as unknown as { db: Database.Database }).db;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  // Random text does not compress: the stored mail needs pages the file may not grow by.
  const big = dsn({ recipient: 'second@example.org', ...HARD, id: 'f2' }).replace(
    'Your message could not be delivered',
    `${randomBytes(300_000).toString('base64')}\r\nYour message could not be delivered`,
  );
  const refused = await api.mail(big);
  assert.equal(refused.statusCode, 507, refused.body);
  assert.equal(refused.json<{ type: string }>().type, 'urn:rebound:problem:storage_full');
  assert.doesNotMatch(refused.body, /request id/, 'not reported as a bug');
  const unknown = await api.json('GET', '/v1/addresses/second@example.org');
  assert.equal(unknown.statusCode, 404, 'nothing of the refused mail was kept');

  db.pragma('max_page_count = 1073741823');
  const stored = await api.mail(big);
  assert.equal(stored.statusCode, 202, stored.body);
  assert.equal(stored.json<{ duplicate: boolean }>().duplicate, false);
  const address = await api.json('GET', '/v1/addresses/second@example.org');
  assert.equal(address.json<{ state: string }>().state, 'blocked');
});

test('a file that is no SQLite database, or a folder that cannot be made, is refused at open with its path', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-unusable-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const garbage = join(dir, 'notes.txt');
  writeFileSync(garbage, 'shopping list\n'.repeat(100));
  const blockedFolder = join(garbage, 'rebound.db');
  for (const [file, why] of [
    [garbage, /file is not a database/],
    [blockedFolder, /EEXIST|ENOTDIR/],
  ] as const)
    assert.throws(
      () => openSqliteStore(file),
      (error: unknown) =>
        isReboundError(error) &&
        error.code === 'database_unusable' &&
        error.message.startsWith(`${file} cannot be used as the SQLite database (`) &&
        why.test(error.message),
    );
});
