import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMessage } from '../../../src/classify/mime/parse-message.js';

const DSN = [
  'Return-Path: <>',
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
  'Subject: =?UTF-8?B?5Yiw6YGU5aSx5pWX?=',
  'Content-Type: multipart/report; report-type=delivery-status;',
  '\tboundary="BOUNDARY.1"',
  '',
  'This is a MIME-encapsulated message.',
  '',
  '--BOUNDARY.1',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'I could not deliver your message.',
  '<kijitora@example.jp>: 550 5.1.1 user unknown',
  '',
  '--BOUNDARY.1',
  'Content-Type: message/delivery-status',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from(
    'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; kijitora@example.jp\nStatus: 5.1.1\n',
  ).toString('base64'),
  '',
  '--BOUNDARY.1',
  'Content-Type: message/rfc822',
  '',
  'Message-ID: <original@example.com>',
  'Subject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=',
  'X-Campaign-Id: 42',
  '',
  'the original body',
  '--BOUNDARY.1--',
  '',
];

test('parseMessage reads a delivery status notification the same with LF, CRLF and CR', () => {
  for (const newline of ['\n', '\r\n', '\r']) {
    const raw = Buffer.from(DSN.join(newline), 'latin1');
    const mail = parseMessage(raw);
    const label = JSON.stringify(newline);
    assert.equal(mail.headers.get('subject'), '到達失敗', label);
    assert.deepEqual(
      mail.leaves.map((leaf) => leaf.contentType),
      ['text/plain', 'message/delivery-status', 'message/rfc822'],
      label,
    );
    assert.equal(
      mail.text(),
      'I could not deliver your message.\n<kijitora@example.jp>: 550 5.1.1 user unknown\n',
    );
    assert.equal(
      mail.deliveryStatus(),
      'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; kijitora@example.jp\nStatus: 5.1.1\n',
    );
    assert.equal(mail.original?.headers.get('message-id'), '<original@example.com>', label);
    assert.equal(mail.original?.headers.get('subject'), '日本語');
    assert.equal(mail.original?.headers.get('x-campaign-id'), '42');
  }
});

test('parseMessage accepts a string as well as bytes', () => {
  const mail = parseMessage('Subject: caf\u00e9 \u914d\u4fe1\n\nbody \u914d\u4fe1');
  assert.equal(mail.headers.get('subject'), 'café 配信');
  assert.equal(mail.text(), 'body 配信');
});

test('parseMessage joins several delivery-status parts, QP-encoded too', () => {
  const raw = [
    'Content-Type: multipart/report; boundary=b',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Status: 5.1.1',
    '--b',
    'Content-Type: message/global-delivery-status',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Final-Recipient: rfc822; =E9@example.org',
    '--b--',
  ].join('\n');
  const mail = parseMessage(raw);
  assert.equal(mail.deliveryStatus(), 'Status: 5.1.1\nFinal-Recipient: rfc822; \xe9@example.org');
  assert.equal(mail.text(), '');
});

test('parseMessage text(): plain first, then html, then a single part body unless binary', () => {
  const multipart = (...parts: string[]): string =>
    'Content-Type: multipart/mixed; boundary=p\n\n' +
    parts.map((part) => `--p\n${part}\n`).join('') +
    '--p--';
  const cases: [string, string][] = [
    [multipart('Content-Type: text/html\n\n<p>html</p>', 'Content-Type: text/plain\n\nplain'), 'plain'],
    [
      multipart('Content-Type: text/html\n\n<p>550 &lt;a@b&gt;</p>', 'Content-Type: image/png\n\nPNG'),
      '550 <a@b>',
    ],
    [multipart('Content-Type: message/delivery-status\n\nStatus: 5.0.0'), ''],
    ['Content-Type: message/delivery-status\n\nStatus: 5.0.0', 'Status: 5.0.0'],
    ['Subject: no content type\n\nhello', 'hello'],
    ['Content-Type: text/html\n\n<b>hi</b>', 'hi'],
    ['Content-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lGODlh', ''],
    ['Content-Type: application/octet-stream\n\n\x00\x01', ''],
    ['Content-Type: application/json\n\n{"a":1}', '{"a":1}'],
    ['Content-Type: application/soap+xml\n\n<a>x</a>', '<a>x</a>'],
  ];
  for (const [raw, expected] of cases) assert.equal(parseMessage(raw).text(), expected, raw);
});

test('parseMessage never throws and degrades on empty, garbage and hostile input', () => {
  const nested =
    Array.from({ length: 100 }, (_, i) => `Content-Type: multipart/mixed; boundary=n${i}\n\n--n${i}\n`).join(
      '',
    ) + 'Content-Type: text/plain\n\ndeep';
  const cases: (string | Uint8Array)[] = [
    '',
    new Uint8Array(0),
    '\n',
    '\r\n\r\n',
    'garbage without structure',
    new Uint8Array(4096).map((_, i) => (i * 7919) % 256),
    'Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: message/rfc822\n\n',
    'Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Transfer-Encoding: base64\n\n=?=?=?',
    'Subject: =?utf-8?B?\n\n',
    nested,
    'Content-Type: text/plain; charset="\n\n\xff\xfe',
  ];
  for (const raw of cases) {
    const mail = parseMessage(raw);
    assert.equal(typeof mail.text(), 'string');
    assert.equal(typeof mail.deliveryStatus(), 'string');
    for (const leaf of mail.leaves) assert.equal(typeof leaf.text(), 'string');
    mail.original?.headers.names();
  }
  const empty = parseMessage('');
  assert.deepEqual(empty.headers.names(), []);
  assert.deepEqual(empty.leaves, []);
  assert.equal(empty.text(), '');
  assert.equal(empty.original, undefined);
  assert.equal(parseMessage(nested).leaves.length, 1);
});

test('parseMessage does not decode an attachment nobody reads', () => {
  const attachment = 'QUFB'.repeat(5_000_000 / 4); // 5 MB of base64
  const raw = [
    'Content-Type: multipart/mixed; boundary=z',
    '',
    '--z',
    'Content-Type: text/plain',
    '',
    'see attachment',
    '--z',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    '',
    attachment,
    '--z--',
  ].join('\n');
  const started = performance.now();
  const mail = parseMessage(raw);
  assert.equal(mail.text(), 'see attachment');
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 200, `took ${elapsed} ms`);
  assert.equal(mail.leaves[1]?.text().length, 3_750_000); // decoded only when asked
});

test('parseMessage decodes the text of an all-ASCII mail as before: as is, but UTF-16 and encoded parts', () => {
  const mail = (type: string, encoding: string, body: string): string =>
    `Content-Type: ${type}\nContent-Transfer-Encoding: ${encoding}\n\n${body}`;
  const bytes = (text: string): Uint8Array => Buffer.from(text, 'latin1');
  assert.equal(
    parseMessage(bytes(mail('text/plain; charset=iso-8859-1', '7bit', 'plain\n'))).text(),
    'plain\n',
  );
  assert.equal(parseMessage(bytes(mail('text/plain; charset=utf-16be', '7bit', '\x00h\x00i'))).text(), 'hi');
  assert.equal(
    parseMessage(bytes(mail('text/plain; charset=utf-8', 'quoted-printable', 'caf=C3=A9'))).text(),
    'café',
  );
  assert.equal(parseMessage(bytes(mail('text/plain; charset=utf-8', 'base64', 'Y2Fmw6k='))).text(), 'café');
});
