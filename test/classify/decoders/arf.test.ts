import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

function report(fields: string[], original: string[]): string {
  return [
    'From: fbl@isp.example',
    'Subject: complaint',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="f"',
    '',
    '--f',
    'Content-Type: text/plain',
    '',
    'An abuse report.',
    '--f',
    'Content-Type: message/feedback-report',
    '',
    ...fields,
    '--f',
    'Content-Type: message/rfc822',
    '',
    ...original,
    '',
    'body',
    '--f--',
  ].join('\n');
}

test('arf: every Original-Rcpt-To is a complaint, with the feedback type', () => {
  const mail = report(
    [
      'Feedback-Type: abuse',
      'Version: 1',
      'Original-Rcpt-To: one@isp.example',
      'Original-Rcpt-To: <Two@ISP.example>',
    ],
    ['From: news@example.net', 'To: undisclosed-recipients:;', 'Subject: offers'],
  );
  assert.deepEqual(
    classify(mail).map((v) => [v.recipient, v.reason, v.kind, v.feedbackType, v.decoder]),
    [
      ['one@isp.example', 'feedback', 'complaint', 'abuse', 'arf'],
      ['two@isp.example', 'feedback', 'complaint', 'abuse', 'arf'],
    ],
  );
});

test("arf: without Original-Rcpt-To, the original's To; an opt-out keeps its type", () => {
  const mail = report(
    ['Feedback-Type: opt-out', 'Version: 1'],
    ['From: news@example.net', 'To: reader@isp.example'],
  );
  const [verdict] = classify(mail);
  assert.equal(verdict?.recipient, 'reader@isp.example');
  assert.equal(verdict?.feedbackType, 'opt-out');
  assert.ok(verdict?.evidence.rule.includes('opt-out'));
});

test("arf: Microsoft's JMRP (no feedback-report part) names the recipient in X-HmXmrOriginalRecipient", () => {
  const mail = [
    'From: staff@hotmail.com',
    'Subject: complaint about message from 192.0.2.1',
    'Content-Type: multipart/mixed; boundary="m"',
    '',
    '--m',
    'Content-Type: message/rfc822',
    '',
    'X-HmXmrOriginalRecipient: reader@outlook.example',
    'From: news@example.net',
    'To: reader@outlook.example',
    '',
    'body',
    '--m--',
  ].join('\n');
  const [verdict] = classify(mail);
  assert.equal(verdict?.recipient, 'reader@outlook.example');
  assert.equal(verdict?.reason, 'feedback');
  assert.equal(verdict?.evidence.rule, 'Microsoft JMRP complaint');
});
