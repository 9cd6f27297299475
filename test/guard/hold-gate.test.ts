/** Holds over the send gate's answers, the relay's campaign header, the retry schedule, the signature. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { campaignHeader } from '../../src/capture/relay/campaign-header.js';
import { decide } from '../../src/capture/relay/gate.js';
import { applyHolds } from '../../src/guard/hold-gate.js';
import type { Hold } from '../../src/guard/holds.js';
import { retryDelayMs } from '../../src/guard/webhooks-out/retry.js';
import { signatureHeader, verifySignature } from '../../src/guard/webhooks-out/signature.js';
import type { CheckResult } from '../../src/service/types.js';

const allowed = (address: string): CheckResult => ({
  address,
  allowed: true,
  state: 'active',
  reason: null,
  explanation: 'No bounce or complaint recorded for this address.',
});
const hold = (scope: Hold['scope']): Hold => ({
  scope,
  source: 'pause',
  sourceId: '7',
  explanation: 'Paused.',
  since: '2026-01-01T00:00:00.000Z',
});

test('a hold covers its scope only, and never an address already refused', () => {
  const blocked: CheckResult = {
    ...allowed('x@gmail.com'),
    allowed: false,
    state: 'blocked',
    explanation: 'Blocked.',
  };
  const results = [allowed('a@gmail.com'), allowed('b@yahoo.com'), blocked];
  const byDomain = applyHolds(results, [hold({ kind: 'domain', domain: 'gmail.com' })], undefined);
  assert.deepEqual(
    byDomain.map((r) => [r.allowed, r.held?.sourceId]),
    [
      [false, '7'],
      [true, undefined],
      [false, undefined],
    ],
  );
  assert.equal(byDomain[0]?.state, 'active');
  assert.equal(byDomain[0]?.explanation, 'Paused.');
  const campaign = [hold({ kind: 'campaign', campaign: 'spring' })];
  assert.equal(applyHolds(results, campaign, undefined)[0]?.allowed, true);
  assert.equal(applyHolds(results, campaign, 'autumn')[0]?.allowed, true);
  assert.equal(applyHolds(results, campaign, 'spring')[0]?.allowed, false);
  assert.ok(applyHolds(results, [hold({ kind: 'account' })], undefined).every((r) => !r.allowed));
});

test('a held result is a 451 in the relay, a blocked one a 550', () => {
  const [held] = applyHolds([allowed('a@gmail.com')], [hold({ kind: 'account' })], undefined);
  assert.deepEqual(decide(held as CheckResult), {
    kind: 'defer',
    code: 451,
    reason: 'pause',
    explanation: 'Paused.',
  });
  const refused = decide({ ...allowed('a@b.c'), allowed: false, state: 'blocked', reason: 'userunknown' });
  assert.equal(refused.kind === 'refuse' && refused.code, 550);
});

test('the campaign header is read from the header block only, unfolded', () => {
  const mail = (head: string) => Buffer.from(`${head}\r\n\r\nX-Rebound-Campaign: body\r\n`);
  assert.equal(campaignHeader(mail('Subject: a\r\nx-rebound-campaign:  spring ')), 'spring');
  assert.equal(campaignHeader(mail('X-Rebound-Campaign: spring\r\n  sale\r\nSubject: a')), 'spring sale');
  assert.equal(campaignHeader(mail('Subject: a')), undefined);
  assert.equal(campaignHeader(mail('X-Rebound-Campaign:   ')), undefined);
});

test('retries back off exponentially, capped, with jitter either way', () => {
  const policy = { firstDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 9, jitter: 0.2 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(policy, n, () => 0.5)),
    [1000, 2000, 4000, 8000, 10_000, 10_000],
  );
  assert.equal(
    retryDelayMs(policy, 1, () => 0),
    800,
  );
  assert.equal(
    retryDelayMs(policy, 1, () => 0.999999),
    1200,
  );
});

test('a signature verifies for its body and secret, within the tolerance', () => {
  const body = '{"id":"evt_1"}';
  const header = signatureHeader('whsec_a', body, 1_700_000_000);
  assert.match(header, /^t=1700000000,v1=[0-9a-f]{64}$/);
  assert.ok(verifySignature('whsec_a', body, header, 1_700_000_100));
  assert.ok(!verifySignature('whsec_a', body, header, 1_700_000_400), 'too old: a replay');
  assert.ok(!verifySignature('whsec_b', body, header, 1_700_000_000));
  assert.ok(!verifySignature('whsec_a', body, 'v1=00', 1_700_000_000));
});
