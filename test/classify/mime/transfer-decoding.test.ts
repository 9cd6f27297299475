import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeBase64,
  decodeQuotedPrintable,
  decodeTransfer,
} from '../../../src/classify/mime/transfer-decoding.js';

test('decodeBase64 tolerates line breaks, junk, missing and inner padding', () => {
  const cases: [string, string][] = [
    ['aGVsbG8gd29ybGQ=', 'hello world'],
    ['aGVsbG8g\nd29y\nbGQ=\n', 'hello world'],
    ['aGVsbG8gd29ybGQ', 'hello world'], // no padding
    ['aGVs*bG8g!d29y bGQ=', 'hello world'], // junk characters skipped
    ['aGVsbG8=\nIHdvcmxk\n', 'hello world'], // a padded chunk per line
    ['aGk=\naGk=\n', 'hihi'],
    ['', ''],
    ['====', ''],
    ['!!!!', ''],
    ['/+8=', '\xff\xef'],
  ];
  for (const [input, expected] of cases) assert.equal(decodeBase64(input), expected, JSON.stringify(input));
});

test('decodeQuotedPrintable decodes escapes and soft breaks, keeps malformed escapes', () => {
  const cases: [string, string][] = [
    ['caf=C3=A9', 'caf\xc3\xa9'],
    ['caf=c3=a9', 'caf\xc3\xa9'], // lower-case hex is tolerated
    ['long line=\ncontinued', 'long linecontinued'],
    ['long line=  \t\ncontinued', 'long linecontinued'], // whitespace added after the soft break
    ['a=3Db', 'a=b'],
    ['100% =ZZ sure', '100% =ZZ sure'],
    ['ends with =', 'ends with '],
    ['=', ''],
    ['a = b', 'a = b'],
    ['no escapes', 'no escapes'],
    ['=1', '=1'],
  ];
  for (const [input, expected] of cases)
    assert.equal(decodeQuotedPrintable(input), expected, JSON.stringify(input));
});

test('decodeTransfer picks the decoder by name, case-insensitively; others pass through', () => {
  const cases: [string, string | undefined, string][] = [
    ['aGk=', 'base64', 'hi'],
    ['aGk=', ' BASE64 ', 'hi'],
    ['h=69', 'Quoted-Printable', 'hi'],
    ['h=69', '7bit', 'h=69'],
    ['h=69', '8bit', 'h=69'],
    ['h=69', 'binary', 'h=69'],
    ['h=69', 'x-unknown', 'h=69'],
    ['h=69', undefined, 'h=69'],
  ];
  for (const [input, encoding, expected] of cases) assert.equal(decodeTransfer(input, encoding), expected);
});
