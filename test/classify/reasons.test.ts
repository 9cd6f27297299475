import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REASONS, REASON_NAMES, isHardBounce, isReason, kindOf } from '../../src/classify/reasons.js';

const SISIMAI_REASONS =
  'authfailure badreputation blocked contenterror delivered exceedlimit expired feedback filtered hasmoved ' +
  'hostunknown mailboxfull mailererror mesgtoobig networkerror norelaying notaccept notcompliantrfc onhold ' +
  'policyviolation rejected requireptr securityerror spamdetected speeding suspend syntaxerror systemerror ' +
  'systemfull toomanyconn undefined userunknown vacation virusdetected';

test('the taxonomy has exactly the 34 common reason names', () => {
  assert.deepEqual([...REASON_NAMES].sort(), SISIMAI_REASONS.split(' ').sort());
});

test('every reason has a kind, a rank and both descriptions', () => {
  const kinds = new Set(['hard', 'soft', 'sender', 'complaint', 'autoreply', 'delivered', 'undetermined']);
  for (const name of REASON_NAMES) {
    const spec = REASONS[name];
    assert.ok(kinds.has(spec.kind), `${name} kind`);
    assert.ok(spec.en.length > 10 && spec.fr.length > 10, `${name} descriptions`);
  }
  const ranks = REASON_NAMES.map((n) => REASONS[n].rank);
  assert.equal(
    new Set(ranks).size,
    ranks.length,
    'ranks are distinct, so ties never fall back to file order',
  );
});

test('kinds that the policy relies on', () => {
  assert.equal(kindOf('userunknown'), 'hard');
  assert.equal(kindOf('hostunknown'), 'hard');
  assert.equal(kindOf('mailboxfull'), 'soft');
  assert.equal(kindOf('blocked'), 'sender');
  assert.equal(kindOf('badreputation'), 'sender');
  assert.equal(kindOf('requireptr'), 'sender');
  assert.equal(kindOf('authfailure'), 'sender');
  assert.equal(kindOf('spamdetected'), 'sender');
  assert.equal(kindOf('feedback'), 'complaint');
  assert.equal(kindOf('vacation'), 'autoreply');
  assert.equal(kindOf('delivered'), 'delivered');
  assert.equal(kindOf('undefined'), 'undetermined');
  assert.ok(isReason('mailboxfull'));
  assert.ok(!isReason('toString'));
});

test('hardBounce follows the reference semantics', () => {
  const cases: [Parameters<typeof isHardBounce>, boolean][] = [
    [['userunknown', 550, '5.1.1', ''], true],
    [['hostunknown', null, '5.1.2', ''], true],
    [['hasmoved', 550, '5.1.6', ''], true],
    [['notaccept', 556, '5.1.10', 'null MX'], true],
    [['notaccept', 450, '4.3.2', ''], false],
    [['notaccept', null, '5.3.2', 'temporarily not accepting'], false],
    [['mailboxfull', 552, '5.2.2', ''], false],
    [['blocked', 554, '5.7.1', ''], false],
    [['suspend', 550, '5.2.1', ''], false],
  ];
  for (const [args, expected] of cases) assert.equal(isHardBounce(...args), expected, args.join(' '));
});
