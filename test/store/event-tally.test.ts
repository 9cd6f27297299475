import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventTally } from '../../src/store/event-tally.js';
import type { NewEvent } from '../../src/store/store.js';
import { newEvent } from '../support/new-event.js';

const event = (over: Partial<NewEvent>): NewEvent =>
  newEvent({
    accountId: 'acc',
    address: 'ann@b.test',
    type: 'bounced',
    at: '2026-03-01T10:20:30.000Z',
    receivedAt: '2026-03-09T00:00:00.000Z',
    reason: 'userunknown',
    kind: 'hard',
    ...over,
  });

test('counts by event time, per hour with reason and per day with domain, in key order', () => {
  const tally = new EventTally();
  tally.add(event({ address: 'x@z.test' }));
  tally.add(event({}));
  tally.add(event({ at: '2026-02-28T23:59:59.999Z', receivedAt: '2026-03-10T00:00:00.000Z' }));
  tally.add(event({ type: 'sent', reason: null, kind: null }));
  assert.equal(tally.size, 3);
  const { hours, domains } = tally.take();
  assert.deepEqual(
    hours.map((h) => `${h.hour} ${h.type} '${h.kind}' ${h.reason} ${h.n}`),
    [
      "2026-02-28T23 bounced 'hard' userunknown 1",
      "2026-03-01T10 bounced 'hard' userunknown 2",
      "2026-03-01T10 sent '' none 1",
    ],
  );
  assert.deepEqual(
    domains.map((d) => `${d.day} ${d.domain} ${d.type} '${d.kind}' ${d.n}`),
    [
      "2026-02-28 b.test bounced 'hard' 1",
      "2026-03-01 b.test bounced 'hard' 1",
      "2026-03-01 b.test sent '' 1",
      "2026-03-01 z.test bounced 'hard' 1",
    ],
  );
  assert.equal(tally.size, 0, 'take empties it');
});

test('what /v1/stats does not count is not tallied', () => {
  const tally = new EventTally();
  for (const type of ['autoreplied', 'admin-block', 'admin-unblock', 'state-changed'] as const)
    tally.add(event({ type }));
  assert.equal(tally.size, 0);
});
