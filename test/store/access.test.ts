/** Store.access on both stores: people, sessions joined with their principal, key listing and revocation. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { BACKENDS, withStore } from './backends.js';

const HOUR = 3_600_000;
const later = (hours: number): string => new Date(Date.now() + hours * HOUR).toISOString();

for (const backend of BACKENDS) {
  test(`users: insert, find by email, list per account, delete [${backend.name}]`, (t) =>
    withStore(backend, t, async ({ store }) => {
      const a = await store.createAccount('a');
      const b = await store.createAccount('b');
      const ann = await store.access.insertUser({
        accountId: a.id,
        email: 'ann@example.com',
        name: 'Ann',
        role: 'admin',
        passwordHash: 'h1',
      });
      await store.access.insertUser({
        accountId: b.id,
        email: 'bob@example.com',
        name: 'Bob',
        role: 'user',
        passwordHash: 'h2',
      });
      assert.deepEqual(await store.access.findUserByEmail('ann@example.com'), ann);
      assert.equal(await store.access.findUserByEmail('nobody@example.com'), undefined);
      assert.deepEqual(
        (await store.access.listUsers(a.id)).map((u) => u.email),
        ['ann@example.com'],
      );
      await assert.rejects(
        store.access.insertUser({
          accountId: b.id,
          email: 'ann@example.com',
          name: 'Again',
          role: 'user',
          passwordHash: 'h3',
        }),
        'an email has one login across accounts',
      );
      assert.equal(await store.access.deleteUser(b.id, ann.id), false, 'another account cannot delete Ann');
      assert.equal(await store.access.deleteUser(a.id, ann.id), true);
      assert.deepEqual(await store.access.listUsers(a.id), []);
    }));

  test(`sessions carry the current role; deleting the person or revoking the key ends them [${backend.name}]`, (t) =>
    withStore(backend, t, async ({ store }) => {
      const a = await store.createAccount('a');
      const user = await store.access.insertUser({
        accountId: a.id,
        email: 'u@example.com',
        name: 'U',
        role: 'user',
        passwordHash: 'h',
      });
      const key = await store.insertApiKey({
        accountId: a.id,
        role: 'admin',
        name: 'ops',
        secretHash: 'k'.repeat(64),
      });
      const expiresAt = later(1);
      await store.access.insertSession({
        tokenHash: 't1',
        accountId: a.id,
        userId: user.id,
        keyId: null,
        csrfToken: 'c1',
        expiresAt,
      });
      await store.access.insertSession({
        tokenHash: 't2',
        accountId: a.id,
        userId: null,
        keyId: key.id,
        csrfToken: 'c2',
        expiresAt: later(1),
      });
      const s1 = await store.access.findSession('t1');
      assert.equal(s1?.role, 'user');
      assert.equal(s1?.email, 'u@example.com');
      assert.equal(s1?.csrfToken, 'c1');
      assert.equal(s1?.expiresAt, expiresAt, 'an ISO 8601 string in UTC, as stored');
      const s2 = await store.access.findSession('t2');
      assert.equal(s2?.role, 'admin');
      assert.equal(s2?.keyName, 'ops');
      assert.equal(s2?.keyRevokedAt, null);

      const revokedAt = new Date().toISOString();
      const revoked = await store.access.revokeApiKey(a.id, key.id, revokedAt);
      assert.equal(revoked?.revokedAt, revokedAt);
      assert.equal(await store.access.findSession('t2'), undefined, "the key's session ended with it");
      assert.equal(
        (await store.access.revokeApiKey(a.id, key.id, later(5)))?.revokedAt,
        revokedAt,
        'revoked once',
      );
      assert.equal(await store.access.revokeApiKey(a.id, 'no-such-key', revokedAt), undefined);

      await store.access.deleteUser(a.id, user.id);
      assert.equal(await store.access.findSession('t1'), undefined, "the person's session ended with them");
    }));

  test(`sessions: logout deletes one, purge drops the expired [${backend.name}]`, (t) =>
    withStore(backend, t, async ({ store }) => {
      const a = await store.createAccount('a');
      const user = await store.access.insertUser({
        accountId: a.id,
        email: 'u@example.com',
        name: 'U',
        role: 'user',
        passwordHash: 'h',
      });
      const open = (tokenHash: string, expiresAt: string) =>
        store.access.insertSession({
          tokenHash,
          accountId: a.id,
          userId: user.id,
          keyId: null,
          csrfToken: 'c',
          expiresAt,
        });
      await open('old', later(-1));
      await open('new', later(1));
      await open('bye', later(1));
      await store.access.deleteSession('bye');
      assert.equal(await store.access.findSession('bye'), undefined);
      assert.equal(await store.access.purgeSessions(new Date().toISOString()), 1);
      assert.equal(await store.access.findSession('old'), undefined);
      assert.notEqual(await store.access.findSession('new'), undefined);
    }));

  test(`keys are listed per account in creation order, revoked ones included [${backend.name}]`, (t) =>
    withStore(backend, t, async ({ store }) => {
      const a = await store.createAccount('a');
      const b = await store.createAccount('b');
      const k1 = await store.insertApiKey({
        accountId: a.id,
        role: 'admin',
        name: 'first',
        secretHash: '1'.repeat(64),
      });
      const k2 = await store.insertApiKey({
        accountId: a.id,
        role: 'user',
        name: 'second',
        secretHash: '2'.repeat(64),
      });
      await store.insertApiKey({ accountId: b.id, role: 'admin', name: 'other', secretHash: '3'.repeat(64) });
      await store.access.revokeApiKey(a.id, k2.id, new Date().toISOString());
      assert.equal(
        await store.access.revokeApiKey(b.id, k1.id, new Date().toISOString()),
        undefined,
        'not across accounts',
      );
      const keys = await store.access.listApiKeys(a.id);
      assert.deepEqual(
        keys.map((k) => [k.name, k.revokedAt === null]),
        [
          ['first', true],
          ['second', false],
        ],
      );
    }));
}
