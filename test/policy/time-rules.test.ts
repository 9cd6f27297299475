import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apply, initialState } from '../../src/policy/apply.js';
import { explainState, stateMessage } from '../../src/policy/explain.js';
import { replay } from '../../src/policy/replay.js';
import {
  blockExpiryCutoff,
  blockExpiryDue,
  daysBetween,
  expirableBlock,
  streakStaleAt,
} from '../../src/policy/time-rules.js';
import {
  DEFAULT_SETTINGS,
  type AddressState,
  type PolicySettings,
  type Signal,
} from '../../src/policy/types.js';
import { ADDRESS, fold } from './signals.js';

/** Day `d` (fractions allowed) after a fixed start: the policy's only clock is the signals' event time. */
const START = Date.parse('2025-03-01T08:00:00Z');
const day = (d: number): string => new Date(START + d * 86_400_000).toISOString();
let seq = 0;
const softAt = (d: number): Signal => ({
  id: `s${++seq}`,
  type: 'bounced',
  at: day(d),
  kind: 'soft',
  reason: 'mailboxfull',
  status: '4.2.2',
});
const signalAt = (d: number, type: Signal['type'], extra: Partial<Signal> = {}): Signal => ({
  id: `s${++seq}`,
  type,
  at: day(d),
  ...extra,
});
const hardAt = (d: number): Signal =>
  signalAt(d, 'bounced', { kind: 'hard', reason: 'userunknown', status: '5.1.1' });

const EXPIRING: PolicySettings = { ...DEFAULT_SETTINGS, softStreakExpiryDays: 30 };

test('without the setting a soft streak never goes stale', () => {
  const state = fold([softAt(0), softAt(1), softAt(200)], DEFAULT_SETTINGS);
  assert.equal(state.softBounces, 3);
  assert.equal(state.lastSoftAt, day(200));
});

test('a soft bounce after a quiet period of N days or more starts a new streak at 1, and says why', () => {
  const before = fold([softAt(0), softAt(1), softAt(2)], EXPIRING);
  assert.equal(before.softBounces, 3);
  const late = apply(before, softAt(32), EXPIRING);
  assert.equal(late.after.softBounces, 1);
  assert.equal(late.after.lastSoftAt, day(32));
  assert.match(
    late.explanation,
    /^Soft bounce 1 of 6 on .*A new streak: the previous one \(3 soft bounces, the last on 2025-03-03 08:00:00 UTC\) expired after 30 days without a soft bounce\.$/,
  );
  // One second short of the quiet period: the streak goes on.
  const justBefore = apply(
    before,
    { ...softAt(0), at: new Date(Date.parse(day(32)) - 1000).toISOString() },
    EXPIRING,
  );
  assert.equal(justBefore.after.softBounces, 4);
  assert.doesNotMatch(justBefore.explanation, /new streak/);
});

test('sends and deferrals during the quiet period do not keep a streak alive', () => {
  const state = fold(
    [
      softAt(0),
      softAt(1),
      signalAt(20, 'sent'),
      signalAt(25, 'deferred'),
      signalAt(30, 'sent'),
      softAt(31.5),
    ],
    EXPIRING,
  );
  assert.equal(state.softBounces, 1);
});

test('a stale streak cannot reach the block: six soft bounces a month apart never block', () => {
  const monthly = [0, 31, 62, 93, 124, 155].map(softAt);
  assert.equal(fold(monthly, EXPIRING).status, 'soft');
  assert.equal(fold(monthly, DEFAULT_SETTINGS).status, 'blocked');
});

test('event-time order holds: a late soft bounce is replayed into its place, as if it came in order', () => {
  const signals = [softAt(0), softAt(1), softAt(50), softAt(51)];
  const late = softAt(40); // arrives last, but happened between day 1 and day 50
  const inOrder = fold([signals[0]!, signals[1]!, late, signals[2]!, signals[3]!], EXPIRING);
  const replayed = replay(ADDRESS, [...signals, late], EXPIRING).state;
  assert.deepEqual(replayed, inOrder);
  // Day 40 is 39 days after day 1: a new streak; days 50 and 51 continue it.
  assert.equal(replayed.softBounces, 3);
});

