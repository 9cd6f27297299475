import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isPlainAscii,
  normaliseNewlines,
  toBinaryString,
  toBytes,
} from '../../../src/classify/mime/binary-string.js';

test('toBinaryString maps one byte to one char', () => {
  const cases: [Uint8Array | string, string][] = [
    [new Uint8Array([0x41, 0xe3, 0x81, 0x82, 0x00, 0xff]), 'A\xe3\x81\x82\x00\xff'],
    [new Uint8Array(0), ''],
    ['plain ascii', 'plain ascii'],
    ['caf\xe9', 'caf\xe9'], // already a binary string: left alone
    ['あ', '\xe3\x81\x82'], // decoded text: back to its UTF-8 bytes
  ];
  for (const [input, expected] of cases) assert.equal(toBinaryString(input), expected);
});

test('toBinaryString honours the view of a Uint8Array on a larger buffer', () => {
  const backing = new Uint8Array([0x58, 0x41, 0x42, 0x59]);
  assert.equal(toBinaryString(backing.subarray(1, 3)), 'AB');
});

test('normaliseNewlines turns CRLF and lone CR into LF', () => {
  const cases: [string, string][] = [
    ['a\r\nb\r\n', 'a\nb\n'],
    ['a\rb\r', 'a\nb\n'],
    ['a\nb', 'a\nb'],
    ['a\r\r\nb', 'a\n\nb'],
    ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseNewlines(input), expected);
});

test('toBytes round-trips a binary string', () => {
  assert.deepEqual([...toBytes('\x00\x7f\x80\xff')], [0x00, 0x7f, 0x80, 0xff]);
});

test('isPlainAscii: 7-bit bytes without ESC, within the view', () => {
  const bytes = (...codes: number[]): Uint8Array => new Uint8Array(codes);
  assert.equal(isPlainAscii(bytes(0x41, 0x0a, 0x7f)), true);
  assert.equal(isPlainAscii(bytes()), true);
  assert.equal(isPlainAscii(bytes(0x41, 0x80)), false);
  assert.equal(isPlainAscii(bytes(0x1b, 0x24, 0x42)), false); // ISO-2022-JP is 7-bit but not ASCII
  assert.equal(isPlainAscii(bytes(0xff, 0x41, 0x42, 0x1b).subarray(1, 3)), true);
});
