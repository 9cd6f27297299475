/**
 * The sending IP a receiver names in its reply ("Client host [192.0.2.9] blocked using zen.spamhaus.org",
 * "your IP 192.0.2.9 is listed"), so that rejections of one IP are grouped together. IPv4 only: that is
 * what the DNS blocklists that receivers cite mostly list, and what their replies quote.
 *
 * A reply can also carry the receiving server's own address (Postfix writes "host mx.example[192.0.2.1]
 * said: ..."): an IP counts as the client's only when a word that points at the sender stands shortly
 * before it, and never when it is followed by "] said".
 */

/** Linear: fixed-width digit runs, no nested quantifier. */
const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g;

/** How far before an IP a pointing word may stand. */
const WINDOW = 40;

const CLIENT_MARKERS = [
  'client',
  'your ip',
  'sending ip',
  'sender ip',
  'ip address',
  'ip:',
  'ip ',
  'ip=',
  '/ip/',
  'from [',
  'from ',
  'connecting',
  'listed',
  'blocked',
];

export function ipv4Candidates(text: string): { ip: string; at: number }[] {
  const out: { ip: string; at: number }[] = [];
  for (const match of text.matchAll(IPV4)) {
    const octets = match.slice(1, 5).map(Number);
    if (octets.every((o) => o <= 255)) out.push({ ip: octets.join('.'), at: match.index });
  }
  return out;
}

/** The client IP the text names, or null. */
export function clientIpOf(text: string): string | null {
  const lower = text.toLowerCase();
  for (const { ip, at } of ipv4Candidates(lower)) {
    const end = at + ip.length;
    if (lower.startsWith('] said', end)) continue;
    const before = lower.slice(Math.max(0, at - WINDOW), at);
    if (CLIENT_MARKERS.some((marker) => before.includes(marker))) return ip;
  }
  return null;
}
