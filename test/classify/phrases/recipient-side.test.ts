import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Reason } from '../../../src/classify/reasons.js';
import { matchPhrases, normalise } from '../../../src/classify/phrase-match.js';
import { PHRASES } from '../../../src/classify/phrases/index.js';

/** The reasons whose phrase lists this file covers. */
const RECIPIENT_SIDE: readonly Reason[] = [
  'userunknown',
  'hostunknown',
  'hasmoved',
  'notaccept',
  'mailboxfull',
  'mesgtoobig',
  'exceedlimit',
  'expired',
  'filtered',
  'mailererror',
  'networkerror',
  'norelaying',
  'suspend',
  'systemerror',
  'systemfull',
];

function top(text: string): Reason | undefined {
  return matchPhrases(normalise(text))[0]?.reason;
}

/** Replies as the servers word them (addresses and hosts invented), and the reason each must get. */
const CASES: readonly (readonly [Reason, string])[] = [
  // userunknown
  [
    'userunknown',
    '550 5.1.1 <jdoe@example.org>: Recipient address rejected: User unknown in local recipient table',
  ],
  ['userunknown', '550 5.1.1 <jdoe@example.org>... User unknown'],
  [
    'userunknown',
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser x12si345 - gsmtp",
  ],
  ['userunknown', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
  [
    'userunknown',
    "554 delivery error: dd This user doesn't have a yahoo.com account (jdoe@yahoo.com) [0] - mta4012.mail.bf1.yahoo.com",
  ],
  ['userunknown', '550 sorry, no mailbox here by that name. (#5.1.1)'],
  ['userunknown', '550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]'],
  ['userunknown', '550 Unknown user jdoe@docomo.ne.jp'],
  ['userunknown', 'host mx.zoho.eu[185.20.209.1] said: 550 5.1.1 User does not exist - <jdoe@example.eu>'],
  ['userunknown', '552 1 Requested mail action aborted, mailbox not found'],
  [
    'userunknown',
    '550 Message was not accepted -- invalid mailbox. Local mailbox jdoe@mail.ru is unavailable: user not found',
  ],
  [
    'userunknown',
    '550 5.5.0 Requested action not taken: mailbox unavailable. [BN8NAM11FT012.eop-nam11.prod.protection.outlook.com]',
  ],
  // hostunknown
  [
    'hostunknown',
    'Host or domain name not found. Name service error for name=exmaple.org type=A: Host not found',
  ],
  [
    'hostunknown',
    '550 5.1.2 <jdoe@nowhere.example>... Host unknown (Name server: nowhere.example: host not found)',
  ],
  ['hostunknown', "Sorry, I couldn't find any host named nowhere.example. (#5.1.2)"],
  ['hostunknown', 'Unrouteable address'],
  ['hostunknown', '450 4.1.2 <jdoe@nowhere.example>: Recipient address rejected: Domain not found'],
  // hasmoved
  ['hasmoved', '550 5.1.6 recipient no longer on server: jdoe@icloud.com'],
  ['hasmoved', '550 5.1.6 <jdoe@example.org>: Destination mailbox has moved, No forwarding address'],
  ['hasmoved', '551 User not local; please try <jane.doe@example.net>'],
  // notaccept
  [
    'notaccept',
    "DNS Error: 1234 DNS type 'mx' lookup of example.org responded with code NOERROR The domain example.org doesn't receive email according to the administrator: returned Null MX",
  ],
  [
    'notaccept',
    '556 5.1.10 <jdoe@example.org>: Recipient address rejected: Domain example.org does not accept mail (nullMX)',
  ],
  ['notaccept', "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)"],
  ['notaccept', 'an MX or SRV record indicated no SMTP service'],
  // mailboxfull
  ['mailboxfull', '552 5.2.2 <jdoe@icloud.com>: user is over quota (in reply to RCPT TO command)'],
  [
    'mailboxfull',
    "452-4.2.2 The recipient's inbox is out of storage space. Please direct the\n452 4.2.2 recipient to https://support.google.com/mail/?p=OverQuotaTemp",
  ],
  ['mailboxfull', '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException'],
  ['mailboxfull', '552 5.2.2 <jdoe@example.org> Quota exceeded (mailbox for user is full)'],
  ['mailboxfull', '552 5.2.2 Mailbox size limit exceeded'],
  ['mailboxfull', '552 Too much mail data jdoe@docomo.ne.jp'],
  // mesgtoobig
  ['mesgtoobig', '552 5.3.4 Message size exceeds fixed maximum message size: 10485760 bytes'],
  [
    'mesgtoobig',
    "552-5.3.4 Your message exceeded Google's message size limits. Please visit\n552 5.3.4 https://support.google.com/mail/?p=MaxSizeError",
  ],
  ['mesgtoobig', '552 5.3.4 Error: message file too big'],
  ['mesgtoobig', '552 Message too large (QQ)'],
  // exceedlimit
  ['exceedlimit', '552 5.2.3 Message length exceeds administrative limit'],
  ['exceedlimit', '552 5.2.3 Message length exceeds limit set by recipient'],
  ['exceedlimit', '552 5.6.0 Message header size exceeds limit'],
  // expired
  ['expired', '554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>'],
  ['expired', 'retry timeout exceeded'],
  ['expired', 'connect to mx.example.org[192.0.2.25]:25: Connection timed out'],
  ['expired', 'Message could not be delivered for 5 days\nMessage will be deleted from queue'],
  ['expired', 'Envelope expired'],
  // filtered
  ['filtered', '550 5.2.0 Message Filtered'],
  ['filtered', '550 5.1.1 RCP-P2 Refused due to recipient preferences'],
  ['filtered', '554 5.7.1 Recipient is only accepting mail from specific email addresses'],
  // mailererror
  ['mailererror', '554 5.3.0 unknown mailer error 255'],
  ['mailererror', 'Command died with status 75: "/usr/bin/procmail". Command output: procmail: Lock failure'],
  ['mailererror', 'pipe to |/usr/local/bin/ticket-import jdoe@example.org'],
  ['mailererror', '451 4.0.0 Operating system error'],
  // networkerror
  ['networkerror', 'connect to mx.example.org[192.0.2.25]:25: No route to host'],
  ['networkerror', 'lost connection with mx.example.org[192.0.2.25] while performing the EHLO handshake'],
  ['networkerror', '554 5.4.6 Hop count exceeded - possible mail loop'],
  [
    'networkerror',
    'Name service error for name=example.org type=MX: Malformed or unexpected name server reply',
  ],
  // norelaying
  ['norelaying', '554 5.7.1 <jdoe@example.org>: Relay access denied'],
  ['norelaying', '550 5.7.1 Relaying denied'],
  ['norelaying', "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"],
  ['norelaying', '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'],
  // suspend
  [
    'suspend',
    '550 5.2.1 The email account that you tried to reach is disabled. https://support.google.com/mail/?p=DisabledUser',
  ],
  [
    'suspend',
    '554 30 Sorry, your message to jdoe@aol.com cannot be delivered. This mailbox is disabled (554.30).',
  ],
  ['suspend', '525 5.7.13 Disabled recipient address'],
  ['suspend', '550 jdoe@qq.com is a deactivated mailbox'],
  ['suspend', '550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. LPN007_426'],
  // systemerror
  ['systemerror', '451 4.3.0 Requested action aborted: local error in processing'],
  ['systemerror', '554 5.3.5 Local configuration error'],
  ['systemerror', '421 4.3.0 Temporary System Problem. Try again later.'],
  ['systemerror', '550 5.3.5 <jdoe@example.org>... Internal System Error'],
  // systemfull
  ['systemfull', '452 4.3.1 Insufficient system storage'],
  ['systemfull', '452 4.4.5 Insufficient disk space; try again later'],
  ['systemfull', '452 4.3.1 Insufficient system resources'],
];

for (const [expected, text] of CASES) {
  test(`${expected}: ${text.slice(0, 70)}`, () => {
    assert.equal(
      top(text),
      expected,
      matchPhrases(normalise(text))
        .map((h) => `${h.reason} <${h.phrase}>`)
        .join(', '),
    );
  });
}

test('every recipient-side reason has at least three cases', () => {
  for (const reason of RECIPIENT_SIDE) {
    assert.ok(CASES.filter(([r]) => r === reason).length >= 3, reason);
  }
});

/** Replies about the sender, or too vague to blame the recipient: none may get a recipient-side reason. */
const NOT_RECIPIENT_SIDE: readonly string[] = [
  '554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org',
  '550 5.4.5 Daily user sending quota exceeded.',
  '554 5.2.2 Submission quota exceeded',
  '554 This IP has been temporarily blocked for attempting to mail too many invalid recipients. IB112',
  '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints',
  '450 4.7.1 <mx.example.net>: Helo command rejected: Host not found',
  '550 5.7.26 This message does not have authentication information or fails to pass authentication checks',
  '451 4.7.1 Greylisted, please try again in 300 seconds',
];

for (const text of NOT_RECIPIENT_SIDE) {
  test(`not recipient-side: ${text.slice(0, 70)}`, () => {
    const hit = top(text);
    assert.ok(hit === undefined || !RECIPIENT_SIDE.includes(hit), `got ${hit}`);
  });
}

test('recipient-side phrases are lower-case, normalised and non-empty', () => {
  for (const reason of RECIPIENT_SIDE) {
    const list = PHRASES[reason];
    assert.ok(list !== undefined && list.length > 0, reason);
    for (const phrase of list) {
      const fragments = typeof phrase === 'string' ? [phrase] : phrase;
      assert.ok(fragments.length > 0, `${reason}: empty fragment list`);
      for (const fragment of fragments) {
        assert.ok(fragment.trim().length > 0, `${reason}: blank fragment`);
        assert.equal(normalise(fragment), fragment, `${reason}: '${fragment}' is not lower-case/normalised`);
      }
    }
  }
});
