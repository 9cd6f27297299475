import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHeaderBlock } from '../../../src/classify/mime/header-block.js';
import { MAX_PARTS, splitMultipart, walkTree } from '../../../src/classify/mime/mime-tree.js';

function walk(text: string): ReturnType<typeof walkTree> {
  const { headers, bodyStart } = parseHeaderBlock(text);
  return walkTree(headers, text.slice(bodyStart));
}

test('splitMultipart finds delimiter lines only', () => {
  const cases: [string, string[]][] = [
    ['preamble\n--b\none\n--b\ntwo\n--b--\nepilogue', ['one', 'two']],
    ['--b\none\n--b--', ['one']], // delimiter at the very start
    ['--b  \none\n--b--\t\n', ['one']], // trailing whitespace on delimiter lines
    ['--b\none\n--b\ntwo', ['one', 'two']], // missing close delimiter
    ['--b\nsee --b inline\n--bc\n--b--', ['see --b inline\n--bc']], // not at line start / longer boundary
    ['--b\n\n--b--', ['']],
    ['--b\n--b\n--b--', ['', '']],
    ['no delimiters at all', []],
    ['--b--\n--b\nafter close', []],
  ];
  for (const [body, parts] of cases)
    assert.deepEqual(splitMultipart(body, 'b', 100), parts, JSON.stringify(body));
  assert.deepEqual(splitMultipart('--b\n1\n--b\n2\n--b\n3\n--b--', 'b', 2), ['1', '2']);
});

test('walkTree lists leaves in document order through nested multiparts', () => {
  const text = [
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary=inner',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'plain',
    '--inner',
    'Content-Type: text/html',
    '',
    '<p>html</p>',
    '--inner--',
    '--outer',
    'Content-Type: message/delivery-status',
    '',
    'Status: 5.1.1',
    '--outer',
    '',
    'no headers: text/plain by default',
    '--outer--',
  ].join('\n');
  const tree = walk(text);
  assert.deepEqual(
    tree.leaves.map((leaf) => leaf.contentType),
    ['text/plain', 'text/html', 'message/delivery-status', 'text/plain'],
  );
  assert.deepEqual(
    tree.leaves.map((leaf) => leaf.text()),
    ['plain', '<p>html</p>', 'Status: 5.1.1', 'no headers: text/plain by default'],
  );
  assert.equal(tree.original, undefined);
});

test('walkTree takes the first original and does not descend into it', () => {
  const text = [
    'Content-Type: multipart/report; boundary=r',
    '',
    '--r',
    'Content-Type: text/rfc822-headers',
    '',
    'Message-ID: <first@example.org>',
    'Subject: first',
    '--r',
    'Content-Type: message/rfc822',
    '',
    '',
    'Message-ID: <second@example.org>',
    'Content-Type: multipart/mixed; boundary=inside',
    '',
    '--inside',
    'Content-Type: text/plain',
    '',
    'a part of the original',
    '--inside--',
    '--r--',
  ].join('\n');
  const tree = walk(text);
  assert.deepEqual(
    tree.leaves.map((leaf) => leaf.contentType),
    ['text/rfc822-headers', 'message/rfc822'],
  );
  assert.equal(tree.original?.get('message-id'), '<first@example.org>');
});

test('walkTree reads an encoded original and digest defaults', () => {
  const original = Buffer.from('Subject: encoded\r\nMessage-ID: <b64@example.org>\r\n\r\nbody').toString(
    'base64',
  );
  const text = [
    'Content-Type: multipart/digest; boundary=d',
    '',
    '--d',
    'Content-Transfer-Encoding: base64',
    '',
    original,
    '--d--',
  ].join('\n');
  const tree = walk(text);
  assert.deepEqual(
    tree.leaves.map((leaf) => leaf.contentType),
    ['message/rfc822'],
  );
  assert.equal(tree.original?.get('message-id'), '<b64@example.org>');
  assert.equal(tree.original?.get('subject'), 'encoded');
});

test('walkTree degrades a multipart without a usable boundary to a text leaf', () => {
  for (const header of [
    'multipart/mixed',
    'multipart/mixed; boundary=""',
    'multipart/mixed; boundary=absent',
  ]) {
    const tree = walk(`Content-Type: ${header}\n\njust text`);
    assert.deepEqual(
      tree.leaves.map((leaf) => [leaf.contentType, leaf.text()]),
      [['text/plain', 'just text']],
      header,
    );
  }
});

test('walkTree caps depth and part count without throwing', () => {
  const depth = 100;
  let nested = 'Content-Type: text/plain\n\ndeepest';
  for (let i = depth; i > 0; i--)
    nested = `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n${nested}\n--b${i}--`;
  const deep = walk(nested);
  assert.equal(deep.leaves.length, 1);
  assert.equal(deep.leaves[0]?.contentType, 'multipart/mixed'); // depth 40 reached: a leaf

  const many = 'Content-Type: multipart/mixed; boundary=m\n\n' + '--m\n\nx\n'.repeat(MAX_PARTS * 3) + '--m--';
  const wide = walk(many);
  assert.equal(wide.leaves.length, MAX_PARTS - 1); // the message itself counts as a part
});

test('leaf text is transfer-decoded and charset-decoded, lazily', () => {
  const jis = Buffer.from('\x1b$BF|K\\8l\x1b(B', 'latin1').toString('base64');
  const text = [
    'Content-Type: multipart/mixed; boundary=x',
    '',
    '--x',
    'Content-Type: text/plain; charset=iso-2022-jp',
    'Content-Transfer-Encoding: base64',
    '',
    jis,
    '--x',
    'Content-Type: text/plain; charset=shift_jis',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '=93=FA=96=7B=8C=EA',
    '--x',
    'Content-Type: text/plain; charset=euc-jp',
    'Content-Transfer-Encoding: 8bit',
    '',
    '\xc6\xfc\xcb\xdc\xb8\xec',
    '--x',
    'Content-Type: text/plain; charset=windows-1252',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'caf=E9 cr=E8me=',
    ' br=FBl=E9e',
    '--x',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('line one\r\nline two\r\n').toString('base64'),
    '--x',
    'Content-Type: text/plain; charset=x-no-such-charset',
    '',
    Buffer.from('配信', 'utf8').toString('latin1'),
    '--x',
    'Content-Type: text/plain',
    'Content-Transfer-Encoding: base64',
    '',
    '!!!! ???? ****', // nothing decodable
    '--x--',
  ].join('\n');
  const texts = walk(text).leaves.map((leaf) => leaf.text());
  assert.deepEqual(texts, [
    '日本語',
    '日本語',
    '日本語',
    'café crème brûlée',
    'line one\nline two\n',
    '配信',
    '',
  ]);
});
