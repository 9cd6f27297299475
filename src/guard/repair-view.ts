/**
 * A sender-incident repair said in words: what ties the rejection that blocked the address to the
 * incident, the English sentence stored with the repair, and the parts the API gives beside it so a page
 * in another language can say it (web/src/i18n/explain.ts).
 */
import { namedBlocklist } from '../classify/blocklist.js';
import type { IncidentRow, RepairRow } from '../store/incidents.js';
import type { EventRow, Store } from '../store/store.js';
import { clientIpOf } from './client-ip.js';
import { shortTime } from './incident-view.js';

/** What in a rejection's text ties it to the incident: it names one of its lists, or its client IP. */
export type Tie = { kind: 'list'; list: string } | { kind: 'ip'; ip: string };

/** What in a rejection's text ties it to the incident, or null. */
export function tieToIncident(
  text: string,
  incident: Pick<IncidentRow, 'blocklists' | 'sender' | 'senderKind'>,
): Tie | null {
  const list = namedBlocklist(text);
  if (list !== null && incident.blocklists.includes(list)) return { kind: 'list', list };
  if (incident.senderKind === 'ip' && clientIpOf(text) === incident.sender)
    return { kind: 'ip', ip: incident.sender };
  return null;
}

/** What a repair's sentence is made of, so a page in another language can say it. */
export interface RepairParams {
  /** When the rejection blocked the address, and its reason. */
  blockedAt: string;
  reason: string | null;
  receivingDomain: string;
  tie: Tie;
  incidentId: string;
}

/** A repair as the API shows it: the stored English sentence and, when the blocking event is still
 * there to read, its parts (the count of recipients is the English's alone: it is not kept). */
export interface RepairView extends RepairRow {
  explanationCode?: 'repair.sender-refused';
  explanationParams?: RepairParams;
}

/** The English sentence of a repair, with the distinct recipients whose rejections proved it. */
export function sayRepair(address: string, p: RepairParams, recipients: number): string {
  const tie = p.tie.kind === 'list' ? `names ${p.tie.list}` : `names the client IP ${p.tie.ip}`;
  return (
    `${address} was blocked on ${shortTime(p.blockedAt)} by a ${p.reason ?? 'bounce'} rejection from ` +
    `${p.receivingDomain} whose text ${tie}, as the rejections of incident ${p.incidentId} do ` +
    `(${recipients} recipients): the receiver refused the sender, not this address, so it is unblocked.`
  );
}

/** The parts of one repair, read again from the event that had blocked the address. */
function paramsOf(incident: IncidentRow, event: EventRow | undefined): RepairParams | undefined {
  if (event === undefined || event.diagnosticCode === null || incident.receivingDomain === null)
    return undefined;
  const tie = tieToIncident(event.diagnosticCode, incident);
  if (tie === null) return undefined;
  return {
    blockedAt: event.at,
    reason: event.reason,
    receivingDomain: incident.receivingDomain,
    tie,
    incidentId: incident.id,
  };
}

/** An incident's repairs with their parts (one address history read each). */
export async function repairViews(
  store: Store,
  incident: IncidentRow,
  rows: RepairRow[],
): Promise<RepairView[]> {
  return Promise.all(
    rows.map(async (row) => {
      const history = await store.addressHistory(incident.accountId, row.address);
      const explanationParams = paramsOf(
        incident,
        history.find((e) => e.id === row.blockedBy),
      );
      return explanationParams === undefined
        ? row
        : { ...row, explanationCode: 'repair.sender-refused' as const, explanationParams };
    }),
  );
}
