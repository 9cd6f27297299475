/**
 * Content scoring against a real, private spamd (Debian's SpamAssassin, local rules only): our client
 * reads the score and the rules that fired; the relay refuses (550 5.7.1) or reports (250 line, HTTP
 * `spam`) per the account's setting; a spamd that is down lets mail through unscored. Skipped visibly
 * when spamd is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApi } from '../../../src/api/app.js';
import { DEFAULT_SENDING, type SendingSettings } from '../../../src/capture/settings/sending.js';
import { scoreWithSpamd } from '../../../src/capture/spam/spamd-client.js';
import { parseReport } from '../../../src/capture/spam/spamd-report.js';
import { SPAMD_MISSING, startSpamd, type PrivateSpamd } from '../../support/spamd.js';
import { talk } from '../inbound/smtp-talk.js';
import { startFakeUpstream } from '../relay/fake-upstream.js';
import { pause, relayOn, waitFor, world } from '../relay/relay-harness.js';

const plain = (key: string): string => Buffer.from(`\0crm\0${key}`).toString('base64');

/** No Date, no Message-ID, a drug name: a few local rules fire, whatever the rule set's version. */
const SPAMMY =
  'From: deals@crm.example\r\nTo: ann@example.org\r\nSubject: Cheap Viagra now\r\n\r\nBuy cheap Viagra now!!! Click here!\r\n';

let spamd: PrivateSpamd | undefined;

before(async () => {
  spamd = await startSpamd();
});
after(async () => spamd?.stop());

test('the report table: points, names, descriptions continued on the next line', () => {
  const report = [
    'Content analysis details:   (5.1 points, 5.0 required)',
    '',
    ' pts rule name              description',
    '---- ---------------------- --------------------------------------------------',
    ' 0.6 MISSING_MID            Missing Message-Id: header',
    '-0.0 NO_RECEIVED            Informational: message has no Received headers',
    ' 2.7 MISSING_DATE           Missing Date: header',
    ' 1.8 DRUGS_ERECTILE         Refers to an erectile drug',
    '                            (a second line)',
    '',
  ].join('\n');
  assert.deepEqual(parseReport(report), [
    { name: 'MISSING_MID', score: 0.6, description: 'Missing Message-Id: header' },
    { name: 'NO_RECEIVED', score: -0, description: 'Informational: message has no Received headers' },
    { name: 'MISSING_DATE', score: 2.7, description: 'Missing Date: header' },
    { name: 'DRUGS_ERECTILE', score: 1.8, description: 'Refers to an erectile drug (a second line)' },
  ]);
  assert.deepEqual(parseReport('no table here'), []);
});

test('our client against spamd: the score and every rule that fired, with its description', async (t) => {
  if (spamd === undefined) return t.skip(SPAMD_MISSING);
  const scored = await scoreWithSpamd(spamd, Buffer.from(SPAMMY));
  assert.ok(scored.score > 0, `score ${scored.score}`);
  const names = scored.rules.map((r) => r.name);
  assert.ok(names.includes('MISSING_DATE'), names.join(','));
  assert.ok(scored.rules.every((r) => r.description.length > 0));
  const sum = scored.rules.reduce((total, r) => total + r.score, 0);
  assert.ok(Math.abs(sum - scored.score) < 0.2, `the rules add up to the score (${sum} vs ${scored.score})`);
});

