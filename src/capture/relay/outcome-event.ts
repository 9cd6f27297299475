/**
 * A recipient's upstream outcome as the event the service records. The time is the outcome's own, kept in
 * its marker, so the same outcome replayed after a crash is the same event and counts once.
 */
import { classifySmtpReply } from '../../classify/smtp-reply.js';
import type { EventInput } from '../../service/types.js';
import type { Envelope, Outcome } from './spool.js';

export function outcomeEvent(envelope: Envelope, index: number, outcome: Outcome): EventInput | undefined {
  const recipient = envelope.recipients[index];
  if (recipient === undefined) return undefined;
  const base = { recipient, messageId: envelope.messageId, at: outcome.at, campaign: envelope.campaign };
  if (outcome.outcome === 'sent') return { type: 'sent', ...base, spam: envelope.spam };
  // Given up without any answer from the upstream: nothing is known about the recipient; blaming the
  // address for our own outage would be wrong.
  if (outcome.replyCode === null) return undefined;
  const command = outcome.outcome === 'bounced' ? (outcome.command ?? undefined) : undefined;
  const verdict = classifySmtpReply(outcome.replyCode, outcome.text, command);
  return {
    type: 'bounced',
    ...base,
    reason: verdict.reason,
    status: verdict.status ?? undefined,
    replyCode: outcome.replyCode,
    diagnosticCode: verdict.diagnosticCode,
  };
}
