import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainOf, extractAddress, findAddress } from '../../src/classify/address.js';

test('extractAddress', () => {
  const cases: [string, string | undefined][] = [
    ['rfc822; <User@Example.ORG>', 'user@example.org'],
    ['"Neko, Nyaan" <neko@example.jp>', 'neko@example.jp'],
    ['bounce+user=example.com@bounce.example.net', 'bounce+user=example.com@bounce.example.net'],
    ['<a@b>.', undefined],
    ['no address', undefined],
    ['x@example.org.', 'x@example.org'],
    ['550 5.1.1 <"neko..nyaan."@example.org>... User Unknown', '"neko..nyaan."@example.org'],
    ['"Neko" <neko@example.jp>', 'neko@example.jp'],
  ];
  for (const [text, expected] of cases) assert.equal(extractAddress(text), expected, text);
});

test('findAddress is linear on a long line without an at sign', () => {
  const long = 'a'.repeat(2_000_000);
  assert.equal(findAddress(long), undefined);
  assert.equal(findAddress(`${long} x@example.org`)?.address.endsWith('@example.org'), true);
});

test('domainOf', () => assert.equal(domainOf('a@b.example'), 'b.example'));
