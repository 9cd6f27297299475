import assert from 'node:assert/strict';
import test from 'node:test';
import type { Kind, Reason } from '../../src/classify/reasons.js';
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from '../../src/guard/guard-settings.js';
import { senderRejection, type BounceSignal } from '../../src/guard/sender-rejection.js';

function signal(reason: Reason, kind: Kind, text: string, blocklist: string | null = null): BounceSignal {
  return {
    recipient: 'Someone@Receiver.example'.toLowerCase(),
    reason,
    kind,
    text,
    blocklist,
    at: '2025-01-06T10:00:00.000Z',
    ref: '7',
    sendingAddress: 'news@crm.example',
    source: 'bounce',
  };
}

const ONE_IP: GuardSettings = { ...DEFAULT_GUARD_SETTINGS, sendingIps: ['198.51.100.4'] };
const TWO_IPS: GuardSettings = { ...DEFAULT_GUARD_SETTINGS, sendingIps: ['198.51.100.5', '198.51.100.4'] };

/** [signal, settings, expected sender and kind, or null for "not a sender rejection"] */
const CASES: [BounceSignal, GuardSettings, [string, string] | null][] = [
  [
    signal('blocked', 'sender', 'Client host [192.0.2.9] blocked using zen.spamhaus.org', 'Spamhaus'),
    DEFAULT_GUARD_SETTINGS,
    ['192.0.2.9', 'ip'],
  ],
  [signal('blocked', 'sender', '554 rejected by policy'), ONE_IP, ['198.51.100.4', 'ip']],
  [signal('badreputation', 'sender', '550 poor reputation'), TWO_IPS, ['198.51.100.4, 198.51.100.5', 'ip']],
  [signal('authfailure', 'sender', '550 5.7.26 DMARC policy'), ONE_IP, ['crm.example', 'domain']],
  [
    signal('spamdetected', 'sender', '554 looks like spam'),
    DEFAULT_GUARD_SETTINGS,
    ['crm.example', 'domain'],
  ],
  [signal('userunknown', 'hard', '550 5.1.1 user unknown'), ONE_IP, null],
  [
    signal('userunknown', 'hard', '550 5.1.1 rejected: 198.51.100.4 listed by SpamCop'),
    ONE_IP,
    ['198.51.100.4', 'ip'],
  ],
  [signal('mailboxfull', 'soft', '452 mailbox full'), ONE_IP, null],
  [signal('feedback', 'complaint', 'spam report from Spamhaus member'), ONE_IP, null],
];

test('which bounces are sender rejections, and whom they are about', () => {
  for (const [s, settings, expected] of CASES) {
    const got = senderRejection(s, settings);
    if (expected === null) {
      assert.equal(got, null, s.text);
      continue;
    }
    assert.deepEqual([got?.key.sender, got?.key.senderKind], expected, s.text);
    assert.equal(got?.key.receivingDomain, 'receiver.example');
    assert.equal(got?.evidence.key, 'bounce:7:someone@receiver.example');
  }
});

test('a hard rejection naming a list carries that list as evidence', () => {
  const got = senderRejection(signal('userunknown', 'hard', '550 rejected: listed by SpamCop'), ONE_IP);
  assert.equal(got?.evidence.blocklist, 'SpamCop');
});
