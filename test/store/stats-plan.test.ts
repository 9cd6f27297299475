import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, statsPlan } from '../../src/store/stats-plan.js';

const plan = (from: string, to: string, bucket = HOUR) => {
  const p = statsPlan({ from, to }, bucket);
  return [`${p.buckets.from}..${p.buckets.to}`, ...p.edges.map((e) => `${e.from}..${e.to}`)];
};

test('whole buckets come from the counters, the partial ends from the events', () => {
  assert.deepEqual(plan('2026-03-01T10:20:00.000Z', '2026-03-01T13:05:00.000Z'), [
    '2026-03-01T11..2026-03-01T13',
    '2026-03-01T10:20:00.000Z..2026-03-01T11:00:00.000Z',
    '2026-03-01T13:00:00.000Z..2026-03-01T13:05:00.000Z',
  ]);
  assert.deepEqual(plan('2026-02-01T10:20:00.000Z', '2026-03-01T13:05:00.000Z', DAY), [
    '2026-02-02..2026-03-01',
    '2026-02-01T10:20:00.000Z..2026-02-02T00:00:00.000Z',
    '2026-03-01T00:00:00.000Z..2026-03-01T13:05:00.000Z',
  ]);
});

test('a period on bucket edges reads no event; one inside a bucket reads only events', () => {
  assert.deepEqual(plan('2026-03-01T00:00:00.000Z', '2026-03-03T00:00:00.000Z', DAY), [
    '2026-03-01..2026-03-03',
    '2026-03-01T00:00:00.000Z..2026-03-01T00:00:00.000Z',
    '2026-03-03T00:00:00.000Z..2026-03-03T00:00:00.000Z',
  ]);
  assert.deepEqual(plan('2026-03-01T10:20:00.000Z', '2026-03-01T10:40:00.000Z'), [
    '2026-03-01T11..2026-03-01T11',
    '2026-03-01T10:20:00.000Z..2026-03-01T10:40:00.000Z',
    '2026-03-01T10:40:00.000Z..2026-03-01T10:40:00.000Z',
  ]);
  // Across one edge but holding no whole bucket: still all from the events.
  assert.deepEqual(plan('2026-03-01T10:59:59.999Z', '2026-03-01T11:00:00.001Z'), [
    '2026-03-01T11..2026-03-01T11',
    '2026-03-01T10:59:59.999Z..2026-03-01T11:00:00.001Z',
    '2026-03-01T11:00:00.001Z..2026-03-01T11:00:00.001Z',
  ]);
});
