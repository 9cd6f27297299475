/** Feeds every ingested bounce (a mail's verdicts, or a reported bounce event) to the incident tracker. */
import type { Verdict } from '../classify/types.js';
import type { IngestObserver } from '../service/ingest-observer.js';
import type { NewEvent } from '../store/store.js';
import type { IncidentTracker } from './incident-tracker.js';
import type { BounceSignal } from './sender-rejection.js';

export function incidentObserver(tracker: Pick<IncidentTracker, 'observe'>): IngestObserver {
  return {
    afterBounces: (accountId, results, receivedAt) =>
      tracker.observe(
        accountId,
        results.flatMap((result) =>
          result.verdicts.map((v) => signalOfVerdict(v, result.bounceId, receivedAt)),
        ),
      ),
    afterEvents: (accountId, events) =>
      tracker.observe(
        accountId,
        events.flatMap((e) => {
          const signal = signalOfEvent(e);
          return signal === null ? [] : [signal];
        }),
      ),
  };
}

/** A bounce event as the guard reads it; other event types are not about the sender. */
export function signalOfEvent(e: NewEvent): BounceSignal | null {
  if (e.type !== 'bounced' || e.reason === null || e.kind === null) return null;
  return {
    recipient: e.address,
    reason: e.reason,
    kind: e.kind,
    text: e.diagnosticCode ?? e.status ?? '',
    blocklist: null,
    at: e.at,
    ref: e.messageId ?? e.at,
    sendingAddress: null,
    source: 'event',
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
