import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMbox, splitMbox } from '../../src/cli/mbox.js';

const split = (text: string): string[] => splitMbox(Buffer.from(text)).map((message) => message.toString());

const cases: { name: string; input: string; messages: string[] }[] = [
  { name: 'empty file', input: '', messages: [] },
  { name: 'one blank', input: ' ', messages: [] },
  { name: 'three bytes', input: '22\n', messages: [] },
  { name: 'plain mail', input: 'Subject: a\n\nbody\n', messages: ['Subject: a\n\nbody\n'] },
  {
    name: "plain mail keeps a 'From ' line of its body",
    input: 'Subject: a\n\nFrom here on\n',
    messages: ['Subject: a\n\nFrom here on\n'],
  },
  { name: 'one message, separator stripped', input: 'From x Mon\nA: 1\n\nb\n', messages: ['A: 1\n\nb\n'] },
  {
    name: 'two messages, blank line before the separator dropped',
    input: 'From x Mon\nA: 1\n\nb\n\nFrom y Tue\nA: 2\n\nc\n',
    messages: ['A: 1\n\nb\n', 'A: 2\n\nc\n'],
  },
  {
    name: "a 'From ' line without a blank line before it is body",
    input: 'From x Mon\nA: 1\n\nb\nFrom the desk of\n',
    messages: ['A: 1\n\nb\nFrom the desk of\n'],
  },
  {
    name: 'CRLF newlines',
    input: 'From x Mon\r\nA: 1\r\n\r\nb\r\n\r\nFrom y Tue\r\nA: 2\r\n',
    messages: ['A: 1\r\n\r\nb\r\n', 'A: 2\r\n'],
  },
  {
    name: 'CR-only newlines',
    input: 'From x Mon\rA: 1\r\rb\r\rFrom y Tue\rA: 2\r',
    messages: ['A: 1\r\rb\r', 'A: 2\r'],
  },
  {
    name: 'empty messages are skipped',
    input: 'From x Mon\n\nFrom y Tue\n\nFrom z Wed\nA: 3\n',
    messages: ['A: 3\n'],
  },
  { name: "a lone 'From ' line", input: 'From x Mon', messages: [] },
  {
    name: 'several blank lines before a separator',
    input: 'From x\nA: 1\n\n\n\nFrom y\nA: 2\n',
    messages: ['A: 1\n\n\n', 'A: 2\n'],
  },
];

for (const { name, input, messages } of cases) {
  test(`splitMbox: ${name}`, () => {
    assert.deepEqual(split(input), messages);
  });
}

test('isMbox looks at the first five bytes only', () => {
  assert.equal(isMbox(Buffer.from('From MAILER-DAEMON')), true);
  assert.equal(isMbox(Buffer.from('Return-Path: <>\nFrom x')), false);
  assert.equal(isMbox(Buffer.from('From')), false);
  assert.equal(isMbox(new Uint8Array()), false);
});

test('splitMbox accepts a plain Uint8Array and returns views, not copies', () => {
  const bytes = new TextEncoder().encode('From x\nA: 1\n');
  const [message] = splitMbox(bytes);
  assert.ok(message);
  assert.equal(message.buffer, bytes.buffer);
  assert.equal(message.toString(), 'A: 1\n');
});
