import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../src/classify/classify.js';

/** A minimal RFC 3464 report; `fields` are the per-recipient lines. */
function dsn(
  fields: string[],
  original = 'Message-ID: <c1@example.net>\nFrom: crm+t0k3n@example.net\nX-Campaign: nov\nSubject: Hi\n',
): string {
  return [
    'From: MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    'To: crm+t0k3n@example.net',
    'Subject: Undelivered Mail Returned to Sender',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    ...fields,
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    original,
    '--b1--',
    '',
  ].join('\r\n');
}

test('a failed recipient: every verdict field, with evidence and the original send', () => {
  const [verdict, ...rest] = classify(
    dsn([
      'Final-Recipient: rfc822; Nobody@Example.ORG',
      'Action: failed',
      'Status: 5.1.1',
      'Remote-MTA: dns; mx.example.org',
      'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
      'Last-Attempt-Date: Fri, 20 Nov 2026 09:12:44 +0000',
    ]),
  );
  assert.equal(rest.length, 0);
  assert.ok(verdict);
  assert.equal(verdict.recipient, 'nobody@example.org');
  assert.equal(verdict.reason, 'userunknown');
  assert.equal(verdict.kind, 'hard');
  assert.equal(verdict.hardBounce, true);
  assert.equal(verdict.status, '5.1.1');
  assert.equal(verdict.replyCode, 550);
  assert.equal(verdict.action, 'failed');
  assert.equal(verdict.smtpCommand, 'RCPT');
  assert.equal(verdict.remoteMta, 'mx.example.org');
  assert.equal(verdict.reportingMta, 'mx.example.net');
  assert.equal(verdict.date, '2026-11-20T09:12:44.000Z');
  assert.equal(verdict.original.messageId, '<c1@example.net>');
  assert.equal(verdict.original.sender, 'crm+t0k3n@example.net');
  assert.deepEqual(verdict.original.xHeaders, { 'x-campaign': 'nov' });
  assert.ok(verdict.decoder.length > 0);
  assert.equal(verdict.evidence.matched, 'user unknown');
});

test('delivered, delayed and several recipients', () => {
  const verdicts = classify(
    dsn([
      'Final-Recipient: rfc822; ok@example.org',
      'Action: delivered',
      'Status: 2.0.0',
      '',
      'Final-Recipient: rfc822; later@example.org',
      'Action: delayed',
      'Status: 4.4.7',
      '',
      'Final-Recipient: rfc822; full@example.org',
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full',
    ]),
  );
  assert.deepEqual(
    verdicts.map((v) => [v.recipient, v.reason, v.kind]),
    [
      ['ok@example.org', 'delivered', 'delivered'],
      ['later@example.org', 'expired', 'soft'],
      ['full@example.org', 'mailboxfull', 'soft'],
    ],
  );
});

test('a failure that says nothing is onhold; a mail that is no bounce gives no verdict', () => {
  const [held] = classify(dsn(['Final-Recipient: rfc822; a@example.org', 'Action: failed']));
  assert.equal(held?.reason, 'onhold');
  assert.equal(held?.kind, 'undetermined');
  assert.deepEqual(
    classify('From: a@example.org\nTo: b@example.org\nSubject: lunch?\n\nSee you at noon.\n'),
    [],
  );
  assert.deepEqual(classify(''), []);
  assert.deepEqual(classify(new Uint8Array([0, 1, 2, 255])), []);
});

test('an ARF complaint and an auto-reply are no bounces', () => {
  const arf = [
    'From: fbl@isp.example',
    'Subject: FW: spam report',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="f"',
    '',
    '--f',
    'Content-Type: text/plain',
    '',
    'This is an abuse report.',
    '--f',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: ExampleFBL/1.0',
    'Version: 1',
    'Original-Rcpt-To: <reader@isp.example>',
    '--f',
    'Content-Type: message/rfc822',
    '',
    'From: news@example.net',
    'To: reader@isp.example',
    'Subject: offers',
    '',
    'body',
    '--f--',
  ].join('\n');
  const [complaint] = classify(arf);
  assert.equal(complaint?.reason, 'feedback');
  assert.equal(complaint?.kind, 'complaint');
  assert.equal(complaint?.feedbackType, 'abuse');
  assert.equal(complaint?.recipient, 'reader@isp.example');

  const away =
    'From: Neko <neko@example.org>\nTo: crm@example.net\nAuto-Submitted: auto-replied\nSubject: Out of office\n\nBack on Monday.\n';
  const [vacation] = classify(away);
  assert.equal(vacation?.reason, 'vacation');
  assert.equal(vacation?.kind, 'autoreply');
  assert.equal(vacation?.recipient, 'neko@example.org');
});

test('LF, CRLF and CR-only newlines give the same verdicts', () => {
  const crlf = dsn(['Final-Recipient: rfc822; a@example.org', 'Action: failed', 'Status: 5.2.2']);
  const lf = crlf.replaceAll('\r\n', '\n');
  const cr = crlf.replaceAll('\r\n', '\r');
  const expected = classify(crlf).map((v) => [v.recipient, v.reason, v.status]);
  assert.deepEqual(expected, [['a@example.org', 'mailboxfull', '5.2.2']]);
  assert.deepEqual(
    classify(lf).map((v) => [v.recipient, v.reason, v.status]),
    expected,
  );
  assert.deepEqual(
    classify(cr).map((v) => [v.recipient, v.reason, v.status]),
    expected,
  );
});
