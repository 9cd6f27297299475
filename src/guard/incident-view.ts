/** An incident as the API, the CLI and the webhooks show it, with the sentence that explains it. Pure. */
import type { EvidenceRow, IncidentRow } from '../store/incidents.js';
import { actionsFor, type Action } from './delisting.js';
import type { GuardSettings, HoldMode } from './guard-settings.js';
import type { RepairView } from './repair-view.js';

export interface IncidentView extends Omit<IncidentRow, 'evidenceCount'> {
  /** Rejections (or listings) counted so far. */
  rejections: number;
  /** What the send gate does about it while it is open. */
  hold: { mode: HoldMode; domain: string } | null;
  actions: Action[];
  explanation: string;
}

export interface IncidentDetail extends IncidentView {
  recipients: string[];
  evidence: EvidenceRow[];
  repairs: RepairView[];
}

export function incidentView(row: IncidentRow, settings: GuardSettings): IncidentView {
  const holds = row.state === 'open' && row.receivingDomain !== null;
  const { evidenceCount, ...shown } = row;
  return {
    ...shown,
    rejections: evidenceCount,
    hold: holds ? { mode: settings.holdMode, domain: row.receivingDomain as string } : null,
    actions: row.state === 'closed' ? [] : actionsFor(row),
    explanation: explainIncident(row, settings),
  };
}

/** "When" in a sentence: minutes are enough for a support agent. */
export function shortTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function named(row: IncidentRow): string {
  return row.blocklists.length === 0 ? '' : `, naming ${row.blocklists.join(' and ')}`;
}

export function explainIncident(row: IncidentRow, settings: GuardSettings): string {
  return `${what(row)} ${status(row, settings)}`;
}

function what(row: IncidentRow): string {
  if (row.receivingDomain === null) {
    return `A DNS blocklist check found ${row.sender} listed${named(row)} (${plural(row.evidenceCount, 'listing')} since ${shortTime(row.firstSeen)}): receivers that use these lists refuse its mail.`;
  }
  return (
    `${row.receivingDomain} refused mail from ${row.sender} ${plural(row.evidenceCount, 'time')} since ` +
    `${shortTime(row.firstSeen)} (${plural(row.recipientCount, 'recipient')})${named(row)}: ` +
    'the sender was refused, not the recipients, so no recipient is blocked for it.'
  );
}

function status(row: IncidentRow, settings: GuardSettings): string {
  if (row.state === 'pending') {
    return `It opens at ${plural(settings.openThreshold, 'rejection')}; until then nothing is held.`;
  }
  if (row.state === 'closed') {
    const when = row.closedAt === null ? '' : ` on ${shortTime(row.closedAt)}`;
    if (row.closedBy === 'quiet') return `Closed${when}: no new rejection for ${settings.quietHours} hours.`;
    if (row.closedBy === 'clear') return `Closed${when}: the DNS check no longer finds the listing.`;
    return `Closed${when} by ${row.closedBy ?? 'an admin'}${row.closeNote ? `: ${row.closeNote}` : '.'}`;
  }
  const lifts = `It closes after ${settings.quietHours} hours without a new rejection, or when an admin resolves it.`;
  if (row.receivingDomain === null) return `Nothing is held for a listing alone. ${lifts}`;
  const held =
    settings.holdMode === 'hold'
      ? `Mail to ${row.receivingDomain} is held meanwhile.`
      : `Mail to ${row.receivingDomain} is slowed meanwhile: it goes through one minute in every ${settings.slowEveryMinutes}.`;
  return `${held} ${lifts}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
