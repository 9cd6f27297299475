import type { Reason } from '../reasons.js';

/**
 * Some receiving providers say things in their own words or codes (Gmail's support links, Outlook's
 * S3150, Yahoo's TSS04, Orange's "OFR_999"...). A rule set for one provider maps what it says to a
 * reason, consulted before the generic phrases when the remote host or recipient domain is theirs.
 */
export interface RhostInput {
  /** Remote MTA host name (lower-case), when the report names one. */
  remoteMta: string;
  /** Domain of the recipient address (lower-case). */
  recipientDomain: string;
  status: string | undefined;
  replyCode: number | undefined;
  /** The SMTP command that was refused (RCPT, DATA...), when known. */
  smtpCommand?: string | undefined;
  /** Normalised reply text: lower-case, whitespace collapsed. */
  text: string;
}

export interface RhostMatch {
  reason: Reason;
  /** What the provider said that decided it (a code, a phrase). */
  matched: string;
}

export interface RhostRules {
  /** Provider family, e.g. 'google', 'microsoft'. */
  readonly id: string;
  /**
   * Whose the reply is, declared rather than tested by each provider in turn (rhosts/index.ts indexes
   * them): a remote MTA that is one of `hosts` or under one ('mx1.mail.icloud.com' is under
   * 'icloud.com') is theirs.
   */
  readonly hosts: readonly string[];
  /** Recipient domains that are theirs: 'gmail.com' that domain only, '.onmicrosoft.com' its sub-domains. */
  readonly recipientDomains?: readonly string[];
  /** Words that only their servers write into a reply (lower-case): the reply is theirs whatever the host. */
  readonly markers?: readonly string[];
  reason(input: RhostInput): RhostMatch | undefined;
}