test('explainState names when the streak goes stale', () => {
  const state = fold([softAt(0), softAt(1)], EXPIRING);
  assert.equal(streakStaleAt(state, EXPIRING), day(31));
  assert.match(
    explainState(state, EXPIRING),
    /a delivery ends the streak, and so does a quiet period until 2025-04-01 08:00:00 UTC\.$/,
  );
  assert.doesNotMatch(explainState(state, DEFAULT_SETTINGS), /quiet period/);
  assert.deepEqual(stateMessage(state, EXPIRING).params, {
    count: 2,
    limit: 6,
    reason: 'mailboxfull',
    staleAt: day(31),
  });
});

test('a delivery, a block and an unblock reset the newest soft bounce', () => {
  assert.equal(fold([softAt(0), signalAt(1, 'delivered')], EXPIRING).lastSoftAt, null);
  const unblocked = fold([hardAt(0), signalAt(1, 'admin-unblock')], EXPIRING);
  assert.equal(unblocked.lastSoftAt, null);
});

const SWEEP: PolicySettings = { ...DEFAULT_SETTINGS, hardBlockExpiryDays: 90 };

test('a block is due to expire N days after it was made, never for complaints or admin blocks', () => {
  const hard = fold([hardAt(0)], SWEEP);
  assert.equal(blockExpiryDue(hard, SWEEP, new Date(day(89.9))), false);
  assert.equal(blockExpiryDue(hard, SWEEP, new Date(day(90))), true);
  assert.equal(blockExpiryDue(hard, DEFAULT_SETTINGS, new Date(day(900))), false, 'off by default');
  const complaint = fold([signalAt(0, 'complained')], SWEEP);
  const admin = fold([signalAt(0, 'admin-block')], SWEEP);
  for (const state of [complaint, admin]) {
    assert.equal(expirableBlock(state), false);
    assert.equal(blockExpiryDue(state, SWEEP, new Date(day(900))), false);
  }
  assert.equal(blockExpiryCutoff(SWEEP, new Date(day(100))), day(10));
  assert.equal(blockExpiryCutoff(DEFAULT_SETTINGS, new Date(day(100))), undefined);
  assert.equal(daysBetween(day(0), new Date(day(90.5))), 90);
  assert.equal(daysBetween('not a date', new Date()), null);
});

test('block-expired lifts a bounce block without counting as an unblock, and explains it', () => {
  const blocked = fold([hardAt(0)], SWEEP);
  const t = apply(
    blocked,
    signalAt(91, 'block-expired', { actor: 'rebound', note: 'mx.example.org takes mail' }),
    SWEEP,
  );
  assert.equal(t.after.status, 'active');
  assert.equal(t.after.unblocks, 0);
  assert.equal(t.after.blockedAt, null);
  assert.match(
    t.explanation,
    /^Block expired on 2025-05-31 08:00:00 UTC: "mx.example.org takes mail": it was blocked since 2025-03-01 08:00:00 UTC \(the recipient address does not exist at its domain\)\. The address is active again; a new hard bounce blocks it again\.$/,
  );
  // A later hard bounce blocks again at once.
  assert.equal(apply(t.after, hardAt(92), SWEEP).after.status, 'blocked');
});

test('block-expired leaves complaint and admin blocks and unblocked addresses alone', () => {
  const cases: [AddressState, RegExp][] = [
    [
      fold([signalAt(0, 'complained')], SWEEP),
      /^Already blocked since .*a block expiry \(complaint and administrator blocks never expire\)/,
    ],
    [fold([signalAt(0, 'admin-block')], SWEEP), /^Already blocked since/],
    [initialState(ADDRESS), /^Unblock on .* changes nothing: the address is not blocked/],
  ];
  for (const [state, explanation] of cases) {
    const t = apply(state, signalAt(100, 'block-expired'), SWEEP);
    assert.equal(t.changed, false);
    assert.equal(t.after.status, state.status);
    assert.match(t.explanation, explanation);
  }
});

test('expiry-held keeps the block and carries the reason in its sentence', () => {
  const blocked = fold([hardAt(0)], SWEEP);
  const t = apply(
    blocked,
    signalAt(91, 'expiry-held', { note: 'example.org has no MX and no A record' }),
    SWEEP,
  );
  assert.equal(t.changed, false);
  assert.equal(t.after.status, 'blocked');
  assert.match(
    t.explanation,
    /^Block expiry on .* held: "example.org has no MX and no A record": the address stays blocked\.$/,
  );
});
