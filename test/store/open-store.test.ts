import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/open-store.js';

test('REBOUND_DB picks the SQLite file and its folder is created', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-open-'));
  const file = join(dir, 'nested', 'folder', 'r.db');
  try {
    const store = await openStore({ REBOUND_DB: file });
    assert.equal(store.dialect, 'sqlite');
    await store.close();
    assert.ok(existsSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a DATABASE_URL that is not postgres:// is refused clearly', async () => {
  await assert.rejects(
    openStore({ DATABASE_URL: 'mysql://x' }),
    /DATABASE_URL must start with postgres:\/\//,
  );
});
