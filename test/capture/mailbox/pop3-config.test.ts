import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pop3Config } from '../../../src/capture/mailbox/pop3-config.js';
import { ConfigError, loadConfig } from '../../../src/config.js';

test('no REBOUND_POP3_URL: no mailbox', () => {
  assert.equal(pop3Config({}), undefined);
});

test('a pop3s URL with defaults', () => {
  assert.deepEqual(
    pop3Config({ REBOUND_POP3_URL: 'pop3s://bounces%40example.com:p%40ss@mail.example.com' }),
    {
      host: 'mail.example.com',
      port: 995,
      secure: true,
      user: 'bounces@example.com',
      password: 'p@ss',
      accountId: undefined,
      intervalMs: 60_000,
      label: 'pop3s://bounces%40example.com@mail.example.com',
    },
  );
});

test('plain pop3 on loopback, with account and interval', () => {
  const config = pop3Config({
    REBOUND_POP3_URL: 'pop3://u:p@127.0.0.1:1110/',
    REBOUND_POP3_ACCOUNT: 'acc-1',
    REBOUND_POP3_INTERVAL: '5',
  });
  assert.equal(config?.secure, false);
  assert.equal(config?.port, 1110);
  assert.equal(config?.accountId, 'acc-1');
  assert.equal(config?.intervalMs, 5000);
});

const REFUSED: [Record<string, string>, RegExp][] = [
  [{ REBOUND_POP3_URL: 'pop3://u:p@mail.example.com' }, /in the clear/],
  [{ REBOUND_POP3_URL: 'imaps://u:p@host/' }, /pop3s:\/\/ or pop3:\/\//],
  [{ REBOUND_POP3_URL: 'not a url' }, /must look like/],
  [{ REBOUND_POP3_URL: 'pop3s://host' }, /user and a password/],
  [{ REBOUND_POP3_URL: 'pop3s://u:p@host/INBOX' }, /no path/],
  [{ REBOUND_POP3_URL: 'pop3s://u:p%0D%0AQUIT@host' }, /line breaks/],
  [{ REBOUND_POP3_URL: 'pop3s://u:p%zz@host' }, /percent-escape/],
  [{ REBOUND_POP3_URL: 'pop3s://u:p@host', REBOUND_POP3_INTERVAL: '0' }, /REBOUND_POP3_INTERVAL/],
  [{ REBOUND_POP3_INTERVAL: '5' }, /REBOUND_POP3_INTERVAL is set: set REBOUND_POP3_URL/],
];

for (const [env, message] of REFUSED) {
  test(`refused with a clear message: ${JSON.stringify(env)}`, () => {
    assert.throws(
      () => pop3Config(env),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
    );
  });
}

test('IMAP and POP3 together are refused: one mailbox per process', () => {
  assert.throws(
    () => loadConfig({ REBOUND_IMAP_URL: 'imaps://u:p@host/', REBOUND_POP3_URL: 'pop3s://u:p@host' }),
    (error: unknown) => error instanceof ConfigError && /both set/.test(error.message),
  );
});
