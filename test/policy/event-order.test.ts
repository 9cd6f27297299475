import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareEventTime, compareSignals, laterOf } from '../../src/policy/event-order.js';

test('event times compare as instants', () => {
  const cases: [string, string, number][] = [
    ['2024-05-01T10:00:00Z', '2024-05-01T12:00:00+02:00', 0],
    ['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00Z', 0],
    ['2024-05-01T09:59:59Z', '2024-05-01T10:00:00Z', -1],
    ['2024-05-01T10:00:01Z', '2024-05-01T12:00:00+02:00', 1],
    ['garbage', '2024-05-01T10:00:00Z', 1],
    ['a-garbage', 'b-garbage', -1],
  ];
  for (const [a, b, sign] of cases) assert.equal(Math.sign(compareEventTime(a, b)), sign, `${a} vs ${b}`);
});

test('laterOf keeps the newer time; null is never', () => {
  assert.equal(laterOf(null, '2024-05-01T10:00:00Z'), '2024-05-01T10:00:00Z');
  assert.equal(laterOf('2024-05-02T00:00:00Z', '2024-05-01T10:00:00Z'), '2024-05-02T00:00:00Z');
  assert.equal(laterOf('2024-05-01T10:00:00Z', '2024-05-02T00:00:00Z'), '2024-05-02T00:00:00Z');
});

test('signals with the same time order by id', () => {
  const at = '2024-05-01T10:00:00Z';
  assert.ok(compareSignals({ id: 'a', type: 'sent', at }, { id: 'b', type: 'sent', at }) < 0);
  assert.equal(compareSignals({ id: 'a', type: 'sent', at }, { id: 'a', type: 'delivered', at }), 0);
});

test('ids that are sequence numbers compare as numbers', () => {
  const at = '2026-11-20T10:00:00Z';
  const sorted = ['10', '9', '100'].map((id) => ({ id, type: 'sent' as const, at })).sort(compareSignals);
  assert.deepEqual(
    sorted.map((s) => s.id),
    ['9', '10', '100'],
  );
});
