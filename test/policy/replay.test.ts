import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replay } from '../../src/policy/replay.js';
import { DEFAULT_SETTINGS, type Signal } from '../../src/policy/types.js';
import { ADDRESS, bounce, event, fold, hard, minute, soft, softRun } from './signals.js';

const received = (signal: Signal, n: number): Signal => ({ ...signal, receivedAt: minute(100 + n) });

test('out of order: soft x5 (t1..t5), delivered (t7), then the soft of t6 arriving last does not block', () => {
  const arrival = [...softRun(1, 5), event(7, 'delivered'), soft(6)];
  const { state, transitions } = replay(ADDRESS, arrival, DEFAULT_SETTINGS);
  assert.deepEqual(
    {
      status: state.status,
      softBounces: state.softBounces,
      reason: state.reason,
      lastEventAt: state.lastEventAt,
    },
    { status: 'active', softBounces: 0, reason: null, lastEventAt: minute(7) },
  );
  assert.deepEqual(
    transitions.map((t) => t.signal.at),
    [1, 2, 3, 4, 5, 6, 7].map(minute),
    'applied in event-time order',
  );
  const late = transitions[5];
  assert.equal(late?.changed, false);
  assert.match(late?.explanation ?? '', /arrived after a newer delivery \(2024-05-01 10:07:00 UTC\)/);
});

test('the same signals arriving in event order: the 6th soft bounce blocks and the later delivery does not unblock', () => {
  const arrival = [...softRun(1, 6), event(7, 'delivered')];
  const { state } = replay(ADDRESS, arrival, DEFAULT_SETTINGS);
  assert.equal(state.status, 'blocked');
  assert.equal(state.blockedAt, minute(6));
});

test('receivedAt, when every signal has it, is the arrival order whatever the array order', () => {
  const arrival = [...softRun(1, 5), event(7, 'delivered'), soft(6)].map(received);
  for (const order of [arrival, [...arrival].reverse(), rotate(arrival, 3)]) {
    const { state } = replay(ADDRESS, order, DEFAULT_SETTINGS);
    assert.equal(state.status, 'active');
    assert.equal(state.softBounces, 0);
  }
});

test('replay settles out-of-order arrivals', () => {
  const cases: { name: string; arrival: Signal[]; status: string; softBounces: number }[] = [
    {
      name: 'an old hard bounce after a newer delivery does not block',
      arrival: [event(5, 'delivered'), hard(3)],
      status: 'active',
      softBounces: 0,
    },
    {
      name: 'a late soft bounce with no newer delivery still completes the streak',
      arrival: [...softRun(1, 4), soft(6), soft(5)],
      status: 'blocked',
      softBounces: 6,
    },
    {
      name: 'a late bounce older than a delivery that arrived after it still counts',
      arrival: [hard(3), event(5, 'delivered')],
      status: 'blocked',
      softBounces: 0,
    },
    {
      name: 'a late delivery older than the streak does not end it',
      arrival: [...softRun(2, 4), event(1, 'delivered')],
      status: 'soft',
      softBounces: 3,
    },
    {
      name: 'a late delivery inside the streak splits it',
      arrival: [...softRun(1, 4), ...softRun(6, 7), event(5, 'delivered')],
      status: 'soft',
      softBounces: 2,
    },
    {
      name: 'an old complaint arriving after a delivery still blocks (it is no bounce)',
      arrival: [event(5, 'delivered'), event(3, 'complained')],
      status: 'blocked',
      softBounces: 0,
    },
    {
      name: "a newer 'delivered' verdict also protects from an old bounce",
      arrival: [bounce(5, 'delivered', 'delivered'), hard(3)],
      status: 'active',
      softBounces: 0,
    },
  ];
  for (const c of cases) {
    const { state } = replay(ADDRESS, c.arrival, DEFAULT_SETTINGS);
    assert.deepEqual(
      { status: state.status, softBounces: state.softBounces },
      { status: c.status, softBounces: c.softBounces },
      c.name,
    );
  }
});

test('signals that arrive in event order replay to what the live path computed', () => {
  const histories: Signal[][] = [
    [],
    softRun(1, 5),
    softRun(1, 6),
    [...softRun(1, 3), event(4, 'delivered'), ...softRun(5, 6), event(7, 'sent')],
    [hard(1), event(2, 'admin-unblock'), soft(3), bounce(4, 'sender', 'blocked'), event(5, 'complained')],
  ];
  for (const history of histories) {
    assert.deepEqual(replay(ADDRESS, history, DEFAULT_SETTINGS).state, fold(history, DEFAULT_SETTINGS));
  }
});

test('times are compared as instants across offsets; equal times fall back to the id', () => {
  const noonParis = { ...hard(0), id: 'b', at: '2024-05-01T12:00:00+02:00' };
  const delivered = { ...event(0, 'delivered'), id: 'a', at: '2024-05-01T10:00:00.000Z' };
  const { transitions } = replay(ADDRESS, [noonParis, delivered], DEFAULT_SETTINGS);
  assert.deepEqual(
    transitions.map((t) => t.signal.id),
    ['a', 'b'],
  );
});

test('replay of nothing is the initial state', () => {
  const { state, transitions } = replay(ADDRESS, [], DEFAULT_SETTINGS);
  assert.equal(state.status, 'active');
  assert.equal(state.lastEventAt, null);
  assert.deepEqual(transitions, []);
});

function rotate<T>(items: T[], by: number): T[] {
  return [...items.slice(by), ...items.slice(0, by)];
}
