import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apply, initialState } from '../../src/policy/apply.js';
import {
  DEFAULT_SETTINGS,
  type AddressState,
  type PolicySettings,
  type Signal,
} from '../../src/policy/types.js';
import { ADDRESS, bounce, event, fold, hard, minute, soft, softRun } from './signals.js';

interface Case {
  name: string;
  signals: Signal[];
  settings?: Partial<PolicySettings>;
  expect: Pick<AddressState, 'status' | 'softBounces' | 'reason'>;
}

const SPAMHAUS = '554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org';

const CASES: Case[] = [
  {
    name: '5 consecutive soft bounces: still allowed',
    signals: softRun(1, 5),
    expect: st('soft', 5, 'mailboxfull'),
  },
  {
    name: '6 consecutive soft bounces: blocked with the last soft reason',
    signals: [...softRun(1, 5), soft(6, 'networkerror', '4.4.1')],
    expect: st('blocked', 6, 'networkerror'),
  },
  {
    name: 'a delivery in between resets the streak',
    signals: [...softRun(1, 3), event(4, 'delivered'), ...softRun(5, 9)],
    expect: st('soft', 5, 'mailboxfull'),
  },
  {
    name: 'after a reset, 6 more soft bounces block',
    signals: [...softRun(1, 3), event(4, 'delivered'), ...softRun(5, 10)],
    expect: st('blocked', 6, 'mailboxfull'),
  },
  { name: 'a hard bounce blocks at once', signals: [hard(1)], expect: st('blocked', 0, 'userunknown') },
  { name: 'a complaint blocks', signals: [event(1, 'complained')], expect: st('blocked', 0, 'complaint') },
  {
    name: 'a complaint as a bounced verdict blocks',
    signals: [bounce(1, 'complaint', 'feedback')],
    expect: st('blocked', 0, 'complaint'),
  },
  {
    name: 'a complaint does not block when complaintsBlock is false',
    signals: [event(1, 'complained')],
    settings: { complaintsBlock: false },
    expect: st('active', 0, null),
  },
  {
    name: 'a Spamhaus-style sender rejection leaves the address active',
    signals: [bounce(1, 'sender', 'blocked', { status: '5.7.1', diagnosticCode: SPAMHAUS })],
    expect: st('active', 0, null),
  },
  {
    name: 'a sender rejection inside a streak neither counts nor resets',
    signals: [...softRun(1, 2), bounce(3, 'sender', 'badreputation'), soft(4)],
    expect: st('soft', 3, 'mailboxfull'),
  },
  {
    name: 'undetermined counts as soft (1)',
    signals: [bounce(1, 'undetermined', 'onhold')],
    expect: st('soft', 1, 'onhold'),
  },
  {
    name: 'undetermined counts as soft (6 block)',
    signals: [...softRun(1, 5), bounce(6, 'undetermined', 'onhold')],
    expect: st('blocked', 6, 'onhold'),
  },
  {
    name: 'a bounce without kind or reason is undetermined, so soft',
    signals: [bounce(1, undefined)],
    expect: st('soft', 1, 'undefined'),
  },
  {
    name: 'without a kind, the reason gives it',
    signals: [bounce(1, undefined, 'hostunknown')],
    expect: st('blocked', 0, 'hostunknown'),
  },
  {
    name: "the signal's kind wins over the reason's (notaccept judged soft)",
    signals: [bounce(1, 'soft', 'notaccept', { status: '4.1.10' })],
    expect: st('soft', 1, 'notaccept'),
  },
  {
    name: 'an auto-reply changes nothing',
    signals: [...softRun(1, 2), bounce(3, 'autoreply', 'vacation'), event(4, 'autoreplied')],
    expect: st('soft', 2, 'mailboxfull'),
  },
  {
    name: "a 'delivered' verdict acts as a delivery",
    signals: [...softRun(1, 4), bounce(5, 'delivered', 'delivered')],
    expect: st('active', 0, null),
  },
  {
    name: 'sent and deferred change nothing',
    signals: [...softRun(1, 2), event(3, 'sent'), event(4, 'deferred', { status: '4.2.2' })],
    expect: st('soft', 2, 'mailboxfull'),
  },
  {
    name: 'a delivery does not unblock',
    signals: [hard(1), event(2, 'delivered')],
    expect: st('blocked', 0, 'userunknown'),
  },
  { name: 'an admin block', signals: [event(1, 'admin-block')], expect: st('blocked', 0, 'admin') },
  {
    name: 'admin unblock, then a new soft streak starts from 0',
    signals: [...softRun(1, 6), event(7, 'admin-unblock'), soft(8)],
    expect: st('soft', 1, 'mailboxfull'),
  },
  {
    name: 'after an unblock, it takes 6 new soft bounces to block again',
    signals: [hard(1), event(2, 'admin-unblock'), ...softRun(3, 7)],
    expect: st('soft', 5, 'mailboxfull'),
  },
  {
    name: 'softBounceRetries 0 blocks on the first soft bounce',
    signals: [soft(1)],
    settings: { softBounceRetries: 0 },
    expect: st('blocked', 1, 'mailboxfull'),
  },
  {
    name: 'softBounceRetries 2 blocks on the third',
    signals: softRun(1, 3),
    settings: { softBounceRetries: 2 },
    expect: st('blocked', 3, 'mailboxfull'),
  },
  {
    name: 'an unknown reason from the wire reads as undefined, no crash',
    signals: [bounce(1, 'soft', 'nosuchreason' as never)],
    expect: st('soft', 1, 'undefined'),
  },
  {
    name: 'an unknown signal type changes nothing, no crash',
    signals: [event(1, 'teleported' as never)],
    expect: st('active', 0, null),
  },
];

