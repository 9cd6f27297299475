/**
 * The send gate as an SMTP relay says it: what the service's check() answered, turned into accept or a
 * refusal with the reason and the sentence that explains it, so the CRM's log says why.
 */
import type { CheckResult } from '../../service/types.js';

export type GateDecision =
  | { kind: 'accept' }
  /** Permanent: the address is blocked. 550 at RCPT (smtp-server adds 5.1.1). */
  | { kind: 'refuse'; code: 550; reason: string; explanation: string }
  /** Temporary: a pause or a sender incident holds the recipient (451); the client retries later. */
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
 * The reply text: `address blocked: userunknown - <explanation>`, or for a hold `sending held: pause -
 * <explanation>`. smtp-server puts the enhanced code in front (5.1.1 for 550, 4.3.0 for 451): it takes
 * none from the application.
 */
export function refusalText(decision: Exclude<GateDecision, { kind: 'accept' }>): string {
  const what = decision.kind === 'refuse' ? 'address blocked' : 'sending held';
  return `${what}: ${decision.reason} - ${oneLine(decision.explanation)}`;
}

/** A reply line may not carry CR or LF. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
