/**
 * Sender incidents: sender rejections grouped by sender and receiving domain, opened at a threshold,
 * grown by later rejections, closed after a quiet period or by an admin. Each opening and closing is
 * told to the Notifier, in the transaction that makes it. Holds no state of its own: every process sees the same incidents in the store.
 */
import { REASONS } from '../classify/reasons.js';
import { ReboundError } from '../errors.js';
import { keysetOf, pageOf } from '../service/pagination.js';
import type { Page, PageRequest } from '../service/types.js';
import type { EvidenceRow, IncidentRow, IncidentState, SenderKind } from '../store/incidents.js';
import type { Announce } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { DEFAULT_GUARD_SETTINGS, parseGuardSettings, type GuardSettings } from './guard-settings.js';
import { incidentView, type IncidentDetail, type IncidentView } from './incident-view.js';
import type { GuardEventType, Notifier } from './notifications.js';
import { repairViews } from './repair-view.js';
import { senderRejection, senderSideList, type BounceSignal, type IncidentKey } from './sender-rejection.js';

/** Whom an incident is about: a sender and a receiving domain, or none for a DNS blocklist listing. */
type IncidentScope = Omit<IncidentKey, 'receivingDomain'> & { receivingDomain: string | null };

/** Evidence and recipients shown on one incident; the counts cover all of it. */
const DETAIL_LIMIT = 50;

export interface IncidentTrackerDeps {
  store: Store;
  notifier: Notifier;
  now?: () => Date;
  /** Runs the retroactive repair for an incident (src/guard/sender-repair.ts). */
  repair?: (incident: IncidentRow, settings: GuardSettings) => Promise<void>;
}

/** Evidence the classifier filed against the recipient (a blocklist named in a "user rejected" reply). */
function blamedRecipient(e: EvidenceRow): boolean {
  return e.reason !== null && REASONS[e.reason].kind !== 'sender';
}

export class IncidentTracker {
  private readonly now: () => Date;

