import type { Reason } from './reasons.js';

/**
 * RFC 3463 enhanced status codes (class.subject.detail) and RFC 5321 reply codes, as found in
 * report fields or in the free text of a server's reply.
 */

/** Bounded digits and a required boundary keep this linear; a version number like 1.2.3.4 is skipped. */
const STATUS_IN_TEXT = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/;
const REPLY_CODE_AT_START = /^\s*\(?([245]\d\d)(?=[\s\-.:;)]|$)/;
const REPLY_CODE_IN_TEXT = /(?<![\d.#:/-])([245][0-5]\d)(?=[\s-][^\s]|\s*$)/;

/** The first enhanced status code in the text, e.g. '5.1.1'. */
export function findStatus(text: string): string | undefined {
  const m = STATUS_IN_TEXT.exec(text);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : undefined;
}

/** A status field value ('5.1.1', '5.1.1 (user unknown)') normalised, or undefined when invalid. */
export function parseStatus(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^\s*([245])\.(\d{1,3})\.(\d{1,3})/.exec(value);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : undefined;
}

/** The SMTP reply code a reply text starts with, else the first one that looks like a reply in it. */
export function findReplyCode(text: string): number | undefined {
  const start = REPLY_CODE_AT_START.exec(text);
  if (start) return Number(start[1]);
  const inner = REPLY_CODE_IN_TEXT.exec(text);
  return inner ? Number(inner[1]) : undefined;
}

/**
 * What an enhanced status code says on its own. Only codes with one meaning are listed: x.0.0,
 * x.7.0 and x.7.1 are used by servers for everything and so decide nothing (the text must).
 * Source: RFC 3463, RFC 7505 (null MX), RFC 7372 (authentication codes), IANA registry.
 */
const BY_SUBJECT_DETAIL: Readonly<Record<string, Reason>> = {
  '1.1': 'userunknown', // bad destination mailbox address
  '1.2': 'hostunknown', // bad destination system address
  '1.3': 'userunknown', // bad destination mailbox address syntax
  '1.4': 'userunknown', // destination mailbox address ambiguous
  '1.6': 'hasmoved', // destination mailbox has moved, no forwarding address
  '1.7': 'rejected', // bad sender's mailbox address syntax
  '1.8': 'rejected', // bad sender's system address
  '1.10': 'notaccept', // recipient address has null MX (RFC 7505)
  '2.0': 'filtered', // other mailbox status: the mailbox exists, something about it refused the mail
  '2.1': 'suspend', // mailbox disabled, not accepting messages
  '2.2': 'mailboxfull', // mailbox full
  '2.3': 'exceedlimit', // message length exceeds administrative limit
  '2.4': 'systemerror', // mailing list expansion problem
  '3.1': 'systemfull', // mail system full
  '3.2': 'notaccept', // system not accepting network messages
  '3.3': 'systemerror', // system not capable of selected features
  '3.4': 'mesgtoobig', // message too big for system
  '3.5': 'systemerror', // system incorrectly configured
  '4.1': 'networkerror', // no answer from host
  '4.2': 'networkerror', // bad connection
  '4.3': 'networkerror', // directory server (DNS) failure
  '4.4': 'hostunknown', // unable to route
  '4.5': 'systemfull', // mail system congestion
  '4.6': 'networkerror', // routing loop detected
  '4.7': 'expired', // delivery time expired
  '5.1': 'syntaxerror', // invalid command
  '5.2': 'syntaxerror', // syntax error
  '5.3': 'toomanyconn', // too many recipients
  '5.4': 'syntaxerror', // invalid command arguments
  '5.5': 'syntaxerror', // wrong protocol version
  '6.0': 'contenterror', // other or undefined media error
  '6.1': 'contenterror', // media not supported
  '6.2': 'contenterror', // conversion required and prohibited
  '6.3': 'contenterror', // conversion required but not supported
  '6.4': 'contenterror', // conversion with loss performed
  '6.5': 'contenterror', // conversion failed
  '6.6': 'contenterror', // message content not available
  '7.2': 'policyviolation', // mailing list expansion prohibited
  '7.3': 'securityerror', // security conversion required but not possible
  '7.4': 'securityerror', // security features not supported
  '7.5': 'securityerror', // cryptographic failure
  '7.6': 'securityerror', // cryptographic algorithm not supported
  '7.7': 'securityerror', // message integrity failure
  '7.8': 'securityerror', // authentication credentials invalid
  '7.9': 'securityerror', // authentication mechanism too weak
  '7.10': 'securityerror', // encryption needed
  '7.11': 'securityerror', // encryption required for requested authentication mechanism
  '7.12': 'securityerror', // a password transition is needed
  '7.13': 'suspend', // user account disabled
  '7.14': 'securityerror', // trust relationship required
  '7.16': 'mesgtoobig', // message too big for specified priority
  '7.17': 'hasmoved', // mailbox owner has changed
  '7.18': 'hasmoved', // domain owner has changed
  '7.20': 'authfailure', // no passing DKIM signature found
  '7.21': 'authfailure', // no acceptable DKIM signature found
  '7.22': 'authfailure', // no valid author-matched DKIM signature found
  '7.23': 'authfailure', // SPF validation failed
  '7.24': 'authfailure', // SPF validation error
  '7.25': 'requireptr', // reverse DNS validation failed
  '7.26': 'authfailure', // multiple authentication checks failed
  '7.27': 'rejected', // sender address has null MX
  '7.28': 'spamdetected', // mail flood detected
  '7.29': 'authfailure', // ARC validation failure
  '7.30': 'securityerror', // REQUIRETLS support required
};

/** The reason an enhanced status code implies by itself, or undefined when it is generic. */
export function reasonOfStatus(status: string | undefined): Reason | undefined {
  if (!status) return undefined;
  if (status.startsWith('2.')) return 'delivered';
  return BY_SUBJECT_DETAIL[status.slice(2)];
}

/** x.0.0, x.7.0 and x.7.1 (and unknown details) say "failed" and nothing more. */
export function isGenericStatus(status: string | undefined): boolean {
  return reasonOfStatus(status) === undefined;
}
