/**
 * The send gate as an SMTP relay says it: what the service's check() answered, turned into accept or a
 * refusal with the reason and the sentence that explains it, so the CRM's log says why.
 */
import type { CheckResult } from '../../service/types.js';

export type GateDecision =
  | { kind: 'accept' }
  /** Permanent: the address is blocked. 550 at RCPT (smtp-server adds 5.1.1). */
  | { kind: 'refuse'; code: 550; reason: string; explanation: string }
  /**
   * Temporary: issue 5 (pausing a sender) answers 451 here. check() reports no such state yet, so nothing
   * produces it today; the relay and the HTTP route already handle it.
   */
  | { kind: 'defer'; code: 451; reason: string; explanation: string };

export function decide(result: CheckResult): GateDecision {
  if (result.allowed) return { kind: 'accept' };
  return {
    kind: 'refuse',
    code: 550,
    reason: result.reason ?? result.state,
    explanation: result.explanation,
  };
}

/** The reply text: `address blocked: userunknown - <explanation>`. */
export function refusalText(decision: Exclude<GateDecision, { kind: 'accept' }>): string {
  const what = decision.kind === 'refuse' ? 'address blocked' : 'sending paused';
  return `${what}: ${decision.reason} - ${oneLine(decision.explanation)}`;
}

/** A reply line may not carry CR or LF. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
