/**
 * The send gate as an SMTP relay says it: what the service's check() answered, turned into accept or a
 * refusal with the reason and the sentence that explains it, so the CRM's log says why.
 */
import type { CheckResult } from '../../service/types.js';

export type GateDecision =
  | { kind: 'accept' }
  /** Permanent: the address is blocked. 550 at RCPT (smtp-server adds 5.1.1). */
  | { kind: 'refuse'; code: 550; reason: string; explanation: string }
  /** Temporary: a pause or a sender incident holds the recipient (451 4.7.1); the client retries later. */
  | { kind: 'defer'; code: 451; reason: string; explanation: string };

export function decide(result: CheckResult): GateDecision {
  if (result.allowed) return { kind: 'accept' };
  if (result.held !== undefined) {
    return { kind: 'defer', code: 451, reason: result.held.source, explanation: result.held.explanation };
  }
  return {
    kind: 'refuse',
    code: 550,
    reason: result.reason ?? result.state,
    explanation: result.explanation,
  };
}

/**
 * The reply text: `address blocked: userunknown - <explanation>`, or for a hold `4.7.1 sending held: pause -
 * <explanation>` (smtp-server keeps an enhanced code the text starts with; 4.7.1: refused by policy, for now).
 */
export function refusalText(decision: Exclude<GateDecision, { kind: 'accept' }>): string {
  if (decision.kind === 'defer')
    return `4.7.1 sending held: ${decision.reason} - ${oneLine(decision.explanation)}`;
  return `address blocked: ${decision.reason} - ${oneLine(decision.explanation)}`;
}

/** A reply line may not carry CR or LF. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
