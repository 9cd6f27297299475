import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imapConfig } from '../../../src/capture/mailbox/imap-config.js';
import { ConfigError } from '../../../src/config.js';

test('no REBOUND_IMAP_URL: no mailbox', () => {
  assert.equal(imapConfig({}), undefined);
});

test('an imaps URL with defaults', () => {
  const config = imapConfig({
    REBOUND_IMAP_URL: 'imaps://bounces%40example.com:p%40ss%2Fw@mail.example.com/',
  });
  assert.deepEqual(config, {
    host: 'mail.example.com',
    port: 993,
    secure: true,
    requireStartTls: false,
    user: 'bounces@example.com',
    password: 'p@ss/w',
    source: ['INBOX'],
    processed: ['Rebound', 'Processed'],
    failed: ['Rebound', 'Failed'],
    accountId: undefined,
    intervalMs: 60_000,
    label: 'imaps://bounces%40example.com@mail.example.com/INBOX',
  });
});

test('imap:// requires STARTTLS except on loopback; folders and interval are read', () => {
  const remote = imapConfig({ REBOUND_IMAP_URL: 'imap://u:p@mail.example.com/Bounces/In' });
  assert.equal(remote?.port, 143);
  assert.equal(remote?.requireStartTls, true);
  assert.deepEqual(remote?.source, ['Bounces', 'In']);
  const local = imapConfig({
    REBOUND_IMAP_URL: 'imap://u:p@127.0.0.1:1143/INBOX',
    REBOUND_IMAP_ACCOUNT: 'acc-1',
    REBOUND_IMAP_PROCESSED: 'Done',
    REBOUND_IMAP_FAILED: 'Bad/Mail',
    REBOUND_IMAP_INTERVAL: '5',
  });
  assert.equal(local?.requireStartTls, false);
  assert.equal(local?.port, 1143);
  assert.equal(local?.accountId, 'acc-1');
  assert.deepEqual(local?.processed, ['Done']);
  assert.deepEqual(local?.failed, ['Bad', 'Mail']);
  assert.equal(local?.intervalMs, 5000);
});

const REFUSED: [Record<string, string>, RegExp][] = [
  [{ REBOUND_IMAP_URL: 'pop3://u:p@host/' }, /imaps:\/\/ or imap:\/\//],
  [{ REBOUND_IMAP_URL: 'not a url' }, /must look like/],
  [{ REBOUND_IMAP_URL: 'imaps://host/INBOX' }, /user and a password/],
  [{ REBOUND_IMAP_URL: 'imaps://u:p%zz@host/' }, /percent-escape/],
  [{ REBOUND_IMAP_URL: 'imaps://u:p@host/INBOX?x=1' }, /'\?' or '#'/],
  [{ REBOUND_IMAP_URL: 'imaps://u:p@host/', REBOUND_IMAP_INTERVAL: '0' }, /REBOUND_IMAP_INTERVAL/],
  [{ REBOUND_IMAP_URL: 'imaps://u:p@host/', REBOUND_IMAP_INTERVAL: '1m' }, /REBOUND_IMAP_INTERVAL/],
  [{ REBOUND_IMAP_URL: 'imaps://u:p@host/', REBOUND_IMAP_PROCESSED: 'A//B' }, /REBOUND_IMAP_PROCESSED/],
  [{ REBOUND_IMAP_ACCOUNT: 'acc-1' }, /REBOUND_IMAP_ACCOUNT is set: set REBOUND_IMAP_URL/],
];

for (const [env, message] of REFUSED) {
  test(`refused with a clear message: ${JSON.stringify(env)}`, () => {
    assert.throws(
      () => imapConfig(env),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
    );
  });
}

test('the password never reaches the label', () => {
  const config = imapConfig({ REBOUND_IMAP_URL: 'imaps://u:secret-pw@host/' });
  assert.ok(config !== undefined && !config.label.includes('secret-pw'));
});
