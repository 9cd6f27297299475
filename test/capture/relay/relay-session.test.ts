/** The SMTP side of the relay: AUTH with an API key, the send gate at RCPT, spooling before 250. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyVerp } from '../../../src/capture/verp.js';
import { talk } from '../inbound/smtp-talk.js';
import { startFakeUpstream } from './fake-upstream.js';
import { DOMAIN, pause, relayOn, SECRET, sendThrough, spoolFiles, waitFor, world } from './relay-harness.js';

const plain = (key: string): string => Buffer.from(`\0crm\0${key}`).toString('base64');

test('a normal send reaches the upstream with a valid VERP return path and records a sent event', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url);

  const response = await sendThrough(relay, w.key, ['ann@example.org', 'bob@example.org']);
  assert.match(response, /^250 /);
  await waitFor('two deliveries', () => upstream.received.length === 2);
  for (const got of upstream.received) {
    assert.equal(got.to.length, 1, 'one transaction per recipient');
    const verified = verifyVerp(got.from, { domain: DOMAIN, secrets: [SECRET] });
    assert.ok(verified.ok, `return path ${got.from} verifies`);
    assert.equal(verified.claims.accountId, w.accountId);
    assert.ok(verified.claims.isFor(got.to[0] ?? ''), 'the token is made for that recipient');
    assert.match(got.raw, /^Message-ID: </im);
  }
  await waitFor('sent events', async () => {
    const ann = await w.service.getAddress(w.accountId, 'ann@example.org');
    return ann?.history.some((h) => h.type === 'sent') ?? false;
  });
  await waitFor('an empty spool', () => spoolFiles(w.spoolDir).length === 0);
});

test('a blocked address is refused at RCPT with the reason and never reaches the upstream', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url);
  await w.service.block(w.accountId, 'gone@example.org', 'test', 'left the company');

  const smtp = await talk(relay.port);
  t.after(() => smtp.destroy());
  await smtp.command('EHLO crm.example');
  assert.match(await smtp.command(`AUTH PLAIN ${plain(w.key)}`), /^235 /);
  assert.match(await smtp.command('MAIL FROM:<news@crm.example>'), /^250 /);
  const refused = await smtp.command('RCPT TO:<gone@example.org>');
  assert.match(refused, /^550 5\.1\.1 address blocked: admin - /);
  assert.match(await smtp.command('RCPT TO:<ok@example.org>'), /^250 /);
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write('Subject: hi\r\n\r\nbody\r\n.\r\n');
  assert.match(await smtp.reply(), /^250 /);
  await waitFor('the allowed delivery', () => upstream.received.length === 1);
  await pause(100);
  assert.deepEqual(
    upstream.received.map((r) => r.to),
    [['ok@example.org']],
  );
  assert.equal(upstream.rcptAttempts.has('gone@example.org'), false);
});

test('AUTH with a bad key is 535, and MAIL before AUTH is 530', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url);
  const smtp = await talk(relay.port);
  t.after(() => smtp.destroy());
  await smtp.command('EHLO crm.example');
  assert.match(await smtp.command('MAIL FROM:<news@crm.example>'), /^530 /);
  assert.match(await smtp.command(`AUTH PLAIN ${plain('not-a-key-at-all-0123456789')}`), /^535 /);
  assert.match(await smtp.command('MAIL FROM:<news@crm.example>'), /^530 /);
});

test('a client that drops the connection mid-DATA leaves no spool file', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url);
  const smtp = await talk(relay.port);
  await smtp.command('EHLO crm.example');
  await smtp.command(`AUTH PLAIN ${plain(w.key)}`);
  await smtp.command('MAIL FROM:<news@crm.example>');
  await smtp.command('RCPT TO:<ann@example.org>');
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write('Subject: half\r\n\r\n' + 'x'.repeat(50_000));
  await pause(50);
  smtp.destroy();
  await pause(200);
  assert.deepEqual(spoolFiles(w.spoolDir), []);
  assert.deepEqual(readdirSync(join(w.spoolDir, 'tmp')), []);
  assert.equal(upstream.received.length, 0);
});
