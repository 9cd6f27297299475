import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBytes, decoderFor } from '../../../src/classify/mime/charset.js';

const bin = (bytes: number[]): string => String.fromCharCode(...bytes);
const SJIS_NIHONGO = bin([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]);
const EUCJP_NIHONGO = bin([0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec]);
const UTF8_NIHONGO = Buffer.from('日本語', 'utf8').toString('latin1');
const JIS_NIHONGO = '\x1b$BF|K\\8l\x1b(B';

test('decodeBytes decodes declared charsets', () => {
  const cases: [string, string | undefined, string][] = [
    [JIS_NIHONGO, 'iso-2022-jp', '日本語'],
    [JIS_NIHONGO, 'ISO-2022-JP', '日本語'],
    [SJIS_NIHONGO, 'shift_jis', '日本語'],
    [EUCJP_NIHONGO, 'euc-jp', '日本語'],
    [UTF8_NIHONGO, 'utf-8', '日本語'],
    [bin([0x63, 0x61, 0x66, 0xe9]), 'windows-1252', 'café'],
    [bin([0x63, 0x61, 0x66, 0xe9]), 'iso-8859-1', 'café'],
    [bin([0xc7, 0xd1, 0xb1, 0xdb]), 'ks_c_5601-1987', '한글'],
    ['h\x00i\x00', 'utf-16le', 'hi'], // ASCII-looking bytes still decoded for a 16-bit charset
  ];
  for (const [input, label, expected] of cases) assert.equal(decodeBytes(input, label), expected, `${label}`);
});

test('decodeBytes resolves aliases TextDecoder lacks', () => {
  const cases: [string, string, string][] = [
    [SJIS_NIHONGO, 'x-sjis', '日本語'],
    [SJIS_NIHONGO, 'shift-jis', '日本語'],
    [SJIS_NIHONGO, 'cp932', '日本語'],
    [SJIS_NIHONGO, '"Shift_JIS"', '日本語'],
    [JIS_NIHONGO, 'iso-2022-jp-2', '日本語'],
    [JIS_NIHONGO, 'iso-2022-jp-3', '日本語'],
    [UTF8_NIHONGO, 'utf8', '日本語'],
    [UTF8_NIHONGO, 'utf-8*en', '日本語'],
    [bin([0xc7, 0xd1, 0xb1, 0xdb]), 'cp949', '한글'],
  ];
  for (const [input, label, expected] of cases) assert.equal(decodeBytes(input, label), expected, label);
});

test('decodeBytes without a usable charset: UTF-8 when valid, else the hint, else a byte-per-char decoding', () => {
  const cases: [string, string | undefined, string | undefined, string][] = [
    [UTF8_NIHONGO, undefined, undefined, '日本語'],
    [UTF8_NIHONGO, 'us-ascii', undefined, '日本語'],
    [UTF8_NIHONGO, 'x-no-such-charset', undefined, '日本語'],
    [UTF8_NIHONGO, 'utf-7', undefined, '日本語'],
    [bin([0x63, 0x61, 0x66, 0xe9]), undefined, undefined, 'café'],
    [bin([0x63, 0x61, 0x66, 0xe9]), 'x-unknown', undefined, 'café'],
    [SJIS_NIHONGO, undefined, 'shift_jis', '日本語'],
    [SJIS_NIHONGO, undefined, 'bogus', '\x93\xfa\x96\x7b\x8c\xea'],
    ['ascii only', 'bogus', undefined, 'ascii only'],
    ['', undefined, undefined, ''],
  ];
  for (const [input, label, hint, expected] of cases) assert.equal(decodeBytes(input, label, hint), expected);
});

test('decodeBytes repairs mislabelled 8-bit ISO-2022-JP and joined escape sequences', () => {
  assert.equal(decodeBytes(EUCJP_NIHONGO, 'iso-2022-jp'), '日本語');
  assert.equal(decodeBytes(SJIS_NIHONGO, 'iso-2022-jp'), '日本語');
  assert.equal(decodeBytes(UTF8_NIHONGO, 'iso-2022-jp'), '日本語');
  assert.equal(decodeBytes('\x1b$BF|\x1b(B\x1b$BK\\8l\x1b(B', 'iso-2022-jp'), '日本語');
});

test('decoderFor returns null for missing, ASCII, unknown and absurd labels and never throws', () => {
  for (const label of [
    undefined,
    '',
    'us-ascii',
    'US-ASCII',
    'nonsense',
    'x'.repeat(10_000),
    '\u0000',
    '*',
  ]) {
    assert.equal(decoderFor(label), null, String(label).slice(0, 20));
  }
  assert.equal(decoderFor('cp932')?.encoding, 'shift_jis');
});
