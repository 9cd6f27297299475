/**
 * The statistics' counters (schema 8) against the event scan they replaced, on both stores: random events
 * stored out of order, through both appends (a dedupe key, so duplicates, or a fresh event held back by
 * PostgreSQL's event buffer), in transactions of one to many events, some rolled back; then random periods.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewEvent } from '../../src/store/store.js';
import { prng } from '../support/mail-mutations.js';
import { BACKENDS, withStore } from './backends.js';
import { assertSameCounts, BASE, DAY_MS, randomEvent, randomRange, testSeed } from './stats-oracle.js';

const EVENTS = 800;
const RANGES = 40;

for (const backend of BACKENDS) {
  test(`${backend.name}: stats from the counters equal the event scan over random events`, (t) =>
    withStore(backend, t, async (h) => {
      const seed = testSeed();
      const rnd = prng(seed);
      const store = h.store;
      const accounts = [(await store.createAccount('a')).id, (await store.createAccount('b')).id];
      const stored: NewEvent[] = [];
      let rolledBack = 0;
      while (stored.length < EVENTS) {
        const batch = Array.from({ length: 1 + Math.floor(rnd() * rnd() * 60) }, () =>
          randomEvent(rnd, accounts[rnd() < 0.8 ? 0 : 1] as string),
        );
        const fail = rnd() < 0.15;
        const written = store.transaction(async (tx) => {
          for (const e of batch) {
            if (rnd() < 0.5) {
              // A small pool of keys: many of these are duplicates of an earlier event, stored once.
              await tx.appendEvent({ ...e, dedupeKey: `k${Math.floor(rnd() * 150)}` });
            } else await tx.appendFreshEvent(e);
          }
          if (fail) throw new Error('rolled back');
        });
        if (fail) {
          await assert.rejects(written, /rolled back/);
          rolledBack += 1;
        } else {
          await written;
          stored.push(...batch);
        }
      }
      assert.ok(rolledBack > 0, 'some transactions were rolled back');
      const context = `seed ${seed} (REBOUND_TEST_SEED=${seed} replays it)`;
      const whole = {
        from: new Date(BASE - 2 * DAY_MS).toISOString(),
        to: new Date(BASE + 8 * DAY_MS).toISOString(),
      };
      // Whole days: answered from the counters alone, which hold every counted event once.
      for (const accountId of accounts) await assertSameCounts(store, h.query, accountId, whole, context);
      const [counters] = await h.query('SELECT sum(n) AS n FROM event_counts', []);
      const [events] = await h.query(
        "SELECT count(*) AS n FROM events WHERE type IN ('sent', 'delivered', 'deferred', 'bounced', 'complained')",
        [],
      );
      assert.ok(Number(events?.n) > 0);
      assert.equal(Number(counters?.n), Number(events?.n), context);
      for (let i = 0; i < RANGES; i++) {
        await assertSameCounts(store, h.query, accounts[i % 2] as string, randomRange(rnd), context);
      }
      // A restart reads the same counters.
      await assertSameCounts(await h.reopen(), h.query, accounts[0] as string, whole, context);
    }));
}
