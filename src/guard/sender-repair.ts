/**
 * Retroactive repair: an address that a receiving domain blocked with a rejection the incident shows to
 * be about the sender (its text names the same blocklist, or the same client IP, as the incident's
 * rejections) is unblocked, with an audited `sender-repair` signal by `incident:ID` (it does not count
 * towards the address's unblock limit) and an `address.unblocked` notification. Careful by construction:
 *   - only addresses at the incident's receiving domain, blocked by a bounce (never by an admin or a complaint);
 *   - only blocks since the incident's first rejection, less the lookback period;
 *   - only when at least `repairMinRecipients` distinct recipients' rejections name that list or IP;
 *   - each address once per incident (a repair row claims it before the unblock is written).
 */
import type { PolicySettings } from '../policy/types.js';
import { actionEvent } from '../service/action-event.js';
import { recordSignals } from '../service/apply-signals.js';
import { addressView } from '../service/views.js';
import type { IncidentRow } from '../store/incidents.js';
import type { AddressRow, EventRow, Store } from '../store/store.js';
import type { GuardSettings } from './guard-settings.js';
import type { Notifier } from './notifications.js';
import { sayRepair, tieToIncident, type RepairParams, type Tie } from './repair-view.js';

export interface RepairDeps {
  store: Store;
  notifier: Notifier;
  policySettings(accountId: string): Promise<PolicySettings>;
  now?: () => Date;
}

/** Enough for a burst at one domain; the rest waits for the incident's next rejection. */
const MAX_CANDIDATES = 1000;
const PAGE = 200;
const EVIDENCE_READ = 1000;

interface Candidate {
  row: AddressRow;
  event: EventRow;
  tie: Tie;
}

export function senderRepair(
  deps: RepairDeps,
): (incident: IncidentRow, settings: GuardSettings) => Promise<void> {
  const now = deps.now ?? (() => new Date());
  return async (incident, settings) => {
    if (!settings.repair || incident.receivingDomain === null) return;
    const since = new Date(
      Date.parse(incident.firstSeen) - settings.repairLookbackDays * 86_400_000,
    ).toISOString();
    const candidates = await blockedBySender(deps.store, incident, since);
    if (candidates.length === 0) return;
    const evidence = await deps.store.incidents.evidence(incident.accountId, incident.id, EVIDENCE_READ);
    const proof = new Set(candidates.map((c) => c.row.address));
    for (const e of evidence)
      if (e.recipient !== null && tieToIncident(e.text, incident) !== null) proof.add(e.recipient);
    if (proof.size < settings.repairMinRecipients) return;
    const policy = await deps.policySettings(incident.accountId);
    for (const candidate of candidates) {
      await repairOne(deps, incident, candidate, proof.size, policy, now().toISOString());
    }
  };
}

async function blockedBySender(store: Store, incident: IncidentRow, since: string): Promise<Candidate[]> {
  const out: Candidate[] = [];
  let after: string | null = null;
  for (let seen = 0; seen < MAX_CANDIDATES; seen += PAGE) {
    const rows = await store.listAddresses(
      incident.accountId,
      { status: 'blocked', domain: incident.receivingDomain ?? undefined },
      { after, limit: PAGE },
    );
    for (const row of rows) {
      if (row.blockedAt === null || row.blockedAt < since || row.decidedBy === null) continue;
      if (row.reason === 'admin' || row.reason === 'complaint') continue;
      const history = await store.addressHistory(incident.accountId, row.address);
      const event = history.find((e) => e.id === row.decidedBy);
      if (event?.type !== 'bounced' || event.diagnosticCode === null) continue;
      const tie = tieToIncident(event.diagnosticCode, incident);
      if (tie !== null) out.push({ row, event, tie });
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)?.address ?? null;
  }
  return out;
}

async function repairOne(
  deps: RepairDeps,
  incident: IncidentRow,
  { row, event, tie }: Candidate,
  recipients: number,
  policy: PolicySettings,
  at: string,
): Promise<void> {
  const params: RepairParams = {
    blockedAt: event.at,
    reason: event.reason,
    receivingDomain: incident.receivingDomain ?? '',
    tie,
    incidentId: incident.id,
  };
  const explanation = sayRepair(row.address, params, recipients);
  const claimed = await deps.store.incidents.addRepair(incident.accountId, incident.id, {
    address: row.address,
    blockedBy: event.id,
    explanation,
    at,
  });
  if (!claimed) return;
  const unblock = actionEvent(
    incident.accountId,
    row.address,
    'sender-repair',
    at,
    { actor: `incident:${incident.id}`, note: explanation },
    `incident-repair:${incident.id}:${row.address}`,
  );
  // The announcement is written with the unblock: a crash between the two cannot keep one without the other.
  const announced = await deps.store.transaction(async (tx) => {
    const updated = (await recordSignals(tx, incident.accountId, [unblock], policy)).get(row.address);
    if (updated === undefined || updated.status === 'blocked') return false;
    await deps.notifier.notifyWithin(tx, [
      {
        type: 'address.unblocked',
        accountId: incident.accountId,
        at,
        data: { ...addressView(updated, policy), incidentId: incident.id, repair: explanation },
      },
    ]);
    return true;
  });
  if (announced) deps.notifier.committed();
}
