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
  /** Does this host or domain belong to the provider? Cheap suffix tests. */
  owns(input: RhostInput): boolean;
  reason(input: RhostInput): RhostMatch | undefined;
}
