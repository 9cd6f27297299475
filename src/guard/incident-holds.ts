/**
 * The send gate's view of sender incidents: while an incident is open, mail to its receiving domain
 * waits (hold mode), or waits except one minute in every N (slow mode: a trickle that shows whether
 * the block has lifted). A hold never touches an address's state.
 */
import type { Store } from '../store/store.js';
import type { GuardSettings } from './guard-settings.js';
import type { Hold, HoldSource } from './holds.js';
import { explainIncident } from './incident-view.js';

export interface IncidentHoldDeps {
  store: Store;
  settings(accountId: string): Promise<GuardSettings>;
  now?: () => Date;
}

export class IncidentHolds implements HoldSource {
  private readonly now: () => Date;

  constructor(private readonly deps: IncidentHoldDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async activeHolds(accountId: string): Promise<Hold[]> {
    const [open, settings] = await Promise.all([
      this.deps.store.incidents.openIncidents(accountId),
      this.deps.settings(accountId),
    ]);
    const now = this.now().getTime();
    if (settings.holdMode === 'slow' && inProbeMinute(now, settings.slowEveryMinutes)) return [];
    // An incident past its quiet period no longer holds, even before the sweep has closed it.
    const quietSince = now - settings.quietHours * 3_600_000;
    const holds: Hold[] = [];
    for (const incident of open) {
      if (incident.receivingDomain === null || Date.parse(incident.lastSeen) < quietSince) continue;
      holds.push({
        scope: { kind: 'domain', domain: incident.receivingDomain },
        source: 'incident',
        sourceId: incident.id,
        explanation: `Incident ${incident.id}: ${explainIncident(incident, settings)}`,
        since: incident.openedAt ?? incident.firstSeen,
      });
    }
    return holds;
  }
}

/** The first minute of every `every` minutes since the epoch: the same minutes in every process. */
export function inProbeMinute(nowMs: number, every: number): boolean {
  return Math.floor(nowMs / 60_000) % every === 0;
}
