import assert from 'node:assert/strict';
import test from 'node:test';
import { guardTick } from '../../src/guard/guard-scheduler.js';
import { IncidentTracker } from '../../src/guard/incident-tracker.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { RecordingNotifier } from '../support/recording-notifier.js';

test('each account is checked once per interval; a zero interval turns the schedule off', async () => {
  const store = openSqliteStore(':memory:');
  const clock = { now: new Date('2025-01-06T10:00:00Z') };
  const tracker = new IncidentTracker({ store, notifier: new RecordingNotifier(), now: () => clock.now });
  const runs: string[] = [];
  const deps = {
    store,
    tracker,
    checker: {
      run: async (id: string) => {
        runs.push(id);
        return [];
      },
    },
    log: { error: () => assert.fail('no error expected') },
    now: () => clock.now,
  };
  const a = await store.createAccount('a');
  const b = await store.createAccount('b');
  await tracker.updateSettings(a.id, { sendingIps: ['192.0.2.9'], checkIntervalMinutes: 30 });
  await tracker.updateSettings(b.id, { sendingIps: ['192.0.2.10'], checkIntervalMinutes: 0 });
  await guardTick(deps);
  await guardTick(deps);
  assert.deepEqual(runs, [a.id]);
  clock.now = new Date('2025-01-06T10:29:00Z');
  await guardTick(deps);
  assert.equal(runs.length, 1);
  clock.now = new Date('2025-01-06T10:30:00Z');
  await guardTick(deps);
  assert.deepEqual(runs, [a.id, a.id]);
  await store.close();
});
