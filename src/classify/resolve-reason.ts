import { matchPhrases, normalise } from './phrase-match.js';
import { REASONS, type Reason } from './reasons.js';
import { reasonOfStatus } from './status-code.js';
import { rhostReason } from './rhosts/index.js';
import type { Evidence } from './types.js';

export interface ReasonInput {
  decoderReason?: Reason | undefined;
  decoderRule?: string | undefined;
  status?: string | undefined;
  replyCode?: number | undefined;
  action?: string | undefined;
  smtpCommand?: string | undefined;
  /** The server's reply text for this recipient. */
  diagnostic: string;
  remoteMta?: string | undefined;
  recipientDomain?: string | undefined;
}

export interface Resolution {
  reason: Reason;
  evidence: Evidence;
}

/**
 * One place decides the reason of a recipient, in this order:
 * 1. a reason the decoder knows for certain (a provider's own code);
 * 2. a receiving provider's own words or codes (rhosts/), when the host or domain is theirs;
 * 3. what the server said, by phrase (the text is more specific than the code: servers send
 *    5.7.1 or 5.0.0 for everything);
 * 4. an enhanced status code with a single meaning;
 * 5. the SMTP command that failed, the action, or nothing at all.
 */
export function resolveReason(input: ReasonInput): Resolution {
  if (input.decoderReason) {
    return { reason: input.decoderReason, evidence: { rule: input.decoderRule ?? 'decoder', matched: input.diagnostic } };
  }
  const text = normalise(input.diagnostic);
  const provider = rhostReason({
    remoteMta: input.remoteMta?.toLowerCase() ?? '',
    recipientDomain: input.recipientDomain ?? '',
    status: input.status,
    replyCode: input.replyCode,
    text,
  });
  if (provider) {
    return { reason: provider.reason, evidence: { rule: `provider ${provider.id}`, matched: provider.matched } };
  }
  const byStatus = reasonOfStatus(input.status);
  const hit = matchPhrases(text)[0];
  if (hit && !(byStatus && statusOutranksPhrase(byStatus, hit.reason))) {
    return { reason: hit.reason, evidence: { rule: `phrase ${hit.reason}`, matched: hit.phrase } };
  }
  if (byStatus) {
    return { reason: byStatus, evidence: { rule: `status ${input.status}`, matched: input.status ?? '' } };
  }
  return fallback(input);
}

/**
 * A specific status code beats a phrase only when it names a recipient-side fact that the phrase
 * would soften: '5.1.1 ... mailbox unavailable' stays userunknown. Sender-side phrases always win,
 * since a blocklist rejection is often sent with a recipient-looking code.
 */
function statusOutranksPhrase(byStatus: Reason, phraseReason: Reason): boolean {
  if (byStatus === phraseReason) return false;
  if (REASONS[phraseReason].kind === 'sender') return false;
  return REASONS[byStatus].rank > REASONS[phraseReason].rank && REASONS[byStatus].kind === 'hard';
}

function fallback(input: ReasonInput): Resolution {
  const command = input.smtpCommand?.toUpperCase();
  if (command === 'MAIL') {
    return { reason: 'rejected', evidence: { rule: 'command MAIL FROM refused', matched: command } };
  }
  if (input.action === 'delayed') {
    return { reason: 'expired', evidence: { rule: 'action delayed', matched: 'delayed' } };
  }
  if (input.action === 'delivered' || input.action === 'relayed' || input.action === 'expanded') {
    return { reason: 'delivered', evidence: { rule: `action ${input.action}`, matched: input.action } };
  }
  const shown = input.status ?? (input.replyCode ? String(input.replyCode) : '');
  return { reason: shown ? 'undefined' : 'onhold', evidence: { rule: 'no rule matched', matched: shown } };
}
