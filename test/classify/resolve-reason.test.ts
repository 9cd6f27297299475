import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveReason, type ReasonInput } from '../../src/classify/resolve-reason.js';
import type { Reason } from '../../src/classify/reasons.js';

/** The central rules, one row each: input -> reason, and a fragment of the evidence rule. */
const CASES: [string, ReasonInput, Reason, string][] = [
  [
    'a decoder-given reason wins',
    { diagnostic: 'user unknown', decoderReason: 'mailboxfull', decoderRule: 'x: quota' },
    'mailboxfull',
    'x: quota',
  ],
  [
    'phrase',
    { diagnostic: '550 5.1.1 <a@example.org>: User unknown', status: '5.1.1' },
    'userunknown',
    'phrase',
  ],
  [
    '"user unknown" after DATA: the address was accepted at RCPT',
    { diagnostic: '550 Unknown user a@example.jp', smtpCommand: 'DATA' },
    'filtered',
    'neither at RCPT',
  ],
  [
    '"user unknown" with neither a command nor a status: a filter may say it too',
    { diagnostic: '550 kijitora@example.org... No such user' },
    'filtered',
    'neither at RCPT',
  ],
  [
    '"user unknown" with a status of another kind (x.2.1, x.7.1) and no command',
    { diagnostic: '550 5.2.1 <a@example.jp>... User Unknown', status: '5.2.1' },
    'filtered',
    'neither at RCPT',
  ],
  [
    '"user unknown" at RCPT, whatever the status',
    {
      diagnostic: '550 5.7.1 <a@example.jp>: Recipient address rejected: User unknown',
      status: '5.7.1',
      smtpCommand: 'RCPT',
    },
    'userunknown',
    'phrase',
  ],
  [
    '"user unknown" with an address status and no command',
    { diagnostic: '550 5.1.0 Address rejected a@example.jp', status: '5.1.0' },
    'userunknown',
    'phrase',
  ],
  [
    'a server that answered with x.4.1 ("no answer from host") contradicts the code',
    { diagnostic: '541 5.4.1 Mail rejected by destination domain', status: '5.4.1', replyCode: 541 },
    'onhold',
    'no rule',
  ],
  [
    'x.4.1 given by the reporting MTA itself still means no answer',
    { diagnostic: '', status: '4.4.1' },
    'networkerror',
    'status 4.4.1',
  ],
  [
    '... unless the code says the mailbox is bad (x.1.1)',
    { diagnostic: '550 5.1.1 <a@example.jp>... User unknown', status: '5.1.1', smtpCommand: 'DATA' },
    'userunknown',
    'phrase',
  ],
  [
    '"user unknown" said of the envelope sender',
    {
      diagnostic: '550 5.1.0 <s@example.net>: Sender address rejected: User unknown in local recipient table',
    },
    'rejected',
    'envelope sender',
  ],
  [
    'a mailbox-status code refines a phrase of the same kind',
    { diagnostic: '552 5.2.3 Message size exceeds fixed maximum message size', status: '5.2.3' },
    'exceedlimit',
    'status 5.2.3',
  ],
  [
    'other codes do not override the words',
    { diagnostic: 'connect to mx.example.org[192.0.2.1]:25: Connection timed out', status: '4.4.1' },
    'expired',
    'phrase',
  ],
  ['a code alone', { diagnostic: '', status: '5.2.2' }, 'mailboxfull', 'status 5.2.2'],
  ['x.2.0 alone: the mailbox exists', { diagnostic: '', status: '5.2.0' }, 'filtered', 'status 5.2.0'],
  ['refused at MAIL FROM', { diagnostic: '550 Access denied', smtpCommand: 'MAIL' }, 'rejected', 'MAIL'],
  [
    'refused at connection',
    { diagnostic: '554 go away', smtpCommand: 'CONN' },
    'blocked',
    'before any recipient',
  ],
  ['a delay that says nothing else', { diagnostic: '', action: 'delayed' }, 'expired', 'delayed'],
  [
    'failed with a code but no words',
    { diagnostic: '550', replyCode: 550, status: '5.0.0' },
    'onhold',
    'no rule',
  ],
  ['nothing at all', { diagnostic: '' }, 'onhold', 'no rule'],
  [
    'a reply about the envelope sender, with no command to say so',
    { diagnostic: '550 5.7.1 <b+1@news.example.net>... Access denied', sender: 'b+1@news.example.net' },
    'rejected',
    'envelope sender',
  ],
  [
    'a reply about the envelope sender never falls on the recipient, whatever the words',
    {
      diagnostic: "550-'5.1.1 <b+1@news.example.net>: User unknown'",
      status: '5.1.1',
      smtpCommand: 'RCPT',
      sender: 'b+1@news.example.net',
    },
    'rejected',
    'envelope sender',
  ],
  [
    'the envelope sender in capitals',
    { diagnostic: '550 5.7.1 <B+1@NEWS.EXAMPLE.NET>... Access denied', sender: 'b+1@news.example.net' },
    'rejected',
    'envelope sender',
  ],
  [
    '... and a Kelvin sign (U+212A), which lower-cases to k',
    { diagnostic: '550 5.7.1 <\u212a+1@news.example.net>... Access denied', sender: 'k+1@news.example.net' },
    'rejected',
    'envelope sender',
  ],
  [
    'the sender named later in the reply is not its subject',
    {
      diagnostic: '550 5.1.1 <ann@example.org>: User unknown (mail from b+1@news.example.net)',
      status: '5.1.1',
      sender: 'b+1@news.example.net',
    },
    'userunknown',
    'phrase',
  ],
  [
    "a reply about the envelope sender's domain",
    {
      diagnostic: '553 news.example.net does not exist',
      smtpCommand: 'DATA',
      sender: 'b+1@news.example.net',
      recipientDomain: 'example.org',
    },
    'rejected',
    'envelope sender',
  ],
  [
    "... unless it is the recipient's domain too",
    {
      diagnostic: '553 example.org does not exist',
      sender: 'b+1@example.org',
      recipientDomain: 'example.org',
    },
    'onhold',
    'no rule',
  ],
  [
    'a sender-side reason is kept as it is',
    {
      diagnostic: '550 5.7.0 <b+1@news.example.net>... Please use the smtp server of your ISP',
      sender: 'b+1@news.example.net',
    },
    'blocked',
    'phrase',
  ],
];

test('resolveReason: the order of the central rules', () => {
  for (const [name, input, reason, rule] of CASES) {
    const resolved = resolveReason(input);
    assert.equal(resolved.reason, reason, name);
    assert.ok(resolved.evidence.rule.includes(rule), `${name}: evidence "${resolved.evidence.rule}"`);
  }
});

test('a provider rule decides before the generic phrases', () => {
  const resolved = resolveReason({
    diagnostic: '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints',
    remoteMta: 'mta5.am0.yahoodns.net',
    recipientDomain: 'yahoo.com',
    status: '4.7.0',
  });
  assert.ok(resolved.evidence.rule.startsWith('provider '), resolved.evidence.rule);
});