  constructor(private readonly deps: IncidentTrackerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async settings(accountId: string): Promise<GuardSettings> {
    const stored = await this.deps.store.incidents.guardSettings(accountId);
    if (stored === undefined) return DEFAULT_GUARD_SETTINGS;
    const parsed = parseGuardSettings(stored);
    // Validated on write; should a later version read them differently, the defaults hold.
    return parsed.ok ? parsed.settings : DEFAULT_GUARD_SETTINGS;
  }

  async updateSettings(accountId: string, input: unknown): Promise<GuardSettings> {
    const parsed = parseGuardSettings(input, await this.settings(accountId));
    if (!parsed.ok) throw new ReboundError('invalid_request', parsed.errors.join('; '));
    await this.deps.store.incidents.saveGuardSettings(accountId, { ...parsed.settings });
    return parsed.settings;
  }

  /** Takes the bounces of one ingest; the sender-side ones become evidence. Idempotent per bounce. */
  async observe(accountId: string, signals: BounceSignal[]): Promise<void> {
    // Most bounces are not about the sender: they cost no query.
    if (!signals.some((s) => senderSideList(s) !== undefined)) return;
    const settings = await this.settings(accountId);
    const groups = new Map<string, { key: IncidentKey; evidence: EvidenceRow[] }>();
    for (const signal of signals) {
      const rejection = senderRejection(signal, settings);
      if (rejection === null) continue;
      const id = `${rejection.key.sender}\n${rejection.key.receivingDomain}`;
      const group = groups.get(id) ?? { key: rejection.key, evidence: [] };
      group.evidence.push(rejection.evidence);
      groups.set(id, group);
    }
    // Each group is its own incident; all of them are read, added to and recounted a few statements
    // at a time (an import's batch brings dozens). The repairs, which may touch the same addresses, run
    // one after another.
    const recorded = await this.addEvidence(
      accountId,
      [...groups.values()].map(({ key, evidence }) => ({ scope: key, evidence })),
      settings,
    );
    for (const { incident, repair } of recorded) if (repair) await this.repair(incident, settings);
  }

  /**
   * Adds evidence to the live incident of this sender and scope (creating it), opens it at the threshold
   * and runs the repair when it may have something to repair. Returns the incident as it now stands.
   */
  async record(
    accountId: string,
    sender: string,
    senderKind: SenderKind,
    receivingDomain: string | null,
    evidence: EvidenceRow[],
    settings: GuardSettings,
  ): Promise<IncidentRow | undefined> {
    const scope = { sender, senderKind, receivingDomain };
    const [recorded] = await this.addEvidence(accountId, [{ scope, evidence }], settings);
    if (recorded?.repair) await this.repair(recorded.incident, settings);
    return recorded?.incident;
  }

  private async repair(incident: IncidentRow | undefined, settings: GuardSettings): Promise<void> {
    if (incident !== undefined) await this.deps.repair?.(incident, settings);
  }

  /** record() for several incidents at once, but the repairs: whether one is due is returned, in order. */
  private async addEvidence(
    accountId: string,
    groups: { scope: IncidentScope; evidence: EvidenceRow[] }[],
    settings: GuardSettings,
  ): Promise<{ incident: IncidentRow | undefined; repair: boolean }[]> {
    const incidents = this.deps.store.incidents;
    const seenAt = this.now().toISOString();
    const rows = await this.liveOrCreated(accountId, groups, seenAt);
    const added = await incidents.addEvidence(
      accountId,
      rows.map((row, i) => ({ incidentId: row.id, rows: groups[i]?.evidence ?? [] })),
    );
    const counted = new Map(
      (await incidents.refreshIncidents(accountId, [...added.keys()], seenAt)).map((row) => [row.id, row]),
    );
    return Promise.all(
      rows.map(async (row) => {
        const fresh = added.get(row.id) ?? [];
        if (fresh.length === 0) return { incident: row, repair: false };
        const { now, opened } = await this.openAtThreshold(row, counted.get(row.id), seenAt, settings);
        // The repair scans the domain's blocked addresses: when the incident opens, and when a rejection
        // that blocked an address (not of kind sender) joins it. A burst of plain sender rejections costs
        // no scan.
        return { incident: now, repair: now?.state === 'open' && (opened || fresh.some(blamedRecipient)) };
      }),
    );
  }

  /** The live incident of each group's sender and scope, in the groups' order; created where there is none. */
  private async liveOrCreated(
    accountId: string,
    groups: { scope: IncidentScope; evidence: EvidenceRow[] }[],
    seenAt: string,
  ): Promise<IncidentRow[]> {
    const incidents = this.deps.store.incidents;
    const key = (sender: string, receivingDomain: string | null) => `${sender}\n${receivingDomain ?? ''}`;
    const live = await incidents.liveIncidents(
      accountId,
      groups.map((g) => g.scope),
    );
    const byKey = new Map(live.map((row) => [key(row.sender, row.receivingDomain), row]));
    return Promise.all(
      groups.map(
        ({ scope, evidence }) =>
          byKey.get(key(scope.sender, scope.receivingDomain)) ??
          incidents.createIncident({
            accountId,
            state: 'pending',
            sender: scope.sender,
            senderKind: scope.senderKind,
            receivingDomain: scope.receivingDomain,
            blocklists: [],
            reasons: [],
            evidenceCount: 0,
            recipientCount: 0,
            firstSeen: evidence.reduce((min, e) => (e.at < min ? e.at : min), seenAt),
            lastSeen: seenAt,
            openedAt: null,
            closedAt: null,
            closedBy: null,
            closeNote: null,
          }),
      ),
    );
  }

  /**
   * Opens a pending incident whose evidence reached the threshold. Returns the incident as it now stands,
   * and whether this call opened it (another process may have been first).
   */
  private async openAtThreshold(
    before: IncidentRow,
    counted: IncidentRow | undefined,
    seenAt: string,
    settings: GuardSettings,
  ): Promise<{ now: IncidentRow | undefined; opened: boolean }> {
    // A listing found by a DNS check is a fact on its own; rejections wait for the threshold.
    const threshold = before.receivingDomain === null ? 1 : settings.openThreshold;
    const unchanged = { now: counted, opened: false };
    if (before.state !== 'pending' || (counted?.evidenceCount ?? 0) < threshold) return unchanged;
    const incidents = this.deps.store.incidents;
    const announce = this.announce('incident.opened', settings);
    if (!(await incidents.openIncident(before.accountId, before.id, seenAt, announce))) return unchanged;
    this.deps.notifier.committed();
    return { now: await incidents.getIncident(before.accountId, before.id), opened: true };
  }

  async list(
    accountId: string,
    filter: { state?: IncidentState | undefined },
    page: PageRequest,
  ): Promise<Page<IncidentView>> {
    const keyset = keysetOf(page);
    const [rows, settings] = await Promise.all([
      this.deps.store.incidents.listIncidents(accountId, filter, keyset),
      this.settings(accountId),
    ]);
    return pageOf(
      rows,
      keyset.pageSize,
      (r) => r.id,
      (r) => incidentView(r, settings),
    );
  }

  async get(accountId: string, id: string): Promise<IncidentDetail | undefined> {
    const incidents = this.deps.store.incidents;
    const row = await incidents.getIncident(accountId, id);
    if (row === undefined) return undefined;
    const [settings, evidence, recipients, repairs] = await Promise.all([
      this.settings(accountId),
      incidents.evidence(accountId, id, DETAIL_LIMIT),
      incidents.recipients(accountId, id, DETAIL_LIMIT),
      incidents.repairs(accountId, id),
    ]);
    return {
      ...incidentView(row, settings),
      recipients: recipients.items,
      evidence,
      repairs: await repairViews(this.deps.store, row, repairs),
    };
  }

  /** An admin closes it: the hold lifts at once. Closing a closed incident is refused. */
  async resolve(accountId: string, id: string, actor: string, note: string): Promise<IncidentDetail> {
    const close = { at: this.now().toISOString(), by: actor, note };
    const row = await this.deps.store.incidents.getIncident(accountId, id);
    if (row === undefined) throw new ReboundError('not_found', `There is no incident ${id}.`);
    const announce = this.announce('incident.closed', await this.settings(accountId));
    if (!(await this.deps.store.incidents.closeIncident(accountId, id, close, announce))) {
      throw new ReboundError('conflict', `Incident ${id} is already closed.`);
    }
    this.deps.notifier.committed();
    return (await this.get(accountId, id)) as IncidentDetail;
  }

  /** Closes a live incident for a reason other than an admin ('quiet', 'clear'). */
  async close(row: IncidentRow, by: 'quiet' | 'clear', note: string): Promise<void> {
    const at = this.now().toISOString();
    const announce = this.announce('incident.closed', await this.settings(row.accountId));
    if (await this.deps.store.incidents.closeIncident(row.accountId, row.id, { at, by, note }, announce)) {
      this.deps.notifier.committed();
    }
  }

  /** Closes every live incident, of every account, quiet for longer than its account's quiet period. */
  async closeQuiet(): Promise<number> {
    const now = this.now().getTime();
    // The shortest quiet period allowed: each candidate is then held to its own account's setting.
    const candidates = await this.deps.store.incidents.quietIncidents(
      new Date(now - 3_600_000).toISOString(),
    );
    let closed = 0;
    for (const row of candidates) {
      const { quietHours } = await this.settings(row.accountId);
      if (Date.parse(row.lastSeen) > now - quietHours * 3_600_000) continue;
      await this.close(row, 'quiet', `No new rejection for ${quietHours} hours.`);
      closed++;
    }
    return closed;
  }

  /**
   * Writes the event of an incident's change with it. Only incidents that were opened are told: one that
   * closes while still pending was never announced.
   */
  private announce(type: GuardEventType, settings: GuardSettings): Announce<IncidentRow> {
    return async (tx, row) => {
      if (row.openedAt === null) return;
      const at = this.now().toISOString();
      await this.deps.notifier.notifyWithin(tx, [
        { type, accountId: row.accountId, at, data: { ...incidentView(row, settings) } },
      ]);
    };
  }
}
