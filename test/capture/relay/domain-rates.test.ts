import assert from 'node:assert/strict';
import test from 'node:test';
import { DomainRates } from '../../../src/capture/relay/domain-rates.js';

const A = '0b7c9a4e-0000-4000-8000-000000000001';
const B = '0b7c9a4e-0000-4000-8000-000000000002';

test('a burst, then one token per 60000/perMinute ms; the wait is said exactly', () => {
  const rates = new DomainRates();
  const limits = { 'gmail.com': { perMinute: 60, burst: 3 } };
  for (let i = 0; i < 3; i++) assert.equal(rates.take(A, 'gmail.com', limits, 0), 0);
  assert.equal(rates.take(A, 'gmail.com', limits, 0), 1000);
  assert.equal(rates.take(A, 'gmail.com', limits, 400), 600);
  assert.equal(rates.take(A, 'gmail.com', limits, 1000), 0);
  assert.equal(rates.take(A, 'gmail.com', limits, 1000), 1000);
  // A long quiet spell refills up to the burst, not beyond.
  for (let i = 0; i < 3; i++) assert.equal(rates.take(A, 'gmail.com', limits, 60_000), 0);
  assert.ok(rates.take(A, 'gmail.com', limits, 60_000) > 0);
});

test('each domain and each account has its own bucket; "*" gives every other domain one; no limit is no wait', () => {
  const rates = new DomainRates();
  const limits = { 'gmail.com': { perMinute: 60, burst: 1 }, '*': { perMinute: 60, burst: 1 } };
  assert.equal(rates.take(A, 'gmail.com', limits, 0), 0);
  assert.equal(rates.take(A, 'yahoo.com', limits, 0), 0);
  assert.equal(rates.take(A, 'web.de', limits, 0), 0);
  assert.equal(rates.take(B, 'gmail.com', limits, 0), 0);
  assert.equal(rates.take(A, 'gmail.com', limits, 0), 1000);
  assert.equal(rates.take(A, 'yahoo.com', limits, 0), 1000);
  for (let i = 0; i < 100; i++) assert.equal(rates.take(A, 'gmail.com', {}, 0), 0);
});

test('a lowered limit applies at once and its smaller burst is not exceeded', () => {
  const rates = new DomainRates();
  for (let i = 0; i < 2; i++) rates.take(A, 'gmail.com', { 'gmail.com': { perMinute: 600, burst: 100 } }, 0);
  const lowered = { 'gmail.com': { perMinute: 6, burst: 2 } };
  assert.equal(rates.take(A, 'gmail.com', lowered, 0), 0);
  assert.equal(rates.take(A, 'gmail.com', lowered, 0), 0);
  assert.equal(rates.take(A, 'gmail.com', lowered, 0), 10_000);
});
