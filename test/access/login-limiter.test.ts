/** The login limiter alone, on a clock the test moves: the window slides, a success clears its email. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { LoginLimiter, type LoginLimits } from '../../src/access/login-limiter.js';

const LIMITS: LoginLimits = {
  ip: { maxFailures: 5, windowMs: 60_000 },
  email: { maxFailures: 3, windowMs: 60_000 },
};

function limiter(): { limiter: LoginLimiter; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  return { limiter: new LoginLimiter(LIMITS, () => clock.now), clock };
}

test('an email is refused after its failures, until the oldest leaves the window', () => {
  const { limiter: l, clock } = limiter();
  const ann = { ip: '192.0.2.1', email: 'ann@crm.example' };
  for (let i = 0; i < 3; i++) {
    assert.equal(l.retryAfter(ann), 0, `try ${i + 1} is allowed`);
    l.failed(ann);
    clock.now += 10_000;
  }
  // Failures at +0, +10 s, +20 s; now +30 s: the first leaves the window at +60 s.
  assert.equal(l.retryAfter(ann), 30);
  assert.equal(l.retryAfter({ ip: '198.51.100.7', email: ' ANN@crm.example ' }), 30, 'any IP, any case');
  assert.equal(l.retryAfter({ ip: '192.0.2.1', email: 'bob@crm.example' }), 0, 'another email is free');
  clock.now += 29_999;
  assert.equal(l.retryAfter(ann), 1, 'rounded up');
  clock.now += 1;
  assert.equal(l.retryAfter(ann), 0, 'free once the first failure is a minute old');
  l.failed(ann);
  assert.equal(l.retryAfter(ann), 10, 'the next oldest failure decides now');
});

test('an IP is refused after its failures, whatever the emails or keys', () => {
  const { limiter: l } = limiter();
  for (let i = 0; i < 4; i++) l.failed({ ip: '192.0.2.1', email: `user${i}@crm.example` });
  assert.equal(l.retryAfter({ ip: '192.0.2.1' }), 0, 'four failures are tolerated');
  l.failed({ ip: '192.0.2.1' });
  assert.equal(l.retryAfter({ ip: '192.0.2.1' }), 60);
  assert.equal(l.retryAfter({ ip: '192.0.2.1', email: 'new@crm.example' }), 60);
  assert.equal(l.retryAfter({ ip: '192.0.2.2', email: 'user0@crm.example' }), 0, 'another IP is free');
});

test("a success clears its email's failures but not its IP's", () => {
  const { limiter: l } = limiter();
  const ann = { ip: '192.0.2.1', email: 'ann@crm.example' };
  l.failed(ann);
  l.failed(ann);
  l.succeeded({ ...ann, email: 'Ann@CRM.example' });
  l.failed(ann);
  l.failed(ann);
  assert.equal(l.retryAfter(ann), 0, 'two failures since the success, under three');
  l.failed(ann);
  assert.equal(l.retryAfter(ann), 60, 'the IP has five failures: a success did not reset it');
  assert.equal(l.retryAfter({ ip: '192.0.2.9', email: 'ann@crm.example' }), 60, 'and the email three');
});
