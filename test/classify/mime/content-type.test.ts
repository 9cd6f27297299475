import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseContentType } from '../../../src/classify/mime/content-type.js';

test('parseContentType reads type/subtype and parameters', () => {
  const cases: [string | undefined, string, Record<string, string>][] = [
    ['text/plain; charset=us-ascii', 'text/plain', { charset: 'us-ascii' }],
    ['Text/HTML;CHARSET="UTF-8"', 'text/html', { charset: 'UTF-8' }],
    [
      'multipart/report; report-type=delivery-status;\tboundary="----=_Part_1 2"',
      'multipart/report',
      { 'report-type': 'delivery-status', boundary: '----=_Part_1 2' },
    ],
    ['multipart/mixed; boundary="a\\"b\\\\c"', 'multipart/mixed', { boundary: 'a"b\\c' }],
    ['multipart/mixed; boundary="unterminated', 'multipart/mixed', { boundary: 'unterminated' }],
    ['text/plain charset=utf-8', 'text/plain', { charset: 'utf-8' }], // missing ';'
    ['text/plain; charset = "x" ; ; format=flowed', 'text/plain', { charset: 'x', format: 'flowed' }],
    ['text/plain; charset=a; charset=b', 'text/plain', { charset: 'a' }], // first wins
    ['text/plain; novalue; x=1', 'text/plain', { x: '1' }],
    ['garbage', '', {}],
    ['text/', '', {}],
    ['/plain', '', {}],
    ['', '', {}],
    [undefined, '', {}],
  ];
  for (const [input, type, params] of cases) {
    const parsed = parseContentType(input);
    assert.equal(parsed.type, type, String(input));
    assert.deepEqual(Object.fromEntries(parsed.params), params, String(input));
  }
});

test('parseContentType joins RFC 2231 continuations and decodes extended values', () => {
  const cases: [string, Record<string, string>][] = [
    ["application/x; name*=utf-8''%E6%97%A5%E6%9C%AC.txt", { name: '日本.txt' }],
    ['application/x; name*0="long"; name*1="-name"; name*2=".pdf"', { name: 'long-name.pdf' }],
    ["application/x; name*1*=%E6%9C%AC; name*0*=utf-8'ja'%E6%97%A5", { name: '日本' }], // out of order
    ['application/x; name*0*=iso-8859-1\'\'caf%E9; name*1=" au lait"', { name: 'café au lait' }],
    ['application/x; boundary*0=ab; boundary*1=cd', { boundary: 'abcd' }],
    ['application/x; name*x=bad', {}],
  ];
  for (const [input, params] of cases) {
    assert.deepEqual(Object.fromEntries(parseContentType(input).params), params, input);
  }
});
