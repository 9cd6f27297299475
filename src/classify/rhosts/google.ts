import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * Gmail and Google Workspace (aspmx.l.google.com, gmail-smtp-in.l.google.com). Google answers with
 * fixed sentences, each tied to a support-page topic (?p=NoSuchUser, ?p=DisabledUser, ...); the
 * status code alone is often 5.7.1 or missing, so the sentence decides.
 */
const SENTENCES: PhraseTable = [
  [
    'userunknown',
    [
      // "The email account that you tried to reach does not exist. Please try double-checking..."
      'the email account that you tried to reach does not exist',
    ],
  ],
  [
    'suspend',
    [
      // "The email account that you tried to reach is disabled" / "... is inactive" (?p=DisabledUser)
      'account that you tried to reach is disabled',
      'account that you tried to reach is inactive',
    ],
  ],
  [
    'mailboxfull',
    [
      // "The recipient's inbox is out of storage space" (?p=OverQuotaTemp / OverQuotaPerm)
      'inbox is out of storage space',
      // "The email account that you tried to reach is over quota"
      'account that you tried to reach is over quota',
      'email quota exceeded',
    ],
  ],
  [
    'authfailure',
    [
      // "Unauthenticated email from example.org is not accepted due to domain's DMARC policy"
      "is not accepted due to domain's dmarc policy",
      // "This message does not have authentication information or fails to pass authentication checks"
      'fails to pass authentication checks',
      // "Gmail requires all senders to authenticate with either SPF or DKIM"
      'to authenticate with either spf or dkim',
      'senders to authenticate with spf',
      'senders to authenticate with dkim',
      'to authenticate their email with spf',
      'to authenticate their email with dkim',
      // "The MAIL FROM domain [...] has an SPF record with a hard fail policy (-all) but it fails..."
      'spf record with a hard fail policy',
      'fails to pass spf checks',
      'the spf record of the sending domain has one or more suspicious entries',
      // "the From: header isn't aligned with either the authenticated SPF or DKIM organizational domain"
      'aligned with either the authenticated spf or dkim',
    ],
  ],
  [
    'requireptr',
    [
      // "The IP address sending this message does not have a PTR record setup, or ..."
      'does not have a ptr record',
      "doesn't have a ptr record",
      'does not meet ipv6 sending guidelines regarding ptr records',
      'does not match the ip address of the hostname specified in the pointer (ptr) record',
    ],
  ],
  [
    'badreputation',
    [
      // "... likely suspicious due to the very low reputation of the sending IP address/domain"
      'very low reputation of the sending ip',
      'very low reputation of the sending domain',
    ],
  ],
  [
    'blocked',
    [
      // "Our system has detected an unusual rate of unsolicited mail originating from your IP address"
      'unusual rate of unsolicited mail',
      // "Gmail has detected an unusual rate of mail originating from your IP Netblock"
      'gmail has detected an unusual rate of mail',
      // "IP not in whitelist for RCPT domain, closing connection."
      'ip not in whitelist for rcpt domain',
    ],
  ],
  [
    'spamdetected',
    [
      // "Our system has detected that this message is likely unsolicited mail."
      'this message is likely unsolicited mail',
      'due to the nature of the content or the links within',
    ],
  ],
  [
    'policyviolation',
    [
      // "Our system detected an illegal attachment on your message."
      'illegal attachment on your message',
      // "This message was blocked because its content presents a potential security issue."
      'content presents a potential security issue',
      // "The user or domain that you are sending to (or from) has a policy that prohibited the mail"
      'has a policy that prohibited the mail that you sent',
      'sending messages with the same message-id',
    ],
  ],
  [
    'notcompliantrfc',
    [
      // "This message is not RFC 5322 compliant. There are multiple Subject headers."
      'is not rfc 5322 compliant',
      'missing a valid address in the from: header',
      'multiple addresses in from: header are not accepted',
      'missing a valid message-id: header',
      'contains a unicode character in a disallowed header',
      'encoded-word syntax is not permitted',
      'mail message is malformed',
    ],
  ],
  [
    'mesgtoobig',
    [
      // "Your message exceeded Google's message size limits."
      "exceeded google's message size limits",
      "exceeds google's message size limit",
    ],
  ],
  [
    'exceedlimit',
    [
      // "The number of attachments (n) exceeds Google's limit of m attachments." / header size limits
      "exceeds google's limit of",
      "exceeded google's message header size limits",
      'bytes per individual header size',
    ],
  ],
  [
    'speeding',
    [
      // "The user you are trying to contact is receiving mail too quickly."
      'is receiving mail too quickly',
      // "... is receiving mail at a rate that prevents additional messages from being delivered."
      'rate that prevents additional messages from being delivered',
      'daily user sending limit exceeded',
      'daily sending quota exceeded',
      'smtp relay limit exceeded',
      'smtp relay sending limit exceeded',
    ],
  ],
  [
    'toomanyconn',
    [
      // "Your message has too many recipients." (?p=TooManyRecipientsError)
      'your message has too many recipients',
      'too many recipients for this sender',
    ],
  ],
  [
    'networkerror',
    [
      // "Message exceeded 50 hops, this may indicate a mail loop."
      'message exceeded 50 hops',
    ],
  ],
  [
    'norelaying',
    [
      // Workspace SMTP relay: "Mail relay denied <ip>. Invalid credentials for relay for one of the domains"
      'mail relay denied',
      'invalid credentials for relay',
      'is not authorized to send email directly to our servers',
    ],
  ],
  [
    'securityerror',
    [
      'application-specific password required',
      'username and password not accepted',
      'please log in with your web browser',
      'please log in through your web browser',
      'too many login attempts',
      'must issue a starttls command first',
      'tls required for rcpt domain',
      'senders to use tls/ssl for smtp',
    ],
  ],
  [
    'rejected',
    [
      // Workspace: "Mail Sending denied" (the sending account is disabled or not in the domain)
      'mail sending denied',
    ],
  ],
  [
    'systemerror',
    ['temporary system problem', 'multiple destination domains per transaction is unsupported'],
  ],
];

export const google: RhostRules = {
  id: 'google',
  hosts: ['google.com', 'googlemail.com'],
  recipientDomains: ['gmail.com', 'googlemail.com'],
  reason(input) {
    return findPhrase(input.text, SENTENCES);
  },
};
