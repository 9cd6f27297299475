/** Feeds the verdicts of every ingested bounce mail to the incident tracker. */
import type { Verdict } from '../classify/types.js';
import type { IngestObserver } from '../service/ingest-observer.js';
import type { IncidentTracker } from './incident-tracker.js';
import type { BounceSignal } from './sender-rejection.js';

export function incidentObserver(tracker: Pick<IncidentTracker, 'observe'>): IngestObserver {
  return {
    afterBounce: (accountId, result, receivedAt) =>
      tracker.observe(
        accountId,
        result.verdicts.map((v) => signalOfVerdict(v, result.bounceId, receivedAt)),
      ),
  };
}

export function signalOfVerdict(v: Verdict, bounceId: string | null, receivedAt: string): BounceSignal {
  return {
    recipient: v.recipient.trim().toLowerCase(),
    reason: v.reason,
    kind: v.kind,
    text: v.diagnosticCode ?? '',
    blocklist: v.blocklist,
    // The report's date when it is not in the future, as the event log keeps it.
    at: v.date !== null && v.date < receivedAt ? v.date : receivedAt,
    ref: bounceId ?? v.original.messageId ?? receivedAt,
    sendingAddress: v.original.sender,
    source: 'bounce',
  };
}
