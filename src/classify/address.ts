/**
 * Email address extraction by a scan outward from '@', not by a regular expression: a pattern like
 * `[^\s]+@` backtracks quadratically on a long line without '@' (a 1 MB header is a real attack).
 */
const LOCAL_STOP = charTable(' \t\n<>"\'(),;:[]\\@');
/** RFC 5321 caps a local part at 64 octets; scanning further back than this is wasted work. */
const MAX_LOCAL = 128;
const DOMAIN_CHAR = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_');

/** A membership table over char codes below 128 (both sets are ASCII): one array read per character. */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

function isLocalStop(code: number): boolean {
  return code < 128 && LOCAL_STOP[code] === 1;
}

function isDomainChar(code: number): boolean {
  return code < 128 && DOMAIN_CHAR[code] === 1;
}

export interface FoundAddress {
  address: string;
  /** Index of the address's first character in the text. */
  start: number;
  /** Index just after the address in the text. */
  end: number;
}

/** '"john..doe"@example.org': RFC 5321 allows a quoted local part; its start, or -1. */
function quotedLocalStart(text: string, at: number): number {
  if (at < 2 || text[at - 1] !== '"') return -1;
  const open = text.lastIndexOf('"', at - 2);
  if (open === -1 || at - open > MAX_LOCAL || text.slice(open, at).includes('\n')) return -1;
  return open;
}

/** The first address in the text at or after `from`, lower-cased, or undefined. */
export function findAddress(text: string, from = 0): FoundAddress | undefined {
  let at = text.indexOf('@', from);
  while (at !== -1) {
    let start = quotedLocalStart(text, at);
    if (start === -1) {
      start = at;
      while (start > 0 && at - start < MAX_LOCAL && !isLocalStop(text.charCodeAt(start - 1))) start--;
    }
    let end = at + 1;
    while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (local.length > 0 && domain.includes('.') && !domain.startsWith('.')) {
      return { address: `${local}@${domain}`.toLowerCase(), start, end };
    }
    at = text.indexOf('@', at + 1);
  }
  return undefined;
}

/** The address in a field value such as 'rfc822; <User@Example.org>', lower-cased. */
export function extractAddress(value: string | undefined): string | undefined {
  return value === undefined ? undefined : findAddress(value)?.address;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** The addresses of address-list header values ('A <a@example.org>, b@example.org'), in order. */
export function addressesIn(values: readonly string[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const address = findAddress(part)?.address;
      if (address) found.push(address);
    }
  }
  return found;
}
