/** The alert loop's reads over many scopes at once (an import's batch touches dozens), on both stores. */
import assert from 'node:assert/strict';
import test from 'node:test';
import type { RateIncrement, ScopeRef } from '../../src/store/guard.js';
import { BACKENDS, withStore } from '../store/backends.js';

const OLDEST = '2025-03-01T10';
const LATER = '2025-03-01T12';
const domain = (i: number): ScopeRef => ({ kind: 'domain', key: `d${i}.example` });

for (const backend of BACKENDS) {
  test(`rate windows and open alerts of 200 scopes read at once, each its own [${backend.name}]`, async (t) => {
    await withStore(backend, t, async ({ store }) => {
      const { id } = await store.createAccount('a');
      const other = await store.createAccount('b');
      const increments = (hour: string, factor: number): RateIncrement[] =>
        Array.from({ length: 200 }, (_, i) => ({
          scope: domain(i),
          hour,
          sent: i * factor,
          bounced: i % 7,
          complained: i % 2,
        }));
      await store.guard.addRates(id, increments(OLDEST, 1));
      await store.guard.addRates(id, increments(LATER, 2));
      // Added twice: the counters add up. Before the window: not counted. Another account: not seen.
      await store.guard.addRates(id, increments(LATER, 1));
      await store.guard.addRates(id, increments('2025-03-01T09', 5));
      await store.guard.addRates(other.id, increments(LATER, 9));

      const unknown: ScopeRef = { kind: 'campaign', key: 'never' };
      const scopes = [...Array.from({ length: 200 }, (_, i) => domain(i)), unknown];
      const windows = await store.guard.rateWindows(id, scopes, OLDEST);
      assert.equal(windows.size, 200, 'a scope without counts is left out');
      for (let i = 0; i < 200; i++) {
        assert.deepEqual(windows.get(`domain d${i}.example`), {
          oldest: { sent: i, bounced: i % 7, complained: i % 2 },
          later: { sent: 3 * i, bounced: 2 * (i % 7), complained: 2 * (i % 2) },
        });
      }

      const figures = { level: 'warn' as const, rate: 0.1, count: 10, sent: 100, threshold: 0.05 };
      for (const scope of [domain(1), domain(2), domain(150)]) {
        const opened = await store.guard.openAlert(
          {
            accountId: id,
            scope,
            metric: 'bounce',
            ...figures,
            windowHours: 24,
            explanation: 'test',
            openedAt: '2025-03-01T12:00:00.000Z',
          },
          async () => undefined,
        );
        assert.ok(opened);
      }
      const open = await store.guard.openAlertsIn(id, [domain(1), domain(150), domain(3), unknown]);
      assert.deepEqual(open.map((a) => a.scope.key).sort(), ['d1.example', 'd150.example']);
      assert.deepEqual(await store.guard.openAlertsIn(other.id, [domain(1)]), []);
    });
  });
}
