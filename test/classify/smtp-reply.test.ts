import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REASON_NAMES, type Reason } from '../../src/classify/reasons.js';
import { classifySmtpReply } from '../../src/classify/smtp-reply.js';

/**
 * One reply per reason that a server can say during a session, in our own words, with the reason
 * expected. Reasons that come from report structure, not from a reply (feedback, vacation, delivered
 * by a 2xx, onhold and undefined by the absence of words), are covered by classify.test.ts.
 */
const REPLIES: [number, string, Reason, string?][] = [
  [
    550,
    '5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in local recipient table',
    'userunknown',
    'RCPT',
  ],
  [550, '5.1.2 <a@nowhere.example>: Recipient address rejected: Domain not found', 'hostunknown', 'RCPT'],
  [550, '5.1.6 The recipient has moved and no forwarding address is known', 'hasmoved', 'RCPT'],
  [556, '5.1.10 Recipient address has null MX', 'notaccept', 'RCPT'],
  [552, '5.2.2 <a@example.org>: Mailbox full', 'mailboxfull', 'RCPT'],
  [552, '5.3.4 Message size exceeds fixed limit', 'mesgtoobig', 'DATA'],
  [550, '5.2.1 The email account that you tried to reach is disabled', 'suspend', 'RCPT'],
  [421, '4.4.2 Connection timed out while receiving the message', 'expired', 'DATA'],
  [
    554,
    '5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
    'blocked',
    'RCPT',
  ],
  [550, '5.7.1 Our system has detected that this message is likely unsolicited mail', 'spamdetected', 'DATA'],
  [
    550,
    '5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass)',
    'authfailure',
    'DATA',
  ],
  [550, '5.7.25 The IP address sending this message does not have a PTR record set up', 'requireptr', 'MAIL'],
  [554, '5.7.1 Relay access denied', 'norelaying', 'RCPT'],
  [421, '4.7.0 Too many concurrent SMTP connections from this IP address', 'toomanyconn', 'CONN'],
  [452, '4.3.1 Insufficient system storage', 'systemfull', 'RCPT'],
  [554, '5.7.1 Message rejected because it contains a virus', 'virusdetected', 'DATA'],
];

test('classifySmtpReply: one reply per reason, in the same taxonomy as bounce mails', () => {
  for (const [code, text, reason, command] of REPLIES) {
    const verdict = classifySmtpReply(code, text, command);
    assert.equal(verdict.reason, reason, text);
    assert.equal(verdict.replyCode, code);
    assert.ok(verdict.evidence.rule.length > 0);
    assert.ok(REASON_NAMES.includes(verdict.reason));
  }
});

test('classifySmtpReply: status, kind, blocklist and hardBounce', () => {
  const spamhaus = classifySmtpReply(
    554,
    '5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
  );
  assert.equal(spamhaus.kind, 'sender');
  assert.equal(spamhaus.blocklist, 'Spamhaus');
  assert.equal(spamhaus.hardBounce, false);
  assert.equal(spamhaus.status, '5.7.1');
  const unknown = classifySmtpReply(550, '550 5.1.1 user unknown', 'rcpt');
  assert.equal(unknown.kind, 'hard');
  assert.equal(unknown.hardBounce, true);
  assert.equal(unknown.smtpCommand, 'RCPT');
  assert.equal(classifySmtpReply(250, '2.0.0 Ok: queued as 4ABC').reason, 'delivered');
  // A 4xx is never a hard bounce, whatever it says.
  assert.equal(
    classifySmtpReply(450, '4.1.1 <a@example.org>: Recipient address rejected: User unknown').hardBounce,
    false,
  );
});
