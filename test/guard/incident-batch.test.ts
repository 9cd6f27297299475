/**
 * The incident tracker takes an import's batch (many senders and domains at once) in a few statements:
 * what it records must be what the same bounces give one at a time, on both stores.
 */
import assert from 'node:assert/strict';
import type { BounceSignal } from '../../src/guard/sender-rejection.js';
import { onEachStore, type GuardApi } from './guard-harness.js';

function rejection(recipient: string, ref: string, text: string, kind: BounceSignal['kind'] = 'sender') {
  const signal: BounceSignal = {
    recipient,
    reason: kind === 'sender' ? 'blocked' : 'rejected',
    kind,
    text,
    blocklist: null,
    at: `2025-01-06T10:${ref.padStart(2, '0')}:00.000Z`,
    ref,
    sendingAddress: 'news@shop.example',
    source: 'bounce',
  };
  return signal;
}

const SPAMHAUS = (ip: string) =>
  `554 5.7.1 Service unavailable; Client host [${ip}] blocked using zen.spamhaus.org`;
const SPAMCOP = (ip: string) =>
  `550 5.7.1 Client host [${ip}] blocked - see https://www.spamcop.net/bl.shtml?${ip}`;

/** Three incidents: one opens in the first half, one in the second, one stays pending; repeats and noise. */
const SIGNALS: BounceSignal[] = [
  rejection('a1@big.example', '1', SPAMHAUS('192.0.2.9')),
  rejection('a2@big.example', '2', SPAMHAUS('192.0.2.9')),
  rejection('a3@big.example', '3', SPAMCOP('192.0.2.9')),
  rejection('b1@small.example', '4', SPAMHAUS('192.0.2.9')),
  rejection('c1@other.example', '5', SPAMHAUS('198.51.100.7')),
  rejection('nobody@big.example', '6', '550 5.1.1 No such user', 'hard'),
  rejection('a1@big.example', '1', SPAMHAUS('192.0.2.9')),
  rejection('b2@small.example', '7', SPAMHAUS('192.0.2.9')),
  rejection('b3@small.example', '8', SPAMHAUS('192.0.2.9'), 'hard'),
  rejection('a4@big.example', '9', SPAMHAUS('192.0.2.9')),
];

async function incidentsOf(api: GuardApi, accountId: string) {
  const page = await api.guard.tracker.list(accountId, {}, { limit: 100 });
  return page.items
    .map((i) => ({
      sender: i.sender,
      receivingDomain: i.receivingDomain,
      state: i.state,
      rejections: i.rejections,
      recipientCount: i.recipientCount,
      blocklists: i.blocklists,
      firstSeen: i.firstSeen,
    }))
    .sort((a, b) => `${a.receivingDomain} ${a.sender}`.localeCompare(`${b.receivingDomain} ${b.sender}`));
}

onEachStore('a batch of rejections records what the same rejections give one at a time', async (_t, api) => {
  const { tracker } = api.guard;
  for (const account of [api.accountId, api.otherAccountId])
    await tracker.updateSettings(account, { openThreshold: 3 });
  for (const signal of SIGNALS) await tracker.observe(api.accountId, [signal]);
  await tracker.observe(api.otherAccountId, SIGNALS.slice(0, 5));
  await tracker.observe(api.otherAccountId, SIGNALS.slice(5));

  const one = await incidentsOf(api, api.accountId);
  assert.deepEqual(await incidentsOf(api, api.otherAccountId), one);
  assert.deepEqual(
    one.map((i) => [i.receivingDomain, i.sender, i.state, i.rejections, i.recipientCount, i.blocklists]),
    [
      ['big.example', '192.0.2.9', 'open', 4, 4, ['SpamCop', 'Spamhaus']],
      ['other.example', '198.51.100.7', 'pending', 1, 1, ['Spamhaus']],
      ['small.example', '192.0.2.9', 'open', 3, 3, ['Spamhaus']],
    ],
  );
  const opened = (accountId: string) =>
    api.notifier.events.filter((e) => e.type === 'incident.opened' && e.accountId === accountId).length;
  assert.equal(opened(api.otherAccountId), opened(api.accountId));
  assert.equal(opened(api.accountId), 2);
});
