import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, storeConfig } from '../../src/config.js';
import { openStore } from '../../src/local.js';

test('REBOUND_DB picks the SQLite file and its folder is created', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-open-'));
  const file = join(dir, 'nested', 'folder', 'r.db');
  try {
    const store = await openStore(storeConfig({ REBOUND_DB: file }));
    assert.equal(store.dialect, 'sqlite');
    await store.close();
    assert.ok(existsSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DATABASE_URL wins over REBOUND_DB; one that is not postgres:// is refused clearly, its password hidden', () => {
  assert.deepEqual(storeConfig({ DATABASE_URL: 'postgres://db/x', REBOUND_DB: 'r.db' }), {
    kind: 'postgres',
    url: 'postgres://db/x',
  });
  assert.throws(
    () => storeConfig({ DATABASE_URL: 'mysql://root:secret@db/x' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      /DATABASE_URL must start with postgres:\/\//.test(error.message) &&
      !error.message.includes('secret'),
  );
});