test('relay, mode refuse: over the threshold 550 5.7.1 naming the rules, nothing sent; under it 250 with the score', async (t) => {
  if (spamd === undefined) return t.skip(SPAMD_MISSING);
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  let settings: SendingSettings = { ...DEFAULT_SENDING, spamCheck: { mode: 'refuse', threshold: 1 } };
  const relay = await relayOn(w, upstream.url, { settings: () => settings, spamd });
  const smtp = await talk(relay.port);
  t.after(() => smtp.destroy());
  await smtp.command('EHLO crm.example');
  await smtp.command(`AUTH PLAIN ${plain(w.key)}`);
  const sendOne = async (): Promise<string> => {
    await smtp.command('MAIL FROM:<deals@crm.example>');
    await smtp.command('RCPT TO:<ann@example.org>');
    await smtp.command('DATA');
    smtp.write(`${SPAMMY}.\r\n`);
    return smtp.reply();
  };
  assert.match(await sendOne(), /^550 5\.7\.1 Refused as spam: score [\d.]+ >= 1; rules: .*MISSING_DATE \(/);
  settings = { ...settings, spamCheck: { mode: 'refuse', threshold: 50 } };
  assert.match(await sendOne(), /^250 .*; spam score [\d.]+\/50: .*MISSING_DATE/);
  await waitFor('the one delivery', () => upstream.received.length === 1);
  await pause(100);
  assert.equal(upstream.received.length, 1, 'the refused message never left');
});

test('HTTP send, mode warn: queued, the score and rules in the answer, then kept on the sent event', async (t) => {
  if (spamd === undefined) return t.skip(SPAMD_MISSING);
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const settings = { ...DEFAULT_SENDING, spamCheck: { mode: 'warn' as const, threshold: 1 } };
  const relay = await relayOn(w, upstream.url, { settings: () => settings, spamd });
  const app = await buildApi({
    service: w.service,
    checkStore: async () => undefined,
    outbox: () => relay.outbox,
  });
  w.defer(() => app.close());
  const headers = { authorization: `Bearer ${w.key}` };
  const res = await app.inject({
    method: 'POST',
    url: '/v1/messages',
    headers,
    payload: {
      from: 'deals@crm.example',
      to: ['ann@example.org'],
      subject: 'Cheap Viagra now',
      text: 'Buy cheap Viagra now!!!',
    },
  });
  assert.equal(res.statusCode, 202, res.body);
  const { spam } = res.json<{
    spam: {
      checked: boolean;
      spam: boolean;
      action: string;
      score: number;
      rules: { name: string; score: number }[];
    };
  }>();
  assert.equal(spam.checked, true);
  assert.equal(spam.spam, true);
  assert.equal(spam.action, 'warn');
  assert.ok(spam.rules.length > 0);
  await waitFor('the delivery', () => upstream.received.length === 1);

  // The same score, compact, on the address's sent event, as the API (and the dashboard) shows it later.
  const sentEvent = async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/addresses/ann@example.org', headers });
    if (res.statusCode !== 200) return undefined;
    return res.json<{ history: { type: string; spam?: unknown }[] }>().history.find((e) => e.type === 'sent');
  };
  await waitFor('the sent event', async () => (await sentEvent()) !== undefined);
  const strongestFirst = [...spam.rules].sort((a, b) => b.score - a.score);
  assert.deepEqual((await sentEvent())?.spam, {
    score: spam.score,
    threshold: 1,
    over: true,
    // Names and points only: the descriptions are in the send's answer, not on every event.
    rules: strongestFirst.map((r) => ({ name: r.name, score: r.score })),
  });

  // Not something a CRM can claim over POST /v1/events: the field is dropped there.
  const claimed = await app.inject({
    method: 'POST',
    url: '/v1/events',
    headers,
    payload: {
      events: [
        {
          type: 'sent',
          recipient: 'bob@example.org',
          messageId: '<m1@crm.example>',
          spam: { score: 0, threshold: 5, over: false, rules: [] },
        },
      ],
    },
  });
  assert.equal(claimed.statusCode, 202, claimed.body);
  const bob = await w.service.getAddress(w.accountId, 'bob@example.org');
  assert.equal(bob?.history.find((e) => e.type === 'sent')?.spam, undefined);
});

test('a spamd that does not answer lets mail through unscored, and says so', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const settings = { ...DEFAULT_SENDING, spamCheck: { mode: 'refuse' as const, threshold: 1 } };
  // Port 9 (discard) on loopback: nothing listens there.
  const relay = await relayOn(w, upstream.url, {
    settings: () => settings,
    spamd: { host: '127.0.0.1', port: 9 },
  });
  const submitted = await relay.outbox.submit({
    accountId: w.accountId,
    from: 'deals@crm.example',
    recipients: ['ann@example.org'],
    raw: Buffer.from(SPAMMY),
  });
  assert.deepEqual(submitted.spam, { checked: false, why: 'spamd did not answer: not scored' });
  await waitFor('the delivery', () => upstream.received.length === 1);
});
