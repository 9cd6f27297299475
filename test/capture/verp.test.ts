import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_VERP_PREFIX, signVerp, verifyVerp, type VerpResult } from '../../src/capture/verp.js';

const ACCOUNT = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const DOMAIN = 'bounce.example.net';
const SECRET = 'current-secret-0123456789';
const OLD_SECRET = 'previous-secret-9876543210';
const SEND = { accountId: ACCOUNT, recipient: 'Alice.Smith@Example.org' };
const SIGNING = { localPart: 'bounces', domain: DOMAIN, secret: SECRET };
const VERIFYING = { domain: DOMAIN, secrets: [SECRET] };
const NOW = new Date('2025-03-14T15:09:26Z');

function claims(result: VerpResult) {
  assert.ok(result.ok, `expected a valid token, got ${result.ok ? '' : result.reason}`);
  return result.claims;
}

function reason(result: VerpResult): string {
  assert.ok(!result.ok, 'expected the token to be refused');
  return result.reason;
}

function tokenOf(address: string): string {
  return address.slice(address.indexOf('+') + 1, address.indexOf('@'));
}

test('round trip: account, day and recipient come back', () => {
  const address = signVerp(SEND, SIGNING, NOW);
  assert.match(address, /^bounces\+[a-z2-7]{56}@bounce\.example\.net$/);
  const c = claims(verifyVerp(address, VERIFYING));
  assert.equal(c.accountId, ACCOUNT);
  assert.equal(c.issuedAt, '2025-03-14T00:00:00.000Z');
  assert.equal(c.isFor('alice.smith@example.org'), true);
  assert.equal(c.isFor('  ALICE.SMITH@EXAMPLE.ORG '), true);
  assert.equal(c.isFor('bob@example.org'), false);
  assert.equal(c.isFor('alice.smith@example.org.evil'), false);
});

test('two recipients of the same account get different tokens', () => {
  const a = signVerp(SEND, SIGNING, NOW);
  const b = signVerp({ ...SEND, recipient: 'bob@example.org' }, SIGNING, NOW);
  assert.notEqual(a, b);
  assert.equal(claims(verifyVerp(b, VERIFYING)).isFor(SEND.recipient), false);
});

test('the local part stays within 64 octets (RFC 5321) for the longest prefix', () => {
  const prefix = 'b'.repeat(MAX_VERP_PREFIX);
  const address = signVerp(SEND, { ...SIGNING, localPart: prefix }, NOW);
  assert.equal(address.indexOf('@'), 64);
  assert.ok(signVerp(SEND, SIGNING, NOW).indexOf('@') <= 64);
  assert.throws(() => signVerp(SEND, { ...SIGNING, localPart: prefix + 'b' }, NOW), TypeError);
});

test('changing any character of the token to another base32 character fails', () => {
  const address = signVerp(SEND, SIGNING, NOW);
  const token = tokenOf(address);
  for (let i = 0; i < token.length; i++) {
    const original = token[i] as string;
    const other = original === 'a' ? 'b' : 'a';
    const forged = address.replace(token, token.slice(0, i) + other + token.slice(i + 1));
    const result = verifyVerp(forged, VERIFYING);
    // The first two characters carry the version byte: a change there is refused before the MAC.
    assert.ok(!result.ok, `a change at position ${i} was accepted`);
  }
});

test('case folding: an upper- or lower-cased address still verifies', () => {
  const address = signVerp(SEND, SIGNING, NOW);
  assert.equal(claims(verifyVerp(address.toUpperCase(), VERIFYING)).accountId, ACCOUNT);
  assert.equal(claims(verifyVerp(address.toLowerCase(), VERIFYING)).accountId, ACCOUNT);
  assert.equal(
    claims(verifyVerp(address, { ...VERIFYING, domain: 'BOUNCE.Example.NET.' })).accountId,
    ACCOUNT,
  );
});

test('rotation: a token signed with an older secret verifies while that secret is listed', () => {
  const old = signVerp(SEND, { ...SIGNING, secret: OLD_SECRET }, NOW);
  const both = { domain: DOMAIN, secrets: [SECRET, OLD_SECRET] };
  const c = claims(verifyVerp(old, both));
  assert.equal(c.isFor(SEND.recipient), true);
  assert.equal(reason(verifyVerp(old, VERIFYING)), 'bad-signature');
  assert.equal(claims(verifyVerp(signVerp(SEND, SIGNING, NOW), both)).accountId, ACCOUNT);
});

test('a token is void on another bounce domain, even with the token moved over', () => {
  const address = signVerp(SEND, SIGNING, NOW);
  assert.equal(reason(verifyVerp(address, { ...VERIFYING, domain: 'other.example' })), 'wrong-domain');
  const moved = signVerp(SEND, { ...SIGNING, domain: 'other.example' }, NOW).replace('other.example', DOMAIN);
  assert.equal(reason(verifyVerp(moved, VERIFYING)), 'bad-signature');
});

test('the prefix before the + is not part of what is checked', () => {
  const address = signVerp(SEND, SIGNING, NOW);
  assert.equal(claims(verifyVerp(address.replace('bounces+', 'b+'), VERIFYING)).accountId, ACCOUNT);
});

test('bad input gives a reason, never an exception', () => {
  const token = tokenOf(signVerp(SEND, SIGNING, NOW));
  const table: [string, string][] = [
    ['', 'not-verp'],
    ['postmaster@bounce.example.net', 'not-verp'],
    [`bounces+${token}`, 'not-verp'],
    [`bounces+${token}@elsewhere.example`, 'wrong-domain'],
    [`bounces+${token.slice(1)}@${DOMAIN}`, 'malformed-token'],
    [`bounces+${token}a@${DOMAIN}`, 'malformed-token'],
    [`bounces+${token.slice(1)}1@${DOMAIN}`, 'malformed-token'],
    [`bounces+${token.slice(1)}=@${DOMAIN}`, 'malformed-token'],
    [`bounces+${'a'.repeat(56)}@${DOMAIN}`, 'unknown-version'],
    [`bounces+${'a'.repeat(1000)}@${DOMAIN}`, 'malformed-token'],
    [`bounces+${token}@${DOMAIN}@${DOMAIN}`, 'malformed-token'],
  ];
  for (const [address, expected] of table) {
    assert.equal(reason(verifyVerp(address, VERIFYING)), expected, address);
  }
  assert.equal(
    reason(verifyVerp(signVerp(SEND, SIGNING, NOW), { domain: DOMAIN, secrets: [] })),
    'bad-signature',
  );
});

test('signing refuses what no caller should pass', () => {
  assert.throws(() => signVerp({ ...SEND, accountId: 'acct-1' }, SIGNING), TypeError);
  assert.throws(() => signVerp(SEND, { ...SIGNING, secret: '' }), TypeError);
  assert.throws(() => signVerp(SEND, { ...SIGNING, localPart: 'a+b' }), TypeError);
  assert.throws(() => signVerp(SEND, { ...SIGNING, localPart: '' }), TypeError);
  assert.throws(() => signVerp(SEND, { ...SIGNING, domain: ' ' }), TypeError);
});

test('the day is clamped, not wrapped, outside the 2020-2199 range', () => {
  const early = claims(verifyVerp(signVerp(SEND, SIGNING, new Date('2019-05-01T00:00:00Z')), VERIFYING));
  assert.equal(early.issuedAt, '2020-01-01T00:00:00.000Z');
  const late = claims(verifyVerp(signVerp(SEND, SIGNING, new Date('2300-01-01T00:00:00Z')), VERIFYING));
  assert.ok(late.issuedAt.startsWith('219'));
});
