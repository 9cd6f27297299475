import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEncodedWords } from '../../../src/classify/mime/encoded-word.js';

const b64 = (bytes: string): string => Buffer.from(bytes, 'latin1').toString('base64');
const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

test('decodeEncodedWords decodes B and Q words in any charset', () => {
  const cases: [string, string][] = [
    ['=?UTF-8?B?' + utf8('配信失敗') + '?=', '配信失敗'],
    ['=?utf-8?b?' + utf8('Échec') + '?=', 'Échec'],
    ['=?ISO-8859-1?Q?Caf=E9_cr=E8me?=', 'Café crème'],
    ['=?iso-8859-1?q?a=5Fb?=', 'a_b'], // encoded underscore stays an underscore
    ['=?ISO-2022-JP?B?' + b64('\x1b$BF|K\\8l\x1b(B') + '?=', '日本語'],
    ['=?Shift_JIS?B?' + b64('\x93\xfa\x96\x7b\x8c\xea') + '?=', '日本語'],
    ['=?EUC-JP?B?' + b64('\xc6\xfc\xcb\xdc\xb8\xec') + '?=', '日本語'],
    ['=?utf-8*en?Q?hello?=', 'hello'], // RFC 2231 language suffix
    ['Re: =?utf-8?Q?caf=C3=A9?= menu', 'Re: café menu'],
    ['=?x-unknown?Q?caf=C3=A9?=', 'café'], // unknown charset: UTF-8 when valid
    ['no words here', 'no words here'],
    ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(decodeEncodedWords(input), expected, input);
});

test('decodeEncodedWords joins adjacent words, dropping the whitespace between them', () => {
  const bytes = Buffer.from('日本語', 'utf8').toString('latin1');
  // A three-byte character split across two words only decodes if the bytes are joined first.
  const split = `=?UTF-8?B?${b64(bytes.slice(0, 4))}?=\n =?UTF-8?B?${b64(bytes.slice(4))}?=`;
  const jis =
    '=?ISO-2022-JP?B?' + b64('\x1b$BF|\x1b(B') + '?= =?ISO-2022-JP?B?' + b64('\x1b$BK\\8l\x1b(B') + '?=';
  const cases: [string, string][] = [
    [split, '日本語'],
    ['=?utf-8?Q?a?= =?utf-8?Q?b?=', 'ab'],
    ['=?utf-8?Q?a?=\t =?iso-8859-1?Q?=E9?=', 'aé'], // different charsets, still adjacent
    ['=?utf-8?Q?a?= x =?utf-8?Q?b?=', 'a x b'], // text between: kept
    [jis, '日本語'],
  ];
  for (const [input, expected] of cases) assert.equal(decodeEncodedWords(input), expected, input);
});

test('decodeEncodedWords leaves broken words as written', () => {
  const cases: [string, string][] = [
    ['=?utf-8?B?not base64!?=', '=?utf-8?B?not base64!?='],
    ['=?utf-8?X?abc?=', '=?utf-8?X?abc?='],
    ['=?utf-8?Q?unterminated', '=?utf-8?Q?unterminated'],
    ['=??Q?abc?=', '=??Q?abc?='],
    ['=?', '=?'],
    ['a =?utf-8?Q?b', 'a =?utf-8?Q?b'],
    ['=?utf-8?B?bad!?= =?utf-8?Q?ok?=', '=?utf-8?B?bad!?= ok'],
    ['=?utf-8?Q?runs into =?utf-8?Q?ok?=', '=?utf-8?Q?runs into ok'], // a raw '?' ends a word
  ];
  for (const [input, expected] of cases) assert.equal(decodeEncodedWords(input), expected, input);
});

test('decodeEncodedWords stays linear on many unterminated or broken words', () => {
  const unterminated = '=?utf-8?Q?abc '.repeat(100_000);
  const broken = '=?utf-8?Q?a '.repeat(100_000) + '?=';
  const started = performance.now();
  assert.equal(decodeEncodedWords(unterminated), unterminated);
  const decoded = decodeEncodedWords(broken);
  assert.equal(decoded, '=?utf-8?Q?a '.repeat(99_999) + 'a ');
  assert.ok(performance.now() - started < 1000);
});
