import assert from 'node:assert/strict';
import test from 'node:test';
import { ACTION_CODES, actionsFor, LIST_PAGES, providerOf, stepText } from '../../src/guard/delisting.js';

test('a Spamhaus incident at Gmail: cause, lookup, Google sender support, postmaster', () => {
  const actions = actionsFor({
    sender: '192.0.2.9',
    senderKind: 'ip',
    receivingDomain: 'gmail.com',
    blocklists: ['Spamhaus', 'Barracuda'],
    reasons: ['blocked'],
  });
  const urls = actions.map((a) => a.url);
  assert.ok(urls.includes(LIST_PAGES.Spamhaus?.lookup ?? ''));
  assert.ok(urls.includes(LIST_PAGES.Barracuda?.delist ?? ''), 'Barracuda removal has its own page');
  assert.ok(urls.includes(providerOf('gmail.com')?.page ?? ''));
  assert.equal(urls.at(-1), 'mailto:postmaster@gmail.com');
  // "blocked" without a list would ask the postmaster which list: not when the list is known.
  assert.ok(!actions.some((a) => /without naming a list/.test(a.step)));
});

test('an unknown list and an authentication failure still get steps', () => {
  const actions = actionsFor({
    sender: 'news.example',
    senderKind: 'domain',
    receivingDomain: 'small.example',
    blocklists: ['GBUdb'],
    reasons: ['authfailure'],
  });
  assert.ok(actions.some((a) => /GBUdb's own lookup page/.test(a.step)));
  assert.ok(actions.some((a) => /SPF record, DKIM signature and DMARC policy of news\.example/.test(a.step)));
  assert.equal(providerOf('small.example'), null);
});

test("steps follow each list's own removal rules (checked against their pages, see docs/incidents.md)", () => {
  const steps = actionsFor({
    sender: '192.0.2.9',
    senderKind: 'ip',
    receivingDomain: null,
    blocklists: ['Spamhaus', 'Sender Score', 'SpamCop', 'Cloudmark'],
    reasons: [],
  });
  const step = (url: string) => steps.find((a) => a.url === url)?.step ?? '';
  assert.match(
    step('https://check.spamhaus.org/'),
    /SBL listing is removed only at the request of the network \(ISP\)/,
  );
  assert.ok(
    steps.some((a) => a.url === 'https://senderscore.org/act/blocklist-remover/'),
    'a list, with a remover',
  );
  assert.match(step('https://www.spamcop.net/bl.shtml'), /there is no removal request/);
  assert.match(
    step('https://csi.cloudmark.com/en/reset/'),
    /resets an IP's statistics instead of removing it/,
  );
});

test('each step carries its code and the params it is said from', () => {
  const actions = actionsFor({
    sender: '192.0.2.9',
    senderKind: 'ip',
    receivingDomain: 'gmail.com',
    blocklists: ['Spamhaus', 'Barracuda', 'GBUdb'],
    reasons: ['requireptr', 'mailboxfull'],
  });
  assert.deepEqual(
    actions.map(({ code, params }) => ({ code, params })),
    [
      { code: 'stop-cause', params: {} },
      { code: 'lookup', params: { list: 'Spamhaus', sender: '192.0.2.9' } },
      { code: 'lookup', params: { list: 'Barracuda', sender: '192.0.2.9' } },
      { code: 'request-removal', params: { list: 'Barracuda' } },
      { code: 'lookup-elsewhere', params: { list: 'GBUdb', sender: '192.0.2.9' } },
      // mailboxfull is about the recipient: no advice for the sender.
      { code: 'advice', params: { reason: 'requireptr', sender: '192.0.2.9', domain: 'gmail.com' } },
      { code: 'provider-support', params: { provider: 'Google', domain: 'gmail.com' } },
      { code: 'postmaster', params: { domain: 'gmail.com' } },
    ],
  );
  for (const action of actions)
    assert.equal(action.step, stepText(action), 'the English is said from the parts');
  assert.equal(
    actions.find((a) => a.code === 'advice')?.step,
    'Give 192.0.2.9 a reverse DNS (PTR) name whose own A record points back to it.',
  );
});

test('advice about the receiving domain names it, or "the receivers" for a listing found by DNS', () => {
  const advice = (receivingDomain: string | null) =>
    actionsFor({
      sender: '192.0.2.9',
      senderKind: 'ip',
      receivingDomain,
      blocklists: [],
      reasons: ['speeding'],
    })
      .filter((a) => a.code === 'advice')
      .map((a) => [a.params, a.step]);
  assert.deepEqual(advice('small.example'), [
    [
      { reason: 'speeding', sender: '192.0.2.9', domain: 'small.example' },
      'Send to small.example more slowly: the receiver limited the rate.',
    ],
  ]);
  assert.deepEqual(advice(null), [
    [
      { reason: 'speeding', sender: '192.0.2.9', domain: null },
      'Send to the receivers more slowly: the receiver limited the rate.',
    ],
  ]);
});

test('every action code is listed for the API schema', () => {
  assert.deepEqual([...ACTION_CODES].sort(), [
    'advice',
    'lookup',
    'lookup-elsewhere',
    'postmaster',
    'provider-support',
    'request-removal',
    'stop-cause',
  ]);
});
