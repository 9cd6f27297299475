import type { Reason } from '../classify/reasons.js';
import type { Announce } from './outbox.js';
import type { Keyset } from './store.js';

/**
 * What the sender-incident guard persists: incidents with their evidence and repairs, DNS blocklist
 * check results, and the guard settings of each account. The rules live in src/guard/; this only
 * remembers. Exposed as `store.incidents`; SQLite and PostgreSQL pass one test suite.
 */
export type IncidentState = 'pending' | 'open' | 'closed';

/** The sender an incident is about: an IP the receiver named or we send from, or a sending domain. */
export type SenderKind = 'ip' | 'domain' | 'unknown';

export interface IncidentRow {
  id: string;
  accountId: string;
  state: IncidentState;
  sender: string;
  senderKind: SenderKind;
  /** The receiving domain that refuses; null when a DNS blocklist check found the listing. */
  receivingDomain: string | null;
  blocklists: string[];
  reasons: Reason[];
  /** Rejections (or listings) counted so far. */
  evidenceCount: number;
  /** Distinct recipients among the evidence. */
  recipientCount: number;
  firstSeen: string;
  lastSeen: string;
  openedAt: string | null;
  closedAt: string | null;
  /** `quiet` (no rejection for the quiet period), `clear` (the DNS check no longer lists it), or `key:ID`. */
  closedBy: string | null;
  closeNote: string | null;
}

export type NewIncident = Omit<IncidentRow, 'id'>;

export interface EvidenceRow {
  /** Dedupe key within the incident: the same rejection seen twice counts once. */
  key: string;
  recipient: string | null;
  reason: Reason | null;
  blocklist: string | null;
  /** The receiver's words (or the DNS answer), as it said them. */
  text: string;
  at: string;
  bounceId: string | null;
  source: 'bounce' | 'event' | 'dnsbl';
}

/** Evidence for one incident. */
export interface EvidenceBatch {
  incidentId: string;
  rows: EvidenceRow[];
}

/** A live incident's identity: its sender and receiving domain (null: a DNS-check incident). */
export interface IncidentRef {
  sender: string;
  receivingDomain: string | null;
}

export interface RepairRow {
  address: string;
  /** The event that had blocked the address. */
  blockedBy: string;
  explanation: string;
  at: string;
}

export type CheckOutcome = 'listed' | 'clear' | 'unchecked';

export interface CheckRow {
  id: string;
  accountId: string;
  checkedAt: string;
  target: string;
  targetKind: 'ip' | 'domain';
  zone: string;
  outcome: CheckOutcome;
  /** The A records the zone answered (127.0.0.x), empty when not listed. */
  codes: string[];
  /** What the answer means: the list's own words for the code, or why it could not be checked. */
  meaning: string;
  incidentId: string | null;
}

export type NewCheck = Omit<CheckRow, 'id'>;

export interface IncidentStore {
  /** Inserts, or returns the live (pending or open) incident already there for the same sender and scope. */
  createIncident(incident: NewIncident): Promise<IncidentRow>;
  /** The live incident for this sender and receiving domain (null: DNS-check incidents). */
  findLive(
    accountId: string,
    sender: string,
    receivingDomain: string | null,
  ): Promise<IncidentRow | undefined>;
  /** The live incidents of these senders and scopes, in no particular order; one query for many. */
  liveIncidents(accountId: string, scopes: readonly IncidentRef[]): Promise<IncidentRow[]>;
  getIncident(accountId: string, id: string): Promise<IncidentRow | undefined>;
  /**
   * Recounts the incidents from all their evidence (counts, first time, blocklists and reasons, sorted)
   * and saves them; `seenAt` moves lastSeen forward, never back. Returns the rows as saved; an incident
   * without evidence is neither changed nor returned.
   */
  refreshIncidents(accountId: string, ids: readonly string[], seenAt: string): Promise<IncidentRow[]>;
  /**
   * pending -> open, announced by `announce` in the same transaction; true for the one caller that made
   * the change (only its announcement is written).
   */
  openIncident(accountId: string, id: string, at: string, announce: Announce<IncidentRow>): Promise<boolean>;
  /** pending or open -> closed, announced in the same transaction; true for the one caller that made it. */
  closeIncident(
    accountId: string,
    id: string,
    close: { at: string; by: string; note: string },
    announce: Announce<IncidentRow>,
  ): Promise<boolean>;
  /** Newest first; `after` is an incident id. */
  listIncidents(
    accountId: string,
    filter: { state?: IncidentState | undefined },
    page: Keyset,
  ): Promise<IncidentRow[]>;
  /** Open incidents of the account (what the send gate holds on). */
  openIncidents(accountId: string): Promise<IncidentRow[]>;
  /** Live incidents of every account whose last evidence is older than `before`. */
  quietIncidents(before: string): Promise<IncidentRow[]>;

  /**
   * Adds evidence to incidents; returns the rows that were new, by incident id (a key already there,
   * or twice in the call, counts once).
   */
  addEvidence(accountId: string, batches: readonly EvidenceBatch[]): Promise<Map<string, EvidenceRow[]>>;
  /** Newest first. */
  evidence(accountId: string, incidentId: string, limit: number): Promise<EvidenceRow[]>;
  /** Distinct recipients in the evidence, in address order, and how many there are. */
  recipients(
    accountId: string,
    incidentId: string,
    limit: number,
  ): Promise<{ items: string[]; total: number }>;

  /** Records a repair; false when the address was already repaired for this incident. */
  addRepair(accountId: string, incidentId: string, repair: RepairRow): Promise<boolean>;
  repairs(accountId: string, incidentId: string): Promise<RepairRow[]>;

  insertChecks(rows: NewCheck[]): Promise<CheckRow[]>;
  /** Newest first; `after` is a check id. */
  listChecks(accountId: string, page: Keyset): Promise<CheckRow[]>;

  /** The account's stored guard settings (validated on write), or undefined. */
  guardSettings(accountId: string): Promise<Record<string, unknown> | undefined>;
  saveGuardSettings(accountId: string, settings: Record<string, unknown>): Promise<void>;
  /** Accounts with stored guard settings: the scheduled checks walk them. */
  guardAccounts(): Promise<string[]>;
  /**
   * Takes the account's scheduled check when it is due (last run before `dueBefore`), marking it run at
   * `now`. True for exactly one caller, however many processes ask at once.
   */
  claimScheduledCheck(accountId: string, now: string, dueBefore: string): Promise<boolean>;
}
