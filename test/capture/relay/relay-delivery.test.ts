/** The delivery side: upstream refusals become events, deferrals are retried, the spool survives restarts. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Spool } from '../../../src/capture/relay/spool.js';
import { deadPort, startFakeUpstream } from './fake-upstream.js';
import { pause, relayOn, sendThrough, spoolFiles, waitFor, world } from './relay-harness.js';

test('an upstream 550 user unknown blocks the address, classified from the reply', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  upstream.refuse('nobody@example.org', {
    code: 550,
    text: '5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    times: Infinity,
  });
  const relay = await relayOn(w, upstream.url);
  assert.match(await sendThrough(relay, w.key, ['nobody@example.org', 'ann@example.org']), /^250 /);

  await waitFor('the address blocked', async () => {
    const view = await w.service.getAddress(w.accountId, 'nobody@example.org');
    return view?.status === 'blocked';
  });
  const view = await w.service.getAddress(w.accountId, 'nobody@example.org');
  assert.equal(view?.reason, 'userunknown');
  await waitFor('an empty spool', () => spoolFiles(w.spoolDir).length === 0);
  assert.deepEqual(
    upstream.received.map((r) => r.to),
    [['ann@example.org']],
  );
  // The next send is stopped at the gate.
  await assert.rejects(sendThrough(relay, w.key, ['nobody@example.org']), /address blocked: userunknown/);
});

test('an upstream 452 is retried later and delivered once', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  upstream.refuse('full@example.org', { code: 452, text: '4.2.2 Mailbox full, try later', times: 2 });
  const relay = await relayOn(w, upstream.url);
  await sendThrough(relay, w.key, ['full@example.org']);

  await waitFor('the delivery', () => upstream.received.length === 1);
  await waitFor('an empty spool', () => spoolFiles(w.spoolDir).length === 0);
  await pause(150);
  assert.equal(upstream.received.length, 1);
  assert.equal(upstream.rcptAttempts.get('full@example.org'), 3);
  assert.equal((await w.service.getAddress(w.accountId, 'full@example.org'))?.status, 'active');
});

test('a message spooled while the upstream is down is delivered once by the next relay on the same spool', async (t) => {
  const w = await world(t);
  const down = `smtp://127.0.0.1:${await deadPort()}`;
  const first = await relayOn(w, down);
  assert.match(await sendThrough(first, w.key, ['ann@example.org']), /^250 /);
  await pause(100);
  await first.close();
  assert.deepEqual(
    spoolFiles(w.spoolDir).filter((n) => n.endsWith('.msg')).length,
    1,
    'the message waits in the spool',
  );

  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  await relayOn(w, upstream.url);
  await waitFor('the delivery', () => upstream.received.length === 1);
  await waitFor('an empty spool', () => spoolFiles(w.spoolDir).length === 0);
  await pause(150);
  assert.equal(upstream.received.length, 1);
});

test('a recipient with a done-marker is not sent again after a restart', async (t) => {
  const w = await world(t);
  const spool = await Spool.open(w.spoolDir);
  const now = new Date().toISOString();
  const envelope = {
    version: 1 as const,
    id: Spool.newId(),
    accountId: w.accountId,
    from: 'news@crm.example',
    recipients: ['ann@example.org', 'bob@example.org'],
    messageId: '<crash@crm.example>',
    verp: 'per-recipient' as const,
    queuedAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
  await spool.write(envelope, Buffer.from('Message-ID: <crash@crm.example>\r\nSubject: x\r\n\r\nbody\r\n'));
  // As if the process died right after the upstream's 250 for ann and the marker's fsync.
  await spool.mark(envelope.id, 0, { outcome: 'sent', at: now, response: '250 ok' });
  await spool.close();

  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  await relayOn(w, upstream.url);
  await waitFor('an empty spool', () => spoolFiles(w.spoolDir).length === 0);
  assert.deepEqual(
    upstream.received.map((r) => r.to),
    [['bob@example.org']],
  );
  const ann = await w.service.getAddress(w.accountId, 'ann@example.org');
  assert.equal(
    ann?.history.filter((h) => h.type === 'sent').length,
    1,
    "ann's send is recorded from the marker",
  );
  assert.deepEqual(readdirSync(join(w.spoolDir, 'failed')), []);
});
