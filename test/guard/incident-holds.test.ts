import assert from 'node:assert/strict';
import test from 'node:test';
import { inProbeMinute } from '../../src/guard/incident-holds.js';

test('slow mode lets mail through in the first minute of every N, the same minutes everywhere', () => {
  const minute = (n: number) => n * 60_000 + 30_000;
  const open = Array.from({ length: 45 }, (_, n) => inProbeMinute(minute(n), 15));
  assert.deepEqual(
    open.flatMap((o, n) => (o ? [n] : [])),
    [0, 15, 30],
  );
});
