/**
 * DNS blocklist queries and what their answers mean. Pure. An IPv4 address is asked as its octets
 * reversed under the zone (192.0.2.9 -> 9.2.0.192.zen.spamhaus.org), an IPv6 address as its 32 nibbles
 * reversed, a domain as itself under the zone. NXDOMAIN means not listed; an A record in 127.0.0.0/8
 * means listed, with a code that says why; 127.255.255.x is the list refusing to answer (a public or
 * unregistered resolver, too many queries): "could not check", never "listed".
 */
import { isIP } from 'node:net';
import type { CheckOutcome } from '../store/incidents.js';

/** The codes the main lists document, by zone. */
const CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'zen.spamhaus.org': {
    '127.0.0.2': 'Spamhaus SBL: a known spam source or spam operation',
    '127.0.0.3': 'Spamhaus SBL CSS: snowshoe spam, low-reputation sending',
    '127.0.0.4': 'Spamhaus XBL: a compromised or infected host (CBL)',
    '127.0.0.9': 'Spamhaus DROP: a hijacked or criminal network',
    '127.0.0.10': 'Spamhaus PBL: an end-user range that should not send directly (ISP policy)',
    '127.0.0.11': 'Spamhaus PBL: an end-user range that should not send directly (Spamhaus)',
  },
  'dbl.spamhaus.org': {
    '127.0.1.2': 'Spamhaus DBL: a spam domain',
    '127.0.1.4': 'Spamhaus DBL: a phishing domain',
    '127.0.1.5': 'Spamhaus DBL: a malware domain',
    '127.0.1.6': 'Spamhaus DBL: a botnet command-and-control domain',
    '127.0.1.102': 'Spamhaus DBL: an abused legitimate domain used in spam',
    '127.0.1.103': 'Spamhaus DBL: an abused legitimate domain used as a redirector',
    '127.0.1.104': 'Spamhaus DBL: an abused legitimate domain used for phishing',
    '127.0.1.105': 'Spamhaus DBL: an abused legitimate domain used for malware',
    '127.0.1.106': 'Spamhaus DBL: an abused legitimate domain used for botnet control',
  },
  'bl.spamcop.net': { '127.0.0.2': 'SpamCop: spam reported from this IP recently' },
  'b.barracudacentral.org': { '127.0.0.2': 'Barracuda Reputation Block List: poor reputation' },
};

/** Spamhaus's (and others') answers for a query it will not serve. */
const REFUSALS: Readonly<Record<string, string>> = {
  '127.255.255.252': 'the list says the query was malformed',
  '127.255.255.254':
    'the list refuses queries from public or open resolvers: use your own resolver (REBOUND_DNS_SERVERS) or a data query service key',
  '127.255.255.255': 'the list refuses: too many queries from this resolver',
};

/** The name to ask, or null when the target is not of a kind the zone lists. */
export function queryName(target: string, zone: string): string {
  const kind = isIP(target);
  if (kind === 4) return `${target.split('.').reverse().join('.')}.${zone}`;
  if (kind === 6) return `${expandIpv6(target).split('').reverse().join('.')}.${zone}`;
  return `${target}.${zone}`;
}

function expandIpv6(ip: string): string {
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const fill = ip.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...fill, ...right].map((group) => group.padStart(4, '0')).join('');
}

export interface Interpretation {
  outcome: CheckOutcome;
  meaning: string;
}

/** What the A records of a query mean; `[]` is NXDOMAIN or no data: not listed. */
export function interpret(zone: string, answers: readonly string[]): Interpretation {
  if (answers.length === 0) return { outcome: 'clear', meaning: `Not listed on ${zone}.` };
  const refusal = answers
    .map((a) => REFUSALS[a] ?? (a.startsWith('127.255.255.') ? 'the list refused the query' : undefined))
    .find(Boolean);
  if (refusal !== undefined)
    return { outcome: 'unchecked', meaning: `Could not check on ${zone}: ${refusal}.` };
  if (!answers.every((a) => a.startsWith('127.'))) {
    // Some resolvers answer every unknown name with an address of their own (NXDOMAIN hijacking).
    return {
      outcome: 'unchecked',
      meaning: `Could not check on ${zone}: the resolver answered ${answers.join(', ')}, outside 127.0.0.0/8, so its answers cannot be trusted.`,
    };
  }
  const codes = CODES[zone] ?? {};
  const why = answers.map((a) => codes[a] ?? `code ${a}`).join('; ');
  return { outcome: 'listed', meaning: `Listed on ${zone}: ${why}.` };
}