function st(status: AddressState['status'], softBounces: number, reason: AddressState['reason']) {
  return { status, softBounces, reason };
}

for (const c of CASES) {
  test(`rules: ${c.name}`, () => {
    const state = fold(c.signals, { ...DEFAULT_SETTINGS, ...c.settings });
    assert.deepEqual(
      { status: state.status, softBounces: state.softBounces, reason: state.reason },
      c.expect,
    );
  });
}

test('a block records its event time and the deciding signal', () => {
  const state = fold([...softRun(1, 2), hard(3)], DEFAULT_SETTINGS);
  assert.equal(state.blockedAt, minute(3));
  assert.equal(state.decidedBy, hard(3).id);
  const streak = fold(softRun(1, 6), DEFAULT_SETTINGS);
  assert.equal(streak.blockedAt, minute(6));
  assert.equal(streak.decidedBy, soft(6).id);
});

test('an unblock clears the block and counts', () => {
  const state = fold(
    [hard(1), event(2, 'admin-unblock'), hard(3), event(4, 'admin-unblock')],
    DEFAULT_SETTINGS,
  );
  assert.deepEqual(
    {
      status: state.status,
      blockedAt: state.blockedAt,
      decidedBy: state.decidedBy,
      unblocks: state.unblocks,
    },
    { status: 'active', blockedAt: null, decidedBy: null, unblocks: 2 },
  );
});

test('a sender-incident repair lifts a bounce block without counting as an unblock', () => {
  const state = fold(
    [hard(1), event(2, 'sender-repair'), hard(3), event(4, 'admin-unblock')],
    DEFAULT_SETTINGS,
  );
  assert.deepEqual({ status: state.status, unblocks: state.unblocks }, { status: 'active', unblocks: 1 });
  const t = apply(
    fold([hard(1)], DEFAULT_SETTINGS),
    event(2, 'sender-repair', { actor: 'incident:4' }),
    DEFAULT_SETTINGS,
  );
  assert.equal(t.after.status, 'active');
  assert.match(
    t.explanation,
    /sender-incident repair \(incident:4\).*does not count towards the unblock limit/,
  );
});

test('a sender-incident repair never lifts a complaint or an administrator block', () => {
  for (const block of [event(1, 'complained'), event(1, 'admin-block')]) {
    const t = apply(fold([block], DEFAULT_SETTINGS), event(2, 'sender-repair'), DEFAULT_SETTINGS);
    assert.equal(t.changed, false);
    assert.equal(t.after.status, 'blocked');
  }
});

test('an unblock of an address that is not blocked changes nothing', () => {
  const before = fold(softRun(1, 2), DEFAULT_SETTINGS);
  const t = apply(before, event(3, 'admin-unblock'), DEFAULT_SETTINGS);
  assert.equal(t.changed, false);
  assert.equal(t.after.unblocks, 0);
  assert.equal(t.after.softBounces, 2);
});

test('a blocked address ignores every signal but an unblock, and says so', () => {
  const blocked = fold([hard(1)], DEFAULT_SETTINGS);
  const signals = [
    soft(2),
    hard(3),
    event(4, 'delivered'),
    event(5, 'complained'),
    event(6, 'admin-block'),
    event(7, 'sent'),
  ];
  for (const signal of signals) {
    const t = apply(blocked, signal, DEFAULT_SETTINGS);
    assert.equal(t.changed, false, signal.type);
    assert.equal(t.after.reason, 'userunknown', signal.type);
    assert.equal(t.after.blockedAt, minute(1), signal.type);
    assert.match(t.explanation, /^Already blocked since 2024-05-01 10:01:00 UTC/, signal.type);
  }
});

test('changed says whether the standing moved; lastEventAt always keeps the newest time', () => {
  const cases: [Signal[], Signal, boolean][] = [
    [[], event(1, 'sent'), false],
    [[], soft(1), true],
    [softRun(1, 2), soft(3), true],
    [softRun(1, 2), event(3, 'deferred'), false],
    [softRun(1, 2), event(3, 'delivered'), true],
    [[], event(1, 'delivered'), false],
    [[], bounce(1, 'sender', 'blocked'), false],
  ];
  for (const [history, signal, changed] of cases) {
    const t = apply(fold(history, DEFAULT_SETTINGS), signal, DEFAULT_SETTINGS);
    assert.equal(t.changed, changed, `${history.length} then ${signal.type} ${signal.kind ?? ''}`);
    assert.equal(t.after.lastEventAt, signal.at);
    assert.equal(t.signal, signal);
  }
  const late = apply(fold([event(9, 'sent')], DEFAULT_SETTINGS), event(2, 'sent'), DEFAULT_SETTINGS);
  assert.equal(late.after.lastEventAt, minute(9), 'an older signal does not move lastEventAt back');
});

test('apply leaves its input state untouched', () => {
  const before = initialState(ADDRESS);
  const copy = structuredClone(before);
  const t = apply(before, hard(1), DEFAULT_SETTINGS);
  assert.deepEqual(before, copy);
  assert.equal(t.before, before);
  assert.equal(t.after.address, ADDRESS);
});
