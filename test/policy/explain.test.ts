import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REASON_NAMES } from '../../src/classify/reasons.js';
import { apply } from '../../src/policy/apply.js';
import { explainState, meaning, stateMessage, when } from '../../src/policy/explain.js';
import { replay } from '../../src/policy/replay.js';
import { DEFAULT_SETTINGS, type PolicySettings, type Signal } from '../../src/policy/types.js';
import { ADDRESS, bounce, event, fold, hard, soft, softRun } from './signals.js';

const SPAMHAUS = '554 5.7.1 Service unavailable;\n   Client host [192.0.2.7] blocked using zen.spamhaus.org';

/** The explanation of the last signal after a history, as a support agent would read it. */
function explainLast(history: Signal[], last: Signal, settings: PolicySettings = DEFAULT_SETTINGS): string {
  return apply(fold(history, settings), last, settings).explanation;
}

test('explanations name the reason meaning, the status code, the count and the date', () => {
  const cases: [string, string, string[]][] = [
    [
      'soft bounce',
      explainLast(softRun(1, 2), soft(3)),
      [
        'Soft bounce 3 of 6',
        "the recipient's mailbox is full",
        '(5.2.2)',
        '2024-05-01 10:03:00 UTC',
        '3 more',
      ],
    ],
    [
      'soft turned hard',
      explainLast(softRun(1, 5), soft(6, 'networkerror', '4.4.1')),
      [
        'Blocked on 2024-05-01 10:06:00 UTC',
        'soft bounce 6 of 6',
        'the receiving server could not be reached',
        '(4.4.1)',
        'turned hard after 6 consecutive soft bounces',
      ],
    ],
    [
      'hard bounce',
      explainLast([], hard(1)),
      [
        'Blocked on 2024-05-01 10:01:00 UTC',
        'hard bounce',
        'the recipient address does not exist',
        '(5.1.1)',
      ],
    ],
    [
      'undetermined counts as soft',
      explainLast([], bounce(1, 'undetermined', 'onhold')),
      ['counted as soft bounce 1 of 6', 'its cause could not be told yet'],
    ],
    [
      'sender rejection',
      explainLast([], bounce(1, 'sender', 'blocked', { status: '5.7.1', diagnosticCode: SPAMHAUS })),
      [
        'the sending IP address is blocklisted',
        'not the address',
        'not at fault',
        'Client host [192.0.2.7] blocked using zen.spamhaus.org',
      ],
    ],
    [
      'complaint',
      explainLast([], event(1, 'complained')),
      ['Blocked', 'complaint', 'reported the message as spam'],
    ],
    [
      'complaint recorded only',
      explainLast([], event(1, 'complained'), { ...DEFAULT_SETTINGS, complaintsBlock: false }),
      ['recorded', 'do not block on complaints'],
    ],
    [
      'deferral',
      explainLast([], event(1, 'deferred', { status: '4.4.7' })),
      ['temporary delay, not a bounce', '(4.4.7)'],
    ],
    ['auto-reply', explainLast([], bounce(1, 'autoreply', 'vacation')), ['not a bounce']],
    [
      'delivery ends a streak',
      explainLast(softRun(1, 3), event(4, 'delivered')),
      ['ends the streak of 3 soft bounces'],
    ],
    [
      'already blocked',
      explainLast([hard(1)], soft(2)),
      ['Already blocked since 2024-05-01 10:01:00 UTC', 'does not exist', 'changes nothing'],
    ],
    [
      'admin unblock',
      explainLast(
        [hard(1)],
        event(2, 'admin-unblock', { actor: 'alice', note: 'verified with the customer' }),
      ),
      ['Unblocked', 'alice', 'verified with the customer', 'count from 0 again', 'unblock number 1'],
    ],
    [
      'admin block',
      explainLast([], event(1, 'admin-block', { actor: 'bob' })),
      ['Blocked', 'administrator (bob)'],
    ],
    [
      'retries 0: one soft bounce is enough',
      explainLast([], soft(1), { ...DEFAULT_SETTINGS, softBounceRetries: 0 }),
      ['soft bounce 1 of 1', 'turned hard after 1 consecutive soft bounce.'],
    ],
  ];
  for (const [name, sentence, parts] of cases) {
    for (const part of parts) assert.ok(sentence.includes(part), `${name}: "${part}" not in: ${sentence}`);
  }
});

test('no explanation leaks a missing value or lacks a full stop', () => {
  const signals: Signal[] = [
    event(1, 'sent'),
    ...softRun(2, 4),
    bounce(5, undefined),
    event(6, 'deferred'),
    bounce(7, 'sender', 'blocked'),
    event(8, 'autoreplied'),
    event(9, 'delivered'),
    event(10, 'complained'),
    event(11, 'admin-unblock'),
    event(12, 'admin-unblock'),
    event(13, 'admin-block'),
    { ...event(14, 'teleported' as never) },
  ];
  for (const t of replay(ADDRESS, signals, DEFAULT_SETTINGS).transitions) {
    assert.doesNotMatch(t.explanation, /undefined|null|NaN|\[object/, t.explanation);
    assert.match(t.explanation, /[.!"]$/, t.explanation);
    assert.match(t.explanation, /^[A-Z]/, t.explanation);
  }
});

test('every reason reads as a clause: lower-case start unless an acronym, no final full stop', () => {
  for (const reason of REASON_NAMES) {
    const clause = meaning(reason);
    assert.ok(clause.length > 10, reason);
    assert.ok(!clause.endsWith('.'), reason);
  }
  assert.equal(meaning('mailboxfull'), "the recipient's mailbox is full");
});

test('dates read in UTC; an unreadable date is shown as given', () => {
  assert.equal(when('2024-05-01T12:00:00+02:00'), '2024-05-01 10:00:00 UTC');
  assert.equal(when('yesterday-ish'), 'yesterday-ish');
});

test('the state of an address in one sentence', () => {
  const cases: [Signal[], RegExp][] = [
    [[], /^Active/],
    [
      softRun(1, 2),
      /^Soft-bouncing, still allowed: 2 of 6 consecutive soft bounces \(last: the recipient's mailbox is full\)/,
    ],
    [[hard(1)], /^Blocked since 2024-05-01 10:01:00 UTC: the recipient address does not exist/],
    [[event(1, 'complained')], /^Blocked since .*: complaint: the recipient reported/],
    [[event(1, 'admin-block')], /^Blocked since .*: blocked by an administrator/],
  ];
  for (const [history, pattern] of cases) {
    assert.match(explainState(fold(history, DEFAULT_SETTINGS), DEFAULT_SETTINGS), pattern);
  }
});

test('the state of an address as a code and its values, for another language', () => {
  assert.deepEqual(stateMessage(fold([], DEFAULT_SETTINGS), DEFAULT_SETTINGS), {
    code: 'address.active',
    params: {},
  });
  assert.deepEqual(stateMessage(fold(softRun(1, 2), DEFAULT_SETTINGS), DEFAULT_SETTINGS), {
    code: 'address.soft',
    params: { count: 2, limit: 6, reason: 'mailboxfull', staleAt: null },
  });
  assert.deepEqual(stateMessage(fold([hard(1)], DEFAULT_SETTINGS), DEFAULT_SETTINGS), {
    code: 'address.blocked',
    params: { since: '2024-05-01T10:01:00.000Z', reason: 'userunknown' },
  });
  assert.deepEqual(stateMessage(fold([event(1, 'admin-block')], DEFAULT_SETTINGS), DEFAULT_SETTINGS).params, {
    since: '2024-05-01T10:01:00.000Z',
    reason: 'admin',
  });
});
