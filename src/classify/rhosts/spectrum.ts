import type { Reason } from '../reasons.js';
import type { RhostRules } from './rhost.js';

/**
 * Spectrum / Charter (charter.net, rr.com) ends a refusal with "AUP#" + I (incoming) or O (outgoing)
 * + a four-digit code from its "understanding email error codes" page:
 * "550 5.1.0 <x> sender rejected. Please see https://www.spectrum.net/... AUP#In-1310".
 * The codes come in ranges, each with one cause.
 */
const RANGES: readonly (readonly [number, number, Reason])[] = [
  // 1000: the sending IP is blocked for suspicious activity
  [1000, 1000, 'blocked'],
  // 1010-1080: the sending account is blocked or limited for suspicious activity
  [1010, 1080, 'rejected'],
  // 1090: the mail cannot be processed now
  [1090, 1090, 'systemerror'],
  // 1100-1150: the connecting IP has no full-circle (forward and reverse) DNS
  [1100, 1150, 'requireptr'],
  // 1160-1190: the mail goes against the sending domain's security policies
  [1160, 1190, 'policyviolation'],
  // 1200-1250: the IP is listed by Cloudmark CSI or Spamhaus
  [1200, 1250, 'blocked'],
  // 1260: IPv6 connections are not served
  [1260, 1260, 'networkerror'],
  // 1300-1340: too many concurrent or total connections
  [1300, 1340, 'toomanyconn'],
  // 1350-1490: limits on messages, recipients, spam potential and invalid recipients
  [1350, 1490, 'speeding'],
  // 1500, 1520: sending as an address other than the signed-in one / a domain not hosted
  [1500, 1500, 'rejected'],
  [1520, 1520, 'rejected'],
  // 1530: larger than the 20 MB maximum
  [1530, 1530, 'mesgtoobig'],
  // 1540, 1550, 1580: too many messages in a session / recipients in a message / in a short time
  [1540, 1550, 'speeding'],
  [1580, 1580, 'speeding'],
  // 1560: too many invalid recipients
  [1560, 1560, 'policyviolation'],
];

/** "aup#in-1310", "aup#i1000", "aup#o-1520" -> 1310, 1000, 1520. */
function codeOf(text: string): number | undefined {
  const at = text.indexOf('aup#');
  if (at === -1) return undefined;
  let i = at + 4;
  while (i < text.length && /[a-z-]/.test(text.charAt(i))) i++;
  const digits = text.slice(i, i + 4);
  return /^\d{4}$/.test(digits) ? Number(digits) : undefined;
}

const DOMAINS = ['charter.net', 'rr.com', 'spectrum.net'];

export const spectrum: RhostRules = {
  id: 'spectrum',
  hosts: DOMAINS,
  recipientDomains: [...DOMAINS, ...DOMAINS.map((domain) => `.${domain}`)],
  reason(input) {
    const code = codeOf(input.text);
    if (code === undefined) return undefined;
    const range = RANGES.find(([from, to]) => code >= from && code <= to);
    return range ? { reason: range[2], matched: `AUP# ${code}` } : undefined;
  },
};
