/**
 * Two guard processes on one database (two stores, as two processes open it): the timer's alert pass is
 * done by one of them at a time, the lease holder; when it dies another takes over once the lease runs
 * out, and when it stops another takes over at once. Both stores.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { AlertMonitor } from '../../src/guard/alerts/alert-monitor.js';
import { Pauses } from '../../src/guard/pauses.js';
import type { GuardStore } from '../../src/store/guard.js';
import { BACKENDS, withStore } from '../store/backends.js';

const quiet = { warn: () => undefined, error: () => undefined };
const MINUTE = 60_000;

/** A guard process: its monitor, and how many full passes (reads of every active scope) it has done. */
function guardProcess(
  store: GuardStore,
  clock: { t: number },
): { monitor: AlertMonitor; passes: () => number } {
  let passes = 0;
  const counted = new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if (prop === 'activeScopes') passes += 1;
        return fn.apply(target, args);
      };
    },
  });
  const monitor = new AlertMonitor({
    store: counted,
    notifier: { notifyWithin: async () => undefined, committed: () => undefined },
    pauses: new Pauses(store),
    log: quiet,
    now: () => new Date(clock.t),
  });
  return { monitor, passes: () => passes };
}

for (const backend of BACKENDS) {
  test(`one process at a time does the periodic alert pass [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const other = await h.another();
      t.after(() => other.close());
      const clock = { t: Date.parse('2026-03-01T10:00:00Z') };
      const a = guardProcess(h.store.guard, clock);
      const b = guardProcess(other.guard, clock);
      const both = () => Promise.all([a.monitor.periodicPass(MINUTE), b.monitor.periodicPass(MINUTE)]);

      // Ten ticks of both timers, a minute apart: ten passes in all, every one by the same holder.
      const first = await both();
      assert.equal(first.filter(Boolean).length, 1, 'one of two evaluates');
      const holder = first[0] === true ? a : b;
      const waiting = holder === a ? b : a;
      for (let tick = 1; tick < 10; tick++) {
        clock.t += MINUTE;
        assert.deepEqual(await both(), holder === a ? [true, false] : [false, true]);
      }
      assert.deepEqual([holder.passes(), waiting.passes()], [10, 0]);

      // The holder dies (its timer stops, its lease stays): the other takes over once the lease has run out.
      clock.t += 2 * MINUTE;
      assert.equal(await waiting.monitor.periodicPass(MINUTE), false, 'the lease still runs');
      clock.t += 1 * MINUTE;
      assert.equal(await waiting.monitor.periodicPass(MINUTE), true, 'taken over after 3 intervals');
      assert.equal(await holder.monitor.periodicPass(MINUTE), false, 'and kept from the old holder');

      // A holder that stops lets the lease go: the other takes it at its next tick.
      waiting.monitor.start(3_600_000);
      await waiting.monitor.stop();
      assert.equal(await holder.monitor.periodicPass(MINUTE), true);
    });
  });
}
