import { namedBlocklist } from './blocklist.js';
import { REASONS, isHardBounce, type Kind, type Reason } from './reasons.js';
import { resolveReason } from './resolve-reason.js';
import { findStatus } from './status-code.js';
import type { Evidence } from './types.js';

export interface ReplyVerdict {
  reason: Reason;
  kind: Kind;
  hardBounce: boolean;
  status: string | null;
  replyCode: number;
  smtpCommand: string | null;
  diagnosticCode: string;
  blocklist: string | null;
  evidence: Evidence;
}

/**
 * Classify a reply seen during an SMTP session (a relay's RCPT or DATA rejection) in the same
 * taxonomy as bounce mails. `text` is the reply without or with its leading code; multi-line
 * replies may be joined with spaces or newlines.
 */
export function classifySmtpReply(code: number, text: string, command?: string): ReplyVerdict {
  const diagnostic = text.replace(/\s+/g, ' ').trim();
  const status = findStatus(diagnostic);
  const resolved: { reason: Reason; evidence: Evidence } =
    code >= 200 && code < 300
      ? { reason: 'delivered', evidence: { rule: `reply ${code}`, matched: String(code) } }
      : resolveReason({ status, replyCode: code, smtpCommand: command, diagnostic });
  const kind = REASONS[resolved.reason].kind;
  return {
    reason: resolved.reason,
    kind,
    hardBounce: code >= 500 && isHardBounce(resolved.reason, code, status ?? null, diagnostic),
    status: status ?? null,
    replyCode: code,
    smtpCommand: command?.toUpperCase() ?? null,
    diagnosticCode: diagnostic,
    blocklist: kind === 'sender' ? namedBlocklist(diagnostic) : null,
    evidence: resolved.evidence,
  };
}
