import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchPhrases, normalise } from '../../../src/classify/phrase-match.js';
import { PHRASES } from '../../../src/classify/phrases/index.js';
import { kindOf, type Reason } from '../../../src/classify/reasons.js';
import { resolveReason } from '../../../src/classify/resolve-reason.js';
import { commandInText } from '../../../src/classify/smtp-command.js';
import { findStatus } from '../../../src/classify/status-code.js';

function top(text: string): Reason | null {
  return matchPhrases(normalise(text))[0]?.reason ?? null;
}

/** Replies as real servers word them (addresses and IPs are documentation values), with the reason expected on top. */
const CASES: readonly (readonly [string, Reason])[] = [
  // authfailure
  [
    "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain",
    'authfailure',
  ],
  [
    '550 5.7.509 Access denied, sending domain [EXAMPLE.COM] does not pass DMARC verification and has a DMARC policy of reject.',
    'authfailure',
  ],
  ['550 5.7.1 SPF check failed: 192.0.2.10 is not a permitted sender for example.com', 'authfailure'],
  ['554 5.7.5 DKIM signature verification failed for example.com', 'authfailure'],
  [
    "550 5.1.0 192.0.2.10 is not allowed to send from <example.com> per it's SPF Record. Please inspect your SPF settings",
    'authfailure',
  ],
  ['550 DMARC check failed. http://service.mail.qq.com/cgi-bin/help?subtype=1', 'authfailure'],
  // badreputation
  [
    '550-5.7.1 [192.0.2.10] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address.',
    'badreputation',
  ],
  [
    '451 4.7.650 The mail server [192.0.2.10] has been temporarily rate limited due to IP reputation. (S775)',
    'badreputation',
  ],
  [
    '421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1',
    'badreputation',
  ],
  [
    "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.",
    'badreputation',
  ],
  // blocked
  ['554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org', 'blocked'],
  [
    '550 5.7.606 Access denied, banned sending IP [192.0.2.10]. To request removal from this list please visit https://sender.office.com/',
    'blocked',
  ],
  [
    "550 SC-001 (S3150) Unfortunately, messages from 192.0.2.10 weren't sent. Please contact your Internet service provider since part of their network is on our block list.",
    'blocked',
  ],
  [
    "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.10, because the ip is in Spamhaus's list",
    'blocked',
  ],
  ['554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.10', 'blocked'],
  [
    '550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102',
    'blocked',
  ],
  [
    'Connected to 192.0.2.10 but my name was rejected. Remote host said: 501 5.0.0 Invalid domain name',
    'blocked',
  ],
  ['550 5.7.1 Connection refused by policy: your IP is on our blocklist', 'blocked'],
  // contenterror
  ['550 5.6.9 improper use of 8-bit data in message header', 'contenterror'],
  ['550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds', 'contenterror'],
  ['554 5.6.0 Message contains invalid MIME headers', 'contenterror'],
  // notcompliantrfc
  [
    '550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers. To reduce the amount of spam sent to Gmail, this message has been blocked.',
    'notcompliantrfc',
  ],
  ['550-5.7.1 Messages with multiple addresses in From: header are not accepted.', 'notcompliantrfc'],
  ['550 5.7.1 Messages missing a valid Message-ID: header are not accepted.', 'notcompliantrfc'],
  // policyviolation
  [
    '554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes',
    'policyviolation',
  ],
  ['552-5.7.0 Our system detected an illegal attachment on your message.', 'policyviolation'],
  ['550 5.7.1 Denied by policy', 'policyviolation'],
  ['554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554', 'policyviolation'],
  ['550 5.7.999 Delivery not authorized, message refused (mail flow rule)', 'policyviolation'],
  // rejected
  ['554 5.7.1 <bounce@example.com>: Sender address rejected: Access denied', 'rejected'],
  ['550-Verification failed for <bounce@example.com> 550 Sender verify failed', 'rejected'],
  ['450 4.1.8 <bounce@example.com>: Sender address rejected: Domain not found', 'rejected'],
  [
    '553 5.1.8 <bounce@example.com>... Domain of sender address bounce@example.com does not exist',
    'rejected',
  ],
  ['501 5.1.0 Emetteur invalide. Invalid Sender. OFR004_405 [405]', 'rejected'],
  ['550 5.7.1 Access denied (in reply to MAIL FROM command)', 'rejected'],
  // Sisimai's own label for a reply like this is userunknown; the address refused is the envelope sender's domain.
  [
    '550 MXIN506 MailFrom domain is listed in Spamhaus. To request removal from this list see ...',
    'rejected',
  ],
  // requireptr
  [
    '550-5.7.25 [192.0.2.10] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP.',
    'requireptr',
  ],
  ['450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.10]', 'requireptr'],
  ['554 5.7.1 Reverse DNS lookup for host 192.0.2.10 failed permanently.', 'requireptr'],
  ['571 No PTR Record found. Reverse DNS required: 192.0.2.10', 'requireptr'],
  // securityerror
  ['530 5.7.0 Must issue a STARTTLS command first.', 'securityerror'],
  [
    '530 5.5.1 Authentication Required. Learn more at https://support.google.com/mail/?p=WantAuthError',
    'securityerror',
  ],
  ['550 Unauthenticated senders not allowed', 'securityerror'],
  ['535 5.7.8 Username and Password not accepted.', 'securityerror'],
  // spamdetected
  ['550 5.7.1 Message content rejected, UBE, id=12345-06', 'spamdetected'],
  ['554 5.6.0 This message has been scored as spam with a probability of more than 90%', 'spamdetected'],
  [
    '550-5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.',
    'spamdetected',
  ],
  ['554 5.7.0 Reject, id=12345-06 - spam', 'spamdetected'],
  ['550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]', 'spamdetected'],
  // speeding
  [
    '450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time.',
    'speeding',
  ],
  ['451 4.7.1 <mx.example.net[192.0.2.10]>: Client host rejected: Please try again slower', 'speeding'],
  ['550 5.4.5 Daily user sending limit exceeded.', 'speeding'],
  // syntaxerror
  ['503 Improper sequence of commands', 'syntaxerror'],
  ['501 5.5.4 Syntax error in parameters or arguments', 'syntaxerror'],
  ['502 5.5.1 Unrecognized command.', 'syntaxerror'],
  // toomanyconn
  ['452 4.3.2 Connection rate limit exceeded.', 'toomanyconn'],
  [
    '421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later.',
    'toomanyconn',
  ],
  ['552 Too many recipients', 'toomanyconn'],
  ['550 Ip frequency limited [Blocked IP 192.0.2.10]. http://service.mail.qq.com/', 'toomanyconn'],
  [
    '421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down.',
    'toomanyconn',
  ],
  // virusdetected
  ['554 5.7.1 Virus detected: Eicar-Test-Signature', 'virusdetected'],
  ['550 Your message was infected with a virus. You should download a virus scanner.', 'virusdetected'],
  [
    '552-5.7.0 This message was blocked because its content presents a potential security issue: it has a potentially executable attachment',
    'virusdetected',
  ],
];

