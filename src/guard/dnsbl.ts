/**
 * DNS blocklist queries and what their answers mean (dnsbl-answers.ts). Pure. An IPv4 address is asked as
 * its octets reversed under the zone (192.0.2.9 -> 9.2.0.192.zen.spamhaus.org), an IPv6 address as its 32
 * nibbles reversed, a domain as itself under the zone.
 */
import { isIP } from 'node:net';
import type { CheckOutcome } from '../store/incidents.js';
import { readAnswers, sayReading } from './dnsbl-answers.js';

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
  const reading = readAnswers(answers);
  return { outcome: reading.outcome, meaning: sayReading(zone, reading) };
}
