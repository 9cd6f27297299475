import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayLog } from '../../src/policy/replay.js';
import {
  DEFAULT_SETTINGS,
  type PolicySettings,
  type Signal,
  type SignalType,
} from '../../src/policy/types.js';
import type { Kind, Reason } from '../../src/classify/reasons.js';

/**
 * The incremental path (a late signal slotted into its place, unchanged steps kept) must give exactly
 * what a full replay of the same signals gives, explanations included. Random histories with ties,
 * unreadable times and out-of-order arrival; the seed is fixed so a failure reproduces.
 */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const TYPES: SignalType[] = [
  'sent',
  'delivered',
  'deferred',
  'bounced',
  'bounced',
  'bounced',
  'complained',
  'admin-block',
  'admin-unblock',
  'block-expired',
  'expiry-held',
];
const KINDS: (Kind | undefined)[] = [undefined, 'soft', 'soft', 'hard', 'sender', 'undetermined'];
const REASONS_USED: Reason[] = ['userunknown', 'mailboxfull', 'blocked', 'expired'];
const TIMES = [
  '2024-05-01T10:00:00Z',
  '2024-05-01T12:00:00+02:00',
  'not a date',
  '2024-05-01T09:00:00Z',
  '2024-05-02T10:00:00Z',
  '2023-01-01T00:00:00Z',
];

function history(rnd: () => number, n: number): Signal[] {
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const signals: Signal[] = [];
  for (let i = 0; i < n; i++) {
    const type = pick(TYPES);
    signals.push({
      id: String(i + 1),
      type,
      at: pick(TIMES),
      receivedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      ...(type === 'bounced' ? { reason: pick(REASONS_USED), kind: pick(KINDS), status: '5.0.0' } : {}),
    });
  }
  return signals;
}

const view = (log: ReplayLog) => ({
  state: log.state,
  transitions: log.transitions.map((t) => ({ ...t, explanation: t.explanation })),
});

test('ReplayLog.add gives what a full replay of the same signals gives', () => {
  const rnd = prng(20261128);
  let steps = 0;
  for (let trial = 0; trial < 400; trial++) {
    const settings: PolicySettings = {
      ...DEFAULT_SETTINGS,
      softBounceRetries: Math.floor(rnd() * 4),
      complaintsBlock: rnd() < 0.7,
      // The TIMES span days: with a one-day quiet period, some streaks go stale mid-history.
      softStreakExpiryDays: rnd() < 0.5 ? null : 1,
    };
    const signals = history(rnd, 1 + Math.floor(rnd() * 15));
    const log = ReplayLog.of('a@example.org', [], settings);
    signals.forEach((signal, i) => {
      log.add(signal);
      const full = ReplayLog.of('a@example.org', signals.slice(0, i + 1), settings);
      assert.deepEqual(view(log), view(full), `trial ${trial}, step ${i}`);
      steps++;
    });
  }
  assert.ok(steps > 1000);
});
