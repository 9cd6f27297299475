import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseNewlines } from '../../../src/classify/mime/binary-string.js';
import { parseHeaderBlock } from '../../../src/classify/mime/header-block.js';

const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

test('parseHeaderBlock splits head and body and unfolds values', () => {
  const text = [
    'Subject: a folded',
    '\tsubject line',
    'From: MAILER-DAEMON@example.org',
    'Received: from a',
    '    by b;',
    '    Thu, 1 Jan 2024 00:00:00 +0000',
    'received: from c',
    'X-Empty:',
    '',
    'Body: is not a header',
  ].join('\n');
  const { headers, bodyStart } = parseHeaderBlock(text);
  assert.equal(text.slice(bodyStart), 'Body: is not a header');
  assert.equal(headers.get('subject'), 'a folded\tsubject line');
  assert.equal(headers.get('SUBJECT'), 'a folded\tsubject line');
  assert.deepEqual(headers.getAll('Received'), [
    'from a    by b;    Thu, 1 Jan 2024 00:00:00 +0000',
    'from c',
  ]);
  assert.equal(headers.get('x-empty'), '');
  assert.equal(headers.has('x-empty'), true);
  assert.equal(headers.has('body'), false);
  assert.equal(headers.get('missing'), undefined);
  assert.deepEqual(headers.getAll('missing'), []);
  assert.deepEqual(headers.names(), ['subject', 'from', 'received', 'received', 'x-empty']);
});

test('parseHeaderBlock reads the same block with LF, CRLF and CR newlines', () => {
  const lines = ['Subject: one', ' two', 'To: a@example.org', '', 'body'];
  for (const newline of ['\n', '\r\n', '\r']) {
    const text = normaliseNewlines(lines.join(newline));
    const { headers, bodyStart } = parseHeaderBlock(text);
    assert.equal(headers.get('subject'), 'one two', JSON.stringify(newline));
    assert.equal(headers.get('to'), 'a@example.org');
    assert.equal(text.slice(bodyStart), 'body');
  }
});

test('parseHeaderBlock decodes RFC 2047 words and raw 8-bit values', () => {
  const text = [
    'Subject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=',
    'X-Q: =?iso-8859-1?Q?caf=E9?= au =?utf-8?Q?lait?=',
    'X-Raw-Utf8: ' + utf8('配信失敗'),
    'X-Raw-Latin1: caf\xe9',
    'Content-Type: text/plain; charset=shift_jis',
    'X-Raw-Sjis: \x93\xfa\x96\x7b\x8c\xea',
    '',
  ].join('\n');
  const { headers } = parseHeaderBlock(text);
  assert.equal(headers.get('subject'), '日本語');
  assert.equal(headers.get('x-q'), 'café au lait');
  assert.equal(headers.get('x-raw-utf8'), '配信失敗');
  assert.equal(headers.get('x-raw-sjis'), '日本語'); // the block's own charset is the hint
  assert.equal(headers.raw('x-q'), ' =?iso-8859-1?Q?caf=E9?= au =?utf-8?Q?lait?=');
});

test('parseHeaderBlock also reads already-decoded text', () => {
  const { headers } = parseHeaderBlock('Subject: 配信失敗 café\nX-Latin: café\n\n');
  assert.equal(headers.get('subject'), '配信失敗 café');
  assert.equal(headers.get('x-latin'), 'café');
});

test('parseHeaderBlock tolerates garbage and missing separators', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['From MAILER-DAEMON Thu Jan  1 00:00:00 2024\nSubject: mbox\n\nbody', { subject: 'mbox' }, 'body'],
    ['Subject: no blank line\n--boundary\nmore', { subject: 'no blank line' }, '--boundary\nmore'],
    ['just text\nand more text\n', {}, 'just text\nand more text\n'],
    ['\nbody only', {}, 'body only'],
    ['Subject : spaced colon\n\n', { subject: 'spaced colon' }, ''],
    ['Subject: truncated', { subject: 'truncated' }, ''],
    [' leading space\nSubject: x\n\nb', { subject: 'x' }, 'b'],
    [':no name\n\nb', {}, ':no name\n\nb'],
    ['', {}, ''],
  ];
  for (const [text, expected, body] of cases) {
    const { headers, bodyStart } = parseHeaderBlock(text);
    const got = Object.fromEntries(headers.names().map((name) => [name, headers.get(name) ?? '']));
    assert.deepEqual(got, expected, JSON.stringify(text));
    assert.equal(text.slice(bodyStart), body, JSON.stringify(text));
  }
});

test('parseHeaderBlock indexes large blocks', () => {
  const lines = Array.from({ length: 500 }, (_, i) => `X-Field-${i % 100}: ${i}`);
  const { headers } = parseHeaderBlock(lines.join('\n') + '\n\n');
  assert.equal(headers.get('x-field-7'), '7');
  assert.deepEqual(headers.getAll('X-FIELD-99'), ['99', '199', '299', '399', '499']);
  assert.equal(headers.has('x-field-100'), false);
});

test('parseHeaderBlock lower-cases names whatever their case, from block to block', () => {
  // The lower-case names are kept from one block to the next: a name seen before, in any case, and
  // names of equal length and letters in another order must still come out as written, lower-cased.
  for (const block of ['Ab: 1\nBA: 2\nab: 3\n', 'aB: 1\nba: 2\nAB: 3\n', 'X-Zz-Top: 1\nx-zz-TOP: 2\n']) {
    const { headers } = parseHeaderBlock(block + '\n');
    const expected = block
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
    assert.deepEqual(headers.names(), expected, block);
  }
  const { headers } = parseHeaderBlock('Ab: 1\nBA: 2\nab: 3\n\n');
  assert.deepEqual(headers.getAll('AB'), ['1', '3']);
  assert.deepEqual(headers.getAll('ba'), ['2']);
});
