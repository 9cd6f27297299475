/**
 * Which DNS blocklist or reputation service a sender-side rejection names, so the operator knows
 * where to ask for delisting. A reply that only says "dnsbl" or "RBL" without naming one gives null.
 *
 * Matching is one scan of the lower-cased text for every marker at once (fragment-automaton.ts). A marker
 * must stand on its own: the characters just before and after it may not be letters or digits, so
 * 'sorbs' does not fire inside "absorbs" and 's3150' not inside "s31500".
 */
import { FragmentAutomaton } from './fragment-automaton.js';

interface BlocklistEntry {
  readonly name: string;
  /** Lower-case markers; any one of them names this list. */
  readonly markers: readonly string[];
}

const BLOCKLISTS: readonly BlocklistEntry[] = [
  {
    // zen / sbl / xbl / pbl / dbl / sbl-xbl.spamhaus.org, "Spamhaus's list"; the CBL (abuseat.org) is part of XBL
    name: 'Spamhaus',
    markers: ['spamhaus', 'abuseat.org', 'cbl.abuseat', 'spamhaus.org'],
  },
  { name: 'SpamCop', markers: ['spamcop', 'bl.spamcop.net'] },
  {
    name: 'Barracuda',
    markers: ['barracudacentral', 'b.barracudacentral.org', 'barracuda reputation', 'barracuda brbl'],
  },
  { name: 'SORBS', markers: ['sorbs', 'sorbs.net'] },
  { name: 'UCEPROTECT', markers: ['uceprotect', 'backscatterer.org'] },
  { name: 'PSBL', markers: ['psbl', 'psbl.surriel.com'] },
  { name: 'Invaluement', markers: ['invaluement', 'ivmsip', 'ivmuri', 'ivmsip/24'] },
  { name: 'SURBL', markers: ['surbl'] },
  { name: 'URIBL', markers: ['uribl'] },
  { name: 'Mailspike', markers: ['mailspike'] },
  { name: 'Cloudmark', markers: ['cloudmark'] },
  { name: 'Proofpoint', markers: ['ipcheck.proofpoint.com', 'proofpoint dynamic reputation'] },
  {
    // Only where the reply says it is Microsoft's own list: the 5.7.606-649 "banned sending IP" list with
    // its delisting portal, and Outlook.com's S3140/S3150 "part of their network is on our block list"
    name: 'Microsoft',
    markers: ['banned sending ip', 'sender.office.com', 's3140', 's3150', 'delist.messaging.microsoft.com'],
  },
  { name: 'Abusix', markers: ['abusix'] },
  { name: 'Spamrats', markers: ['spamrats'] },
  { name: '0spam', markers: ['0spam', '0spam.org'] },
  { name: 'Hostkarma', markers: ['hostkarma', 'junkemailfilter.com'] },
  { name: 'Lashback', markers: ['lashback', 'unsubscore.com'] },
  { name: 'Sender Score', markers: ['senderscore', 'sender score', 'return path dnsbl'] },
  { name: 'Spam Eating Monkey', markers: ['spameatingmonkey'] },
  { name: 'NiX Spam', markers: ['nixspam', 'dnsbl.manitu.net'] },
  { name: 'DroneBL', markers: ['dronebl'] },
  { name: 'GBUdb', markers: ['gbudb'] },
  { name: 'Trend Micro', markers: ['trendmicro', 'trend micro', 'mail-abuse.com'] },
];

function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
}

const automaton = new FragmentAutomaton();
/** The list each marker names, by the marker's fragment id. */
const LIST_OF_MARKER: string[] = [];
for (const entry of BLOCKLISTS)
  for (const marker of entry.markers) LIST_OF_MARKER[automaton.add(marker)] ??= entry.name;
automaton.build();

/**
 * The display name of the blocklist the reply names ('Spamhaus', 'SpamCop', ...): the marker that stands
 * on its own and starts first wins (at the same start, the list's order). One scan for all markers.
 */
export function namedBlocklist(text: string): string | null {
  const lower = text.toLowerCase();
  let best: string | null = null;
  let bestAt = Infinity;
  let bestId = Infinity;
  for (const [id, ends] of automaton.scan(lower)) {
    const length = automaton.fragments[id]!.length;
    for (const end of ends) {
      const at = end - length;
      if (at > bestAt || (at === bestAt && id > bestId)) break;
      const before = at === 0 ? -1 : lower.charCodeAt(at - 1);
      const after = end >= lower.length ? -1 : lower.charCodeAt(end);
      if (isWordChar(before) || isWordChar(after)) continue;
      best = LIST_OF_MARKER[id]!;
      bestAt = at;
      bestId = id;
      break;
    }
  }
  return best;
}