test('sender-side replies resolve to the expected reason', () => {
  for (const [text, expected] of CASES) {
    assert.equal(top(text), expected, text);
  }
});

test('every sender-side reason has at least three cases', () => {
  const counts = new Map<Reason, number>();
  for (const [, reason] of CASES) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  for (const [reason] of Object.entries(PHRASES) as [Reason, unknown][]) {
    if (kindOf(reason) !== 'sender') continue;
    assert.ok((counts.get(reason) ?? 0) >= 3, reason);
  }
});

/** Recipient-side replies: no sender reason may win, or a valid address would be excused (or a dead one kept). */
const NOT_SENDER: readonly string[] = [
  '550 5.1.1 <someone@example.net>: Recipient address rejected: User unknown in local recipient table',
  '550 5.1.1 user unknown',
  '552 5.2.2 Mailbox full',
  '452 4.2.2 The email account that you tried to reach is over quota.',
  '550 Host unknown',
  '550 5.7.1 Relaying denied. IP name lookup failed [192.0.2.10]',
  '550 5.4.1 Recipient address rejected: Access denied. AS(201806281)',
  'This is an authentication failure report for an email message received from IP 192.0.2.10; dmarc=fail',
];

test('recipient-side replies are not read as sender-side', () => {
  for (const text of NOT_SENDER) {
    const reason = top(text);
    assert.ok(reason === null || kindOf(reason) !== 'sender', `${text} -> ${reason}`);
  }
});

test('a follow-on 503 after a recipient error does not hide the recipient error', () => {
  assert.equal(top('550 Unknown user nobody@example.jp 503 Bad sequence of commands'), 'userunknown');
});

test('sender-side phrases are lower-case, non-empty and not over-generic', () => {
  const tooGeneric = new Set([
    'rejected',
    'denied',
    'policy',
    'blocked',
    'spam',
    'refused',
    'access denied',
    'error',
  ]);
  for (const [reason, list] of Object.entries(PHRASES) as [
    Reason,
    readonly (string | readonly string[])[],
  ][]) {
    if (kindOf(reason) !== 'sender') continue;
    for (const phrase of list) {
      const parts = typeof phrase === 'string' ? [phrase] : phrase;
      assert.ok(parts.length > 0, `${reason}: empty phrase`);
      for (const part of parts) {
        assert.ok(part.length > 0, `${reason}: empty fragment`);
        assert.equal(part, part.toLowerCase(), `${reason}: ${part} is not lower-case`);
        assert.equal(part, part.replace(/\s+/g, ' '), `${reason}: ${part} has unnormalised whitespace`);
      }
      if (typeof phrase === 'string')
        assert.ok(!tooGeneric.has(phrase.trim()), `${reason}: '${phrase}' is too generic`);
    }
  }
});

/**
 * Sender refusals worded with recipient-side phrases: the matcher alone cannot tell whose address a
 * phrase is about, so resolveReason decides from the context (Sender address rejected, Sender verify
 * failed, a MAIL FROM refusal, 5.1.7/5.1.8): the contact must not be read as dead.
 */
const SENDER_CONTEXT: readonly (readonly [string, Reason])[] = [
  [
    '550-Verification failed for <bounce@example.com> 550-Unrouteable address 550 Sender verify failed',
    'rejected',
  ],
  [
    '550 5.1.1 <bounce@example.com>: Sender address rejected: User unknown in local recipient table',
    'rejected',
  ],
  [
    'SMTP error from remote mail server after MAIL FROM:<bounce@example.com>: 550 5.1.7 No such domain',
    'rejected',
  ],
];

test('a recipient-side phrase said of the envelope sender resolves to rejected', () => {
  for (const [text, expected] of SENDER_CONTEXT) {
    assert.equal(kindOf(top(text) ?? 'undefined'), 'hard', `the phrase alone reads: ${text}`);
    const resolved = resolveReason({
      diagnostic: text,
      status: findStatus(text),
      smtpCommand: commandInText(text.toLowerCase()),
    });
    assert.equal(resolved.reason, expected, text);
  }
});
