import type { Kind, Reason } from '../../classify/reasons.js';
import type { AddressState, AddressStatus } from '../../policy/types.js';

/**
 * What an unblock request carries: the checks run when it was made (kept with it, so an admin decides
 * on the evidence of that moment and an auditor can see it later) and its decision.
 */
export type UnblockRequestState = 'pending' | 'approved' | 'denied';

/**
 * Whether the recipient's domain can receive mail (RFC 5321 section 5.1): its MX hosts; without MX, its
 * own A/AAAA address (the implicit MX); a null MX (RFC 7505, "." ) says it takes no mail at all.
 * `unknown` is a DNS failure (timeout, SERVFAIL): no conclusion is drawn from it.
 */
export interface MailDomainCheck {
  domain: string;
  status: 'mail' | 'no-mail' | 'unknown';
  source: 'mx' | 'implicit-mx' | 'null-mx' | 'nxdomain' | 'no-records' | 'dns-error';
  /** Mail hosts in preference order: the MX exchanges, or the domain itself under the implicit MX. */
  hosts: string[];
  /** One sentence: what DNS said. */
  detail: string;
}

/** What blocked the address, and its record, when the request was made. */
export interface BlockCheck {
  status: AddressStatus;
  reason: AddressState['reason'];
  /** The kind of the deciding verdict (hard, soft, complaint), null for an admin block. */
  kind: Kind | null;
  /** The deciding verdict's reason as classified, its status code and the server's words. */
  verdictReason: Reason | null;
  smtpStatus: string | null;
  diagnosticCode: string | null;
  blockedAt: string | null;
  /** Whole days between the block and the request. */
  ageDays: number | null;
  /** The event that blocked it (see GET /v1/addresses/{address}). */
  eventId: string | null;
  complaint: boolean;
  /** Unblocks so far, and the account's limit. */
  unblocks: number;
  maxUnblocks: number;
}

/**
 * An SMTP conversation with the domain's first mail host that stops before any message: EHLO, MAIL
 * FROM:<>, RCPT TO, QUIT. `rejected` (5xx at RCPT) is the mailbox server's own word that the address
 * does not take mail; `refused` means the server would not talk to us, which says nothing of the address.
 */
export type ProbeCheck =
  | {
      ran: false;
      why: string;
      /** The same, as a code for a page in another language (absent on requests made before it). */
      whyCode?: 'probe-off' | 'no-host';
    }
  | {
      ran: true;
      host: string;
      outcome: 'accepted' | 'rejected' | 'deferred' | 'refused' | 'failed';
      /** The reply that decided, e.g. 550 and "5.1.1 <x@example.org>: user unknown". */
      code: number | null;
      reply: string;
      /** For a 4xx/5xx reply: its reason and kind in the taxonomy. */
      reason: Reason | null;
      kind: Kind | null;
    };

export interface UnblockChecks {
  checkedAt: string;
  /** The address as given passed the syntax check (a malformed one is refused before any request). */
  syntax: { ok: true; address: string };
  domain: MailDomainCheck;
  block: BlockCheck;
  probe: ProbeCheck;
}

export interface UnblockDecision {
  state: 'approved' | 'denied';
  at: string;
  /** `key:ID` of the admin, or `rebound` for a decision the checks made alone. */
  by: string;
  note: string;
  /** For an address blocked by a complaint: how the recipient consented to mail again. */
  consent: string | null;
  automatic: boolean;
}

/** One line of a request's audit trail. */
export interface UnblockAuditEntry {
  at: string;
  actor: string;
  action: 'requested' | 'approved' | 'denied';
  note: string;
}

export interface UnblockRequestView {
  id: string;
  address: string;
  /** The requester's words. */
  reason: string;
  state: UnblockRequestState;
  requestedBy: string;
  createdAt: string;
  checks: UnblockChecks;
  decision: UnblockDecision | null;
  audit: UnblockAuditEntry[];
  explanation: string;
}

/** The actor of decisions Rebound makes alone (null-MX denials, the cap, auto-approval). */
export const AUTOMATIC_ACTOR = 'rebound';
