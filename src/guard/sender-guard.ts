/**
 * The sender guard's parts built on one store: the incident tracker with its repair, the send-gate hold
 * source, the DNS blocklist checker, and the observer the service tells of every bounce. Built by the
 * composition root (src/server.ts) and by tests, the same way.
 */
import type { PolicySettings } from '../policy/types.js';
import type { IngestObserver } from '../service/ingest-observer.js';
import type { Store } from '../store/store.js';
import { BlocklistChecker } from './blocklist-checker.js';
import { IncidentHolds } from './incident-holds.js';
import { incidentObserver } from './incident-observer.js';
import { IncidentTracker } from './incident-tracker.js';
import type { Notifier } from './notifications.js';
import { senderRepair } from './sender-repair.js';

export interface SenderGuardDeps {
  store: Store;
  notifier: Notifier;
  policySettings(accountId: string): Promise<PolicySettings>;
  dnsServers: readonly string[];
  dnsTimeoutMs?: number;
  now?: () => Date;
}

export interface SenderGuard {
  tracker: IncidentTracker;
  holds: IncidentHolds;
  checker: BlocklistChecker;
  observer: IngestObserver;
}

export function createSenderGuard(deps: SenderGuardDeps): SenderGuard {
  const { store, notifier, now } = deps;
  const repair = senderRepair({ store, notifier, policySettings: deps.policySettings, now });
  const tracker = new IncidentTracker({ store, notifier, now, repair });
  return {
    tracker,
    holds: new IncidentHolds({ store, settings: (id) => tracker.settings(id), now }),
    checker: new BlocklistChecker({
      store,
      tracker,
      dnsServers: deps.dnsServers,
      timeoutMs: deps.dnsTimeoutMs,
      now,
    }),
    observer: incidentObserver(tracker),
  };
}
