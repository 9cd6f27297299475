import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalise } from '../../../src/classify/phrase-match.js';
import type { Reason } from '../../../src/classify/reasons.js';
import { rhostReason } from '../../../src/classify/rhosts/index.js';

interface Case {
  host: string;
  domain?: string;
  status?: string;
  reply: string;
  /** [provider id, reason], or undefined when no provider rule may fire. */
  want: readonly [string, Reason] | undefined;
}

/** Replies written for these tests in each provider's documented wording; hosts and addresses invented. */
const CASES: Case[] = [
  // Google
  {
    host: 'aspmx.l.google.com',
    reply: '550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking',
    want: ['google', 'userunknown'],
  },
  {
    host: 'gmail-smtp-in.l.google.com',
    reply:
      '550 5.2.1 The email account that you tried to reach is inactive. https://support.google.com/mail/?p=DisabledUser',
    want: ['google', 'suspend'],
  },
  {
    host: 'alt2.aspmx.l.google.com',
    reply: "452 4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to",
    want: ['google', 'mailboxfull'],
  },
  {
    host: '',
    domain: 'gmail.com',
    reply: "550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy.",
    want: ['google', 'authfailure'],
  },
  {
    host: 'gmail-smtp-in.l.google.com',
    reply: '550 5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup',
    want: ['google', 'requireptr'],
  },
  {
    host: 'gmail-smtp-in.l.google.com',
    reply:
      '550-5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address.',
    want: ['google', 'blocked'],
  },
  {
    host: 'gmail-smtp-in.l.google.com',
    reply: '550-5.7.1 Our system has detected that this message is likely unsolicited mail.',
    want: ['google', 'spamdetected'],
  },
  {
    host: 'gmail-smtp-in.l.google.com',
    reply: '550 5.7.1 This message is not RFC 5322 compliant. There are multiple Date headers.',
    want: ['google', 'notcompliantrfc'],
  },
  {
    host: 'gmail-smtp-in.l.google.com',
    reply: '450 4.2.1 The user you are trying to contact is receiving mail too quickly.',
    want: ['google', 'speeding'],
  },
  // Not Google's wording: left to the generic rules.
  { host: 'gmail-smtp-in.l.google.com', reply: '550 5.1.1 user unknown', want: undefined },
  // Google's wording from a host that is not Google's: not this rule set.
  {
    host: 'mx.example.net',
    domain: 'example.net',
    reply: 'The email account that you tried to reach does not exist.',
    want: undefined,
  },

  // Microsoft
  {
    host: 'example-org.mail.protection.outlook.com',
    reply: '550 5.4.1 Recipient address rejected: Access denied. AS(201806281)',
    want: ['microsoft', 'userunknown'],
  },
  {
    host: '',
    domain: 'example.com',
    reply: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    want: ['microsoft', 'userunknown'],
  },
  {
    host: 'outlook-com.olc.protection.outlook.com',
    reply: '550 5.7.509 Access denied, sending domain [EXAMPLE.ORG] does not pass DMARC verification',
    want: ['microsoft', 'authfailure'],
  },
  {
    host: 'example-org.mail.protection.outlook.com',
    status: '5.7.606',
    reply: '550 5.7.606 Access denied, banned sending IP [192.0.2.1].',
    want: ['microsoft', 'blocked'],
  },
  {
    host: 'example-org.mail.protection.outlook.com',
    status: '5.7.612',
    reply: '550 5.7.612 Access denied.',
    want: ['microsoft', 'blocked'],
  },
  {
    host: 'mx1.hotmail.com',
    reply:
      "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
    want: ['microsoft', 'blocked'],
  },
  {
    host: 'hotmail-com.olc.protection.outlook.com',
    reply:
      '451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. (S775)',
    want: ['microsoft', 'badreputation'],
  },
  {
    host: 'mx4.hotmail.com',
    reply: '550 Requested action not taken: mailbox unavailable (-1:2:-3)',
    want: ['microsoft', 'userunknown'],
  },
  {
    host: 'example-org.mail.protection.outlook.com',
    status: '5.7.1',
    reply: '550 5.7.1 Service unavailable',
    want: undefined,
  },

  // Yahoo / AOL
  {
    host: 'mta7.am0.yahoodns.net',
    reply:
      '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints',
    want: ['yahoo', 'rejected'],
  },
  {
    host: 'mta7.am0.yahoodns.net',
    reply:
      "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list",
    want: ['yahoo', 'blocked'],
  },
  {
    host: 'mta7.am0.yahoodns.net',
    reply: "554 delivery error: dd This user doesn't have a yahoo.com account (nobody@yahoo.com) [0]",
    want: ['yahoo', 'userunknown'],
  },
  {
    host: 'mx-aol.mail.gm0.yahoodns.net',
    reply:
      '554 30 Sorry, your message to someone@aol.example cannot be delivered. This mailbox is disabled (554.30)',
    want: ['yahoo', 'suspend'],
  },
  {
    host: 'mta7.am0.yahoodns.net',
    reply: '554 5.7.9 Message not accepted for policy reasons.',
    want: ['yahoo', 'policyviolation'],
  },
  {
    host: 'omr-b01.mx.aol.com',
    reply: 'Name service error for name=example.org type=MX: Malformed or unexpected name server reply',
    want: ['yahoo', 'notaccept'],
  },
  {
    host: '',
    domain: 'yahoo.com',
    reply: '421 4.7.0 [TSS04] Messages temporarily deferred',
    want: undefined,
  },

  // Apple
  {
    host: 'mx01.mail.icloud.com',
    reply: '550 5.1.1 <nobody@icloud.com>: inactive email address',
    want: ['apple', 'userunknown'],
  },
  {
    host: 'mail-in3.apple.com',
    reply: '550 5.1.6 recipient no longer on server: someone@example.org',
    want: ['apple', 'hasmoved'],
  },
  {
    host: 'mx02.mail.icloud.com',
    reply: '552 5.2.2 <full@icloud.com>: user is over quota',
    want: ['apple', 'mailboxfull'],
  },
  {
    host: '',
    domain: 'me.com',
    reply: "554 5.7.1 Your message was rejected due to example.org's DMARC policy.",
    want: ['apple', 'authfailure'],
  },
  {
    host: 'mx2.me.com.akadns.net',
    reply: '550 5.1.1 unknown or illegal alias: nobody@me.com',
    want: ['apple', 'userunknown'],
  },

  // Orange / La Poste
  {
    host: 'smtp-in.orange.fr',
    reply: '550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]',
    want: ['franceptt', 'userunknown'],
  },
  {
    host: 'smtpz4.laposte.net',
    reply: '550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. LPN007_426',
    want: ['franceptt', 'suspend'],
  },
  {
    host: 'smtp-in.orange.fr',
    reply:
      '550 mwinf0000 ME Adresse IP source bloquee pour incident de spam. OFR006_102 Ref http://example.net',
    want: ['franceptt', 'blocked'],
  },
  {
    host: '',
    domain: 'wanadoo.fr',
    reply: '550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506]',
    want: ['franceptt', 'spamdetected'],
  },
  {
    host: 'smtpz4.laposte.net',
    reply: '550 5.5.0 Service refuse. Veuillez essayer plus tard. LPN001_108',
    want: undefined,
  },

  // GoDaddy
  {
    host: 'smtp.secureserver.net',
    reply:
      '552 This message has been rejected due to content judged to be spam by the internet community IB212',
    want: ['godaddy', 'spamdetected'],
  },
  {
    host: 'smtp.secureserver.net',
    reply: '550 5.1.1 <x@example.com> - 192.0.2.1 has sent to too many recipients this hour. IB607',
    want: ['godaddy', 'speeding'],
  },
  {
    host: 'smtp.secureserver.net',
    reply: '553 http://www.spamhaus.org/query/bl?ip=192.0.2.1',
    want: ['godaddy', 'blocked'],
  },

  // Tencent
  {
    host: 'mx3.qq.com',
    reply: '550 Ip frequency limited [abc]. http://service.mail.qq.com/cgi-bin/help?subtype=1',
    want: ['tencent', 'toomanyconn'],
  },
  {
    host: 'mx1.qq.com',
    reply: '550 DMARC check failed. http://service.mail.qq.com/',
    want: ['tencent', 'authfailure'],
  },
  { host: 'mx1.qq.com', reply: '550 someone@qq.com is a deactivated mailbox', want: ['tencent', 'suspend'] },

  // au by KDDI
  { host: 'lsean.ezweb.ne.jp', reply: '550 : User unknown', want: ['kddi', 'filtered'] },
  {
    host: 'mta.example.net',
    domain: 'ezweb.ne.jp',
    reply: '550: : User unknown',
    want: ['kddi', 'filtered'],
  },
  { host: 'msmx.au.com', reply: '550 <nobody@au.com>: User unknown', want: ['kddi', 'userunknown'] },
  {
    host: 'relay.example.net',
    domain: 'ezweb.ne.jp',
    reply: '550: <nobody@ezweb.ne.jp>: User unknown',
    want: ['kddi', 'userunknown'],
  },
  { host: 'mx.example.org', reply: '550 <nobody@example.org>: User unknown', want: undefined },
  { host: '', domain: 'ezweb.ne.jp', reply: 'The user(s) account is disabled.', want: ['kddi', 'suspend'] },

  // NTT docomo
  {
    host: 'mfsmax.docomo.ne.jp',
    status: '5.2.0',
    reply: '550 Unknown user someone@docomo.ne.jp',
    want: ['nttdocomo', 'filtered'],
  },
  {
    host: 'mfsmax.docomo.ne.jp',
    status: '5.0.0',
    reply:
      'host mfsmax.docomo.ne.jp said: 550 Unknown user someone@docomo.ne.jp (in reply to end of DATA command)',
    want: ['nttdocomo', 'rejected'],
  },
  {
    host: 'mfsmax.docomo.ne.jp',
    status: '5.1.1',
    reply: '550 Unknown user nobody@docomo.ne.jp 503 Bad sequence of commands',
    want: ['nttdocomo', 'userunknown'],
  },
  {
    host: 'mfsmax.docomo.ne.jp',
    status: '5.0.0',
    reply: '550 Unknown user nobody@docomo.ne.jp',
    want: undefined,
  },
  {
    host: 'mfsmax.docomo.ne.jp',
    reply: '552 Too much mail data someone@docomo.ne.jp',
    want: ['nttdocomo', 'mailboxfull'],
  },

  // Cox
  {
    host: 'cxr.mx.a.cloudfilter.net',
    domain: 'cox.net',
    reply: '550 5.1.0 <a@example.org> sender rejected. Refer to Error Codes section. AUP#CXBL',
    want: ['cox', 'blocked'],
  },
  { host: '', domain: 'cox.net', reply: '554 rejected. AUP#IPBL1010', want: ['cox', 'blocked'] },
  { host: '', domain: 'cox.net', reply: '550 rejected. AUP#CXSNDR', want: ['cox', 'authfailure'] },

  // Spectrum
  {
    host: '',
    domain: 'charter.net',
    reply: '550 5.1.0 <a@example.org> sender rejected. Please see https://www.spectrum.net/ AUP#In-1310',
    want: ['spectrum', 'toomanyconn'],
  },
  { host: 'mx.nc.rr.com', reply: '554 blocked AUP#I-1000', want: ['spectrum', 'blocked'] },
  { host: 'mx.nc.rr.com', reply: '552 message too big AUP#O-1530', want: ['spectrum', 'mesgtoobig'] },

  // i.ua
  {
    host: 'mx3.email.ua',
    reply: '550 Mailbox is frozen. See http://mail.i.ua/err/3/',
    want: ['iua', 'suspend'],
  },
  {
    host: 'mx3.email.ua',
    reply: '550 Not in the list. See http://mail.i.ua/err/10/',
    want: ['iua', 'filtered'],
  },

  // MessageLabs, Mimecast, Cloudflare, Facebook
  {
    host: 'server-1.tower-1.messagelabs.com',
    reply: 'Please turn on SMTP Authentication in your mail client. 192.0.2.1 is not permitted to relay',
    want: ['messagelabs', 'securityerror'],
  },
  {
    host: 'eu-smtp-inbound-1.mimecast.com',
    reply: '554 Host network not allowed - https://community.mimecast.com/docs',
    want: ['mimecast', 'policyviolation'],
  },
  { host: 'eu-smtp-inbound-1.mimecast.com', reply: '550 Invalid recipient <a@example.org>', want: undefined },
  {
    host: 'route1.mx.cloudflare.net',
    reply:
      '421 4.3.0 Upstream error, please check https://developers.cloudflare.com/email-routing/postmaster',
    want: ['cloudflare', 'onhold'],
  },
  {
    host: '',
    domain: 'facebook.com',
    reply:
      '550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes Refused due to recipient preferences',
    want: ['facebook', 'filtered'],
  },
  {
    host: '',
    domain: 'facebook.com',
    reply: '550 5.1.1 RCP-P1 http://postmaster.facebook.com/response_codes',
    want: ['facebook', 'userunknown'],
  },
];

test('provider rule sets: host or domain + reply -> reason', () => {
  for (const c of CASES) {
    const hit = rhostReason({
      remoteMta: c.host,
      recipientDomain: c.domain ?? '',
      status: c.status,
      replyCode: undefined,
      text: normalise(c.reply),
    });
    assert.deepEqual(hit ? [hit.id, hit.reason] : undefined, c.want, `${c.host || c.domain}: ${c.reply}`);
  }
});

test('provider rules stay linear on a long reply', () => {
  const long = 'aup#'.repeat(100_000) + 'ofr_'.repeat(100_000);
  const hit = rhostReason({
    remoteMta: 'smtp-in.orange.fr',
    recipientDomain: 'cox.net',
    status: undefined,
    replyCode: undefined,
    text: long,
  });
  assert.equal(hit, undefined);
});
