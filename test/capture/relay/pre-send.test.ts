/**
 * Pre-send checks on the real relay and POST /v1/messages (real sockets, the real service on SQLite, a
 * fake upstream): the account's size limit (552 5.3.4 with the limit, 413 over HTTP), its allowed
 * senders (553 5.7.1, 403), per-domain rate limits (held recipients wait, nothing fails).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import nodemailer from 'nodemailer';
import { buildApi } from '../../../src/api/app.js';
import { DEFAULT_SENDING, type SendingSettings } from '../../../src/capture/settings/sending.js';
import { talk } from '../inbound/smtp-talk.js';
import { startFakeUpstream } from './fake-upstream.js';
import { pause, relayOn, spoolFiles, waitFor, world } from './relay-harness.js';

const plain = (key: string): string => Buffer.from(`\0crm\0${key}`).toString('base64');

function message(bytes: number): string {
  return `From: news@crm.example\r\nSubject: big\r\n\r\n${'x'
    .repeat(76)
    .concat('\r\n')
    .repeat(Math.ceil(bytes / 78))}`;
}

test('a message over the account limit: 552 5.3.4 with the limit, at MAIL FROM (SIZE=) or after DATA; nothing queued', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const settings: SendingSettings = { ...DEFAULT_SENDING, maxMessageBytes: 4096 };
  const relay = await relayOn(w, upstream.url, { settings: () => settings });

  const smtp = await talk(relay.port);
  t.after(() => smtp.destroy());
  await smtp.command('EHLO crm.example');
  assert.match(await smtp.command(`AUTH PLAIN ${plain(w.key)}`), /^235 /);
  assert.match(
    await smtp.command('MAIL FROM:<news@crm.example> SIZE=9000'),
    /^552 5\.3\.4 Message size 9000 exceeds this account's limit of 4096 bytes/,
  );
  assert.match(await smtp.command('MAIL FROM:<news@crm.example>'), /^250 /);
  assert.match(await smtp.command('RCPT TO:<ann@example.org>'), /^250 /);
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write(`${message(6000)}.\r\n`);
  assert.match(
    await smtp.reply(),
    /^552 5\.3\.4 Message of \d+ bytes exceeds this account's size limit of 4096 bytes/,
  );

  // Under the limit the same session goes on.
  assert.match(await smtp.command('MAIL FROM:<news@crm.example>'), /^250 /);
  assert.match(await smtp.command('RCPT TO:<ann@example.org>'), /^250 /);
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write(`${message(1000)}.\r\n`);
  assert.match(await smtp.reply(), /^250 /);
  await waitFor('the small delivery', () => upstream.received.length === 1);
  await pause(100);
  assert.equal(upstream.received.length, 1, 'the oversized message never left');
});

test('a sender outside the account list: 553 5.7.1 at MAIL FROM; its domains and subdomains pass', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const settings = { ...DEFAULT_SENDING, allowedSenders: ['crm.example', 'ceo@other.example'] };
  const relay = await relayOn(w, upstream.url, { settings: () => settings });
  const smtp = await talk(relay.port);
  t.after(() => smtp.destroy());
  await smtp.command('EHLO crm.example');
  await smtp.command(`AUTH PLAIN ${plain(w.key)}`);
  assert.match(
    await smtp.command('MAIL FROM:<news@evil.example>'),
    /^553 5\.7\.1 Sender <news@evil\.example> is not one this account may use \(allowed: crm\.example, ceo@other\.example\)/,
  );
  assert.match(await smtp.command('MAIL FROM:<intern@other.example>'), /^553 5\.7\.1 /);
  assert.match(
    await smtp.command('MAIL FROM:<>'),
    /^553 5\.7\.1 /,
    'the null sender is a bounce, never the CRM',
  );
  assert.match(await smtp.command('MAIL FROM:<news@mail.crm.example>'), /^250 /);
  await smtp.command('RSET');
  assert.match(await smtp.command('MAIL FROM:<CEO@other.example>'), /^250 /);
});

test('POST /v1/messages: 413 with the limit, 403 for a sender not allowed, nothing queued', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const settings = { ...DEFAULT_SENDING, maxMessageBytes: 4096, allowedSenders: ['crm.example'] };
  const relay = await relayOn(w, upstream.url, { settings: () => settings });
  const app = await buildApi({
    service: w.service,
    checkStore: async () => undefined,
    outbox: () => relay.outbox,
  });
  w.defer(() => app.close());
  const send = (body: object) =>
    app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: { authorization: `Bearer ${w.key}` },
      payload: body,
    });

  const big = await send({
    from: 'News <news@crm.example>',
    to: ['ann@example.org'],
    text: 'x'.repeat(8000),
  });
  assert.equal(big.statusCode, 413);
  assert.match(big.json<{ detail: string }>().detail, /exceeds this account's size limit of 4096 bytes/);
  const foreign = await send({ from: 'News <news@evil.example>', to: ['ann@example.org'], text: 'hi' });
  assert.equal(foreign.statusCode, 403);
  assert.match(foreign.json<{ detail: string }>().detail, /news@evil\.example/);
  const ok = await send({ from: 'News <news@crm.example>', to: ['ann@example.org'], text: 'hi' });
  assert.equal(ok.statusCode, 202, ok.body);
  assert.deepEqual(ok.json<{ spam: object }>().spam, {
    checked: false,
    why: 'no spamd configured (REBOUND_SPAMD)',
  });
  await waitFor('one delivery', () => upstream.received.length === 1);
  await pause(100);
  assert.equal(upstream.received.length, 1);
});

test('a per-domain rate limit holds recipients back until a token is due; none fails, other domains go', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  // 120 a minute: one token every 500 ms after a burst of 2.
  const settings = { ...DEFAULT_SENDING, rateLimits: { 'example.org': { perMinute: 120, burst: 2 } } };
  const relay = await relayOn(w, upstream.url, { settings: () => settings });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: relay.port,
    ignoreTLS: true,
    auth: { user: 'crm', pass: w.key },
  });
  t.after(() => transport.close());
  const to = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org', 'x@example.net'];
  await transport.sendMail({ from: 'news@crm.example', to, subject: 'Hi', text: 'Hi' });

  await waitFor('the burst and the other domain', () => upstream.received.length === 3);
  const first = upstream.received.map((r) => r.to[0]);
  assert.ok(first.includes('x@example.net'), 'example.net has no limit');
  await pause(200);
  assert.equal(upstream.received.length, 3, 'the other two wait for tokens');
  await waitFor('every recipient, in time', () => upstream.received.length === 5);
  await waitFor('an empty spool', () => spoolFiles(w.spoolDir).length === 0);
  for (const address of to) {
    const detail = await w.service.getAddress(w.accountId, address);
    assert.deepEqual(
      detail?.history.map((h) => h.type),
      ['sent'],
      `${address}: sent once, no deferral or bounce recorded`,
    );
  }
});
