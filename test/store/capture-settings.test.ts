import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKENDS, withStore } from './backends.js';

for (const backend of BACKENDS) {
  test(`${backend.name}: capture settings: absent, stored, replaced, per account and area, kept across a restart`, (t) =>
    withStore(backend, t, async (h) => {
      const a = await h.store.createAccount('a');
      const b = await h.store.createAccount('b');
      assert.equal(await h.store.captureSettings.get(a.id, 'sending'), undefined);
      await h.store.captureSettings.put(a.id, 'sending', {
        maxMessageBytes: 1000,
        allowedSenders: ['x.example'],
      });
      await h.store.captureSettings.put(a.id, 'sending', { maxMessageBytes: 2000 });
      await h.store.captureSettings.put(a.id, 'webhook-secrets', { mailgunSigningKey: 'k' });
      const store = await h.reopen();
      assert.deepEqual(await store.captureSettings.get(a.id, 'sending'), { maxMessageBytes: 2000 });
      assert.deepEqual(await store.captureSettings.get(a.id, 'webhook-secrets'), { mailgunSigningKey: 'k' });
      assert.equal(await store.captureSettings.get(b.id, 'sending'), undefined);
    }));
}
