import assert from 'node:assert/strict';
import test from 'node:test';
import { actionsFor, LIST_PAGES, providerOf } from '../../src/guard/delisting.js';

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
