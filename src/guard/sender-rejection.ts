/**
 * Which bounces are about the sender, and which incident each belongs to. Pure: a verdict (or a
 * reported event) in, a grouping key and a piece of evidence out.
 */
import { namedBlocklist } from '../classify/blocklist.js';
import type { Kind, Reason } from '../classify/reasons.js';
import type { EvidenceRow, SenderKind } from '../store/incidents.js';
import { clientIpOf, ipv4Candidates } from './client-ip.js';
import type { GuardSettings } from './guard-settings.js';

/** A bounce as the guard reads it, whatever path it came by (DSN mail, provider webhook, CRM event). */
export interface BounceSignal {
  recipient: string;
  reason: Reason;
  kind: Kind;
  /** The receiver's words. */
  text: string;
  /** The blocklist the classifier found in a sender verdict, else null. */
  blocklist: string | null;
  /** Event time, ISO 8601. */
  at: string;
  /** What makes the bounce unique (the stored mail's id): the same bounce twice is one piece of evidence. */
  ref: string;
  /** Envelope sender or From of the original, when known: gives the sending domain. */
  sendingAddress: string | null;
  source: 'bounce' | 'event';
}

export interface IncidentKey {
  sender: string;
  senderKind: SenderKind;
  receivingDomain: string;
}

export interface SenderRejection {
  key: IncidentKey;
  evidence: EvidenceRow;
}

/** Reasons about the sending IP (a list, a reputation, reverse DNS, volume); the others are about the domain or content. */
const IP_REASONS: ReadonlySet<Reason> = new Set<Reason>([
  'blocked',
  'badreputation',
  'requireptr',
  'toomanyconn',
  'speeding',
]);

const BOUNCE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['hard', 'soft', 'undetermined']);

/**
 * The signal as evidence of a sender problem, or null. A `sender` verdict always is; a hard, soft or
 * undetermined one is when its text names a blocklist (the classifier filed it under the recipient
 * because the reply also said "user rejected" or carried a 5.1.x code): such a rejection still
 * belongs to the incident, and is what the repair looks for.
 */
export function senderRejection(signal: BounceSignal, settings: GuardSettings): SenderRejection | null {
  const blocklist = senderSideList(signal);
  const receivingDomain = domainOf(signal.recipient);
  if (blocklist === undefined || receivingDomain === '') return null;
  return {
    key: { ...senderOf(signal, settings), receivingDomain },
    evidence: {
      key: `${signal.source}:${signal.ref}:${signal.recipient}`,
      recipient: signal.recipient,
      reason: signal.reason,
      blocklist,
      text: signal.text,
      at: signal.at,
      bounceId: signal.source === 'bounce' ? signal.ref : null,
      source: signal.source,
    },
  };
}

/** The list a sender-side signal names (null: none named), or undefined when the signal is not sender-side. */
export function senderSideList(signal: BounceSignal): string | null | undefined {
  const blocklist = signal.blocklist ?? namedBlocklist(signal.text);
  if (signal.kind === 'sender' || (BOUNCE_KINDS.has(signal.kind) && blocklist !== null)) return blocklist;
  return undefined;
}

/**
 * Who was refused: the IP the reply names; else, for an IP-type reason, the configured sending IPs
 * (one incident for the lot when there are several: the reply does not say which); else the sending domain.
 */
function senderOf(signal: BounceSignal, settings: GuardSettings): Pick<IncidentKey, 'sender' | 'senderKind'> {
  const named = clientIpOf(signal.text) ?? ownIpIn(signal.text, settings.sendingIps);
  if (named !== null) return { sender: named, senderKind: 'ip' };
  if (IP_REASONS.has(signal.reason) && settings.sendingIps.length > 0) {
    return { sender: [...settings.sendingIps].sort().join(', '), senderKind: 'ip' };
  }
  const domain = signal.sendingAddress === null ? '' : domainOf(signal.sendingAddress);
  const sendingDomain = domain !== '' ? domain : settings.sendingDomains[0];
  if (sendingDomain !== undefined) return { sender: sendingDomain, senderKind: 'domain' };
  if (settings.sendingIps.length > 0)
    return { sender: [...settings.sendingIps].sort().join(', '), senderKind: 'ip' };
  return { sender: 'unknown', senderKind: 'unknown' };
}

/** One of our own sending IPs quoted anywhere in the text, even without a pointing word. */
function ownIpIn(text: string, ips: readonly string[]): string | null {
  if (ips.length === 0) return null;
  return ipv4Candidates(text).find((c) => ips.includes(c.ip))?.ip ?? null;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}
