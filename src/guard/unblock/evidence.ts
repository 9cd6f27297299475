import type { Reason } from '../../classify/reasons.js';
import { meaning, when } from '../../policy/explain.js';
import { daysBetween } from '../../policy/time-rules.js';
import type { PolicySettings } from '../../policy/types.js';
import type { AddressDetail } from '../../service/types.js';
import type { UnblockRequestRow } from '../../store/unblocks.js';
import {
  AUTOMATIC_ACTOR,
  type BlockCheck,
  type UnblockAuditEntry,
  type UnblockChecks,
  type UnblockDecision,
  type UnblockRequestView,
} from './types.js';

/**
 * The pure half of unblock requests: what the address's record says, what the checks decide alone,
 * and the sentences. No I/O; "now" is an argument.
 */

export function blockCheck(
  detail: AddressDetail,
  unblocks: number,
  settings: PolicySettings,
  now: Date,
): BlockCheck {
  const verdict = detail.decidedBy;
  return {
    status: detail.status,
    reason: detail.reason,
    kind: verdict?.kind ?? (detail.reason === 'complaint' ? 'complaint' : null),
    verdictReason: verdict?.reason ?? null,
    smtpStatus: verdict?.status ?? null,
    diagnosticCode: verdict?.diagnosticCode ?? null,
    blockedAt: detail.blockedAt,
    ageDays: detail.blockedAt === null ? null : daysBetween(detail.blockedAt, now),
    eventId: verdict?.eventId ?? null,
    complaint: detail.reason === 'complaint',
    unblocks,
    maxUnblocks: settings.maxUnblocks,
  };
}

export type AutoDecision = { state: 'approved' | 'denied'; note: string } | undefined;

/**
 * What the checks settle without an admin. Denied: a domain that takes no mail (nothing could ever be
 * delivered) and an address at its unblock limit. Approved, only when the account opted in
 * (autoApproveAfterDays): a hard-bounce block at least that old, at a domain that takes mail, not a
 * complaint, under the limit, and no probe that the mailbox server refused. Everything else waits.
 */
export function autoDecision(checks: UnblockChecks, settings: PolicySettings): AutoDecision {
  const { domain, block, probe } = checks;
  if (domain.status === 'no-mail') {
    return {
      state: 'denied',
      note: `Denied automatically: ${domain.detail} Mail to this address cannot be delivered.`,
    };
  }
  if (block.unblocks >= block.maxUnblocks) {
    return {
      state: 'denied',
      note: `Denied automatically: the address was unblocked ${times(block.unblocks)} already; the limit is ${block.maxUnblocks}.`,
    };
  }
  const days = settings.autoApproveAfterDays;
  const fine =
    days !== null &&
    block.kind === 'hard' &&
    !block.complaint &&
    domain.status === 'mail' &&
    block.ageDays !== null &&
    block.ageDays >= days &&
    !(probe.ran && probe.outcome === 'rejected');
  if (!fine) return undefined;
  return {
    state: 'approved',
    note:
      `Approved automatically: the hard bounce is ${block.ageDays} days old (at least ${days}), ` +
      `${clause(domain.detail)}, and it was no complaint.`,
  };
}

export function requestView(row: UnblockRequestRow): UnblockRequestView {
  const decision = decisionOf(row);
  return {
    id: row.id,
    address: row.address,
    reason: row.reason,
    state: row.state,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt,
    checks: row.checks,
    decision,
    audit: auditOf(row, decision),
    explanation: explainRequest(row, decision),
  };
}

function decisionOf(row: UnblockRequestRow): UnblockDecision | null {
  if (row.state === 'pending' || row.decidedAt === null || row.decidedBy === null) return null;
  return {
    state: row.state,
    at: row.decidedAt,
    by: row.decidedBy,
    note: row.note ?? '',
    consent: row.consent,
    automatic: row.decidedBy === AUTOMATIC_ACTOR,
  };
}

function auditOf(row: UnblockRequestRow, decision: UnblockDecision | null): UnblockAuditEntry[] {
  const asked: UnblockAuditEntry = {
    at: row.createdAt,
    actor: row.requestedBy,
    action: 'requested',
    note: row.reason,
  };
  if (decision === null) return [asked];
  const consent = decision.consent === null ? '' : ` (consent: ${decision.consent})`;
  return [
    asked,
    { at: decision.at, actor: decision.by, action: decision.state, note: decision.note + consent },
  ];
}

/** One sentence on where the request stands, with the evidence an admin weighs first. */
export function explainRequest(row: UnblockRequestRow, decision: UnblockDecision | null): string {
  if (decision !== null) {
    const who = decision.automatic ? 'automatically' : `by ${decision.by}`;
    const verb = decision.state === 'approved' ? 'Approved' : 'Denied';
    return `${verb} ${who} on ${when(decision.at)}: ${decision.note}`;
  }
  const { block, domain, probe } = row.checks;
  const age = block.ageDays === null ? '' : `, ${block.ageDays} days ago`;
  const probed = probe.ran ? ` The mail host ${probe.host} ${probeWords(probe.outcome)}.` : '';
  return (
    `Waiting for an administrator: blocked by ${blockedBy(block)}${age}; unblocked ${times(block.unblocks)} ` +
    `of ${block.maxUnblocks} allowed. ${domain.detail}${probed}`
  );
}

function blockedBy(block: BlockCheck): string {
  if (block.complaint) return "a complaint (approval needs the recipient's consent)";
  if (block.reason === 'admin') return 'an administrator';
  const reason = block.verdictReason ?? (block.reason === null ? null : block.reason);
  if (reason === null) return 'an unknown cause';
  const code = block.smtpStatus === null ? '' : ` (${block.smtpStatus})`;
  const kind =
    block.kind === 'soft'
      ? 'soft bounce turned hard'
      : block.kind === null
        ? 'bounce'
        : `${block.kind} bounce`;
  return `a ${kind}: ${meaning(reason as Reason)}${code}`;
}

function probeWords(outcome: Extract<UnblockChecks['probe'], { ran: true }>['outcome']): string {
  switch (outcome) {
    case 'accepted':
      return 'accepted the recipient';
    case 'rejected':
      return 'refused the recipient';
    case 'deferred':
      return 'deferred the recipient (temporary)';
    case 'refused':
      return 'would not talk to us, which says nothing of the recipient';
    case 'failed':
      return 'could not be asked';
  }
}

/** A sentence as a clause inside another: "The domain x has MX y." -> "the domain x has MX y". */
function clause(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1).replace(/\.$/, '');
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}
