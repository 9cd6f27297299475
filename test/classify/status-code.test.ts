import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  findReplyCode,
  findStatus,
  isGenericStatus,
  parseStatus,
  reasonOfStatus,
} from '../../src/classify/status-code.js';

test('findStatus finds the enhanced code in reply text', () => {
  const cases: [string, string | undefined][] = [
    ['550 5.1.1 <a@example.org>: Recipient address rejected', '5.1.1'],
    ['552-5.2.2 The email account that you tried to reach is over quota', '5.2.2'],
    ['smtp; 554 5.7.1 Service unavailable', '5.7.1'],
    ['#5.1.10 null MX', '5.1.10'],
    ['host 192.0.2.1 said: 450 4.7.1 try later', '4.7.1'],
    ['version 1.2.3.4 of something', undefined],
    ['no code here', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(findStatus(text), expected, text);
});

test('parseStatus normalises a Status field', () => {
  assert.equal(parseStatus('5.01.001'), '5.1.1');
  assert.equal(parseStatus('4.4.7 (delivery expired)'), '4.4.7');
  assert.equal(parseStatus('failed'), undefined);
  assert.equal(parseStatus(undefined), undefined);
});

test('findReplyCode', () => {
  const cases: [string, number | undefined][] = [
    ['550 5.1.1 user unknown', 550],
    ['550-5.1.1 The email account', 550],
    ['host mx.example.org[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)', 452],
    ['(reason: 554 delivery error)', 554],
    ['Mailbox full', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(findReplyCode(text), expected, text);
});

test('reasonOfStatus: single-meaning codes only', () => {
  assert.equal(reasonOfStatus('5.1.1'), 'userunknown');
  assert.equal(reasonOfStatus('5.1.2'), 'hostunknown');
  assert.equal(reasonOfStatus('5.2.2'), 'mailboxfull');
  assert.equal(reasonOfStatus('5.2.0'), 'filtered');
  assert.equal(reasonOfStatus('4.4.7'), 'expired');
  assert.equal(reasonOfStatus('5.7.25'), 'requireptr');
  assert.equal(reasonOfStatus('5.7.26'), 'authfailure');
  assert.equal(reasonOfStatus('2.0.0'), 'delivered');
  assert.ok(isGenericStatus('5.7.1'));
  assert.ok(isGenericStatus('5.0.0'));
  assert.ok(isGenericStatus(undefined));
});
