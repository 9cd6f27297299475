import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapAdminKey, hashSecret } from '../../src/service/api-keys.js';
import { DEFAULT_ACCOUNT_NAME } from '../../src/store/bootstrap.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, withStore } from './backends.js';

/** Two processes starting at once on one empty database: here, two stores racing over one database. */
for (const backend of BACKENDS) {
  const it = (name: string, fn: (first: Store, second: Store) => Promise<void>) =>
    test(`${backend.name}: ${name}`, (t) =>
      withStore(backend, t, async (h) => {
        const second = await h.another();
        try {
          await fn(h.store, second);
        } finally {
          await second.close();
        }
      }));

  it('two starts at once make one default account and one first admin key', async (first, second) => {
    const starts = await Promise.all(
      [first, second, first, second].map((store) => bootstrapAdminKey(store, undefined)),
    );
    assert.equal(new Set(starts.map((s) => s.accountId)).size, 1);
    const accountId = starts[0]?.accountId ?? '';
    assert.equal((await first.getAccount(accountId))?.name, DEFAULT_ACCOUNT_NAME);
    const printed = starts.filter((s) => s.secret !== null);
    assert.equal(printed.length, 1, 'exactly one start prints a key');
    assert.equal(await first.countApiKeys(accountId, 'admin'), 1);
    assert.equal((await second.findApiKeyByHash(hashSecret(printed[0]?.secret ?? '')))?.accountId, accountId);
  });

  it('REBOUND_ADMIN_KEY given to two starts at once is stored once', async (first, second) => {
    const starts = await Promise.all([first, second].map((store) => bootstrapAdminKey(store, 'rb_same')));
    assert.deepEqual(
      starts.map((s) => s.secret),
      [null, null],
    );
    const accountId = starts[0]?.accountId ?? '';
    assert.equal(starts[1]?.accountId, accountId);
    assert.equal(await first.countApiKeys(accountId, 'admin'), 1);
    // And a later start without the variable makes no other key: the account has an admin key.
    assert.equal((await bootstrapAdminKey(second, undefined)).secret, null);
  });

  it('the default account is the first one, whoever created it', async (first, second) => {
    const existing = await first.createAccount('acme');
    await second.createAccount('other');
    const [a, b] = await Promise.all([first.bootstrap.defaultAccount(), second.bootstrap.defaultAccount()]);
    assert.equal(a.id, existing.id);
    assert.equal(b.id, existing.id);
  });
}
