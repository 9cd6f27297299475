/**
 * Envelopes spooled by an earlier version (no `spam` summary) still deliver after an upgrade, and their
 * recipients' `sent` events simply carry no score.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFakeUpstream } from './fake-upstream.js';
import { relayOn, waitFor, world } from './relay-harness.js';

test('an envelope spooled without a spam summary delivers, and its sent event has none', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const now = new Date().toISOString();
  // Written by hand as the previous release wrote it: every field but `spam`.
  const envelope = {
    version: 1,
    id: 'old0-envelope',
    accountId: w.accountId,
    from: 'news@crm.example',
    recipients: ['ann@example.org'],
    messageId: '<old@crm.example>',
    verp: 'per-recipient',
    queuedAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
  const raw = 'From: news@crm.example\r\nTo: ann@example.org\r\nMessage-ID: <old@crm.example>\r\n\r\nHi\r\n';
  writeFileSync(join(w.spoolDir, `${envelope.id}.msg`), `${JSON.stringify(envelope)}\n${raw}`);
  await relayOn(w, upstream.url);
  await waitFor('the delivery', () => upstream.received.length === 1);
  const sentEvent = async () =>
    (await w.service.getAddress(w.accountId, 'ann@example.org'))?.history.find((e) => e.type === 'sent');
  await waitFor('the sent event', async () => (await sentEvent()) !== undefined);
  const event = await sentEvent();
  assert.equal(event?.type, 'sent');
  assert.equal(event?.spam, undefined);
});
