/** The alert window's edge and counts (rate-window.ts): exact hours in full, the cut hour by its share. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { windowCounts, windowEdge } from '../../src/guard/alerts/rate-window.js';

test('the window starts inside an hour: that hour counts for the share of it still inside', () => {
  assert.deepEqual(windowEdge(new Date('2026-03-02T10:15:00Z'), 24), {
    oldestHour: '2026-03-01T10',
    inside: 0.75,
  });
  assert.deepEqual(windowEdge(new Date('2026-03-02T10:59:00Z'), 1), {
    oldestHour: '2026-03-02T09',
    inside: 1 / 60,
  });
});

test('a window starting on the hour takes that hour in full', () => {
  assert.deepEqual(windowEdge(new Date('2026-03-02T10:00:00Z'), 24), {
    oldestHour: '2026-03-01T10',
    inside: 1,
  });
});

test('the counts: later hours in full plus the oldest weighed', () => {
  const oldest = { sent: 100, bounced: 12, complained: 4 };
  const later = { sent: 10, bounced: 1, complained: 0 };
  assert.deepEqual(windowCounts(oldest, later, 0.25), { sent: 35, bounced: 4, complained: 1 });
  assert.deepEqual(windowCounts(oldest, later, 1), { sent: 110, bounced: 13, complained: 4 });
});
