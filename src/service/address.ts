import { ReboundError } from '../errors.js';

/** RFC 5321 limits: 64 octets of local part, 255 of domain, 254 for the whole path. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;
const MAX_ADDRESS = 254;

/** The canonical form Rebound keys addresses by (trimmed, lower-case), or an `invalid_address` error. */
export function normaliseAddress(input: unknown): string {
  if (typeof input !== 'string') throw new ReboundError('invalid_address', 'An address must be a string.');
  const address = input.trim().toLowerCase();
  const problem = addressProblem(address);
  if (problem !== undefined) {
    throw new ReboundError(
      'invalid_address',
      `${JSON.stringify(address.slice(0, 100))} is not an email address: ${problem}.`,
    );
  }
  return address;
}

/**
 * What is wrong with a trimmed, lower-case address, or undefined. A scan by character codes, no regular
 * expression and nothing allocated for a good address: the send gate runs it 100,000 times a request.
 */
export function addressProblem(address: string): string | undefined {
  if (address.length > MAX_ADDRESS) return `longer than ${MAX_ADDRESS} characters`;
  const at = lastAt(address);
  if (at <= 0) return "no local part before '@'";
  if (at > MAX_LOCAL) return `local part longer than ${MAX_LOCAL} characters`;
  const domainLength = address.length - at - 1;
  if (domainLength === 0 || domainLength > MAX_DOMAIN) return 'no domain after the last @';
  return localProblem(address, at) ?? domainProblem(address, at + 1);
}

/** Control characters, space and the specials of RFC 5322 other than '.', by code (< 0x80). */
const LOCAL_REFUSED = new Uint8Array(0x80);
for (let c = 0; c <= 0x20; c++) LOCAL_REFUSED[c] = 1;
for (const c of '"(),:;<>@[\\]\x7f') LOCAL_REFUSED[c.charCodeAt(0)] = 1;

/** Domain characters: a-z, 0-9, '-', '_' (by code, < 0x80); anything above 0x7f is an IDN's. */
const DOMAIN_ALLOWED = new Uint8Array(0x80);
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-_') DOMAIN_ALLOWED[c.charCodeAt(0)] = 1;

function localProblem(address: string, end: number): string | undefined {
  for (let i = 0; i < end; i++) {
    // Quoted local parts are too rare in a CRM to be worth the ambiguity.
    const c = address.charCodeAt(i);
    if (c < 0x80 && LOCAL_REFUSED[c] === 1)
      return `character ${JSON.stringify(address[i])} in the local part`;
  }
  if (address[0] === '.' || address[end - 1] === '.') return "local part starting or ending with '.'";
  return undefined;
}

/** address.lastIndexOf('@'), as a loop: the built-in is a runtime call dearer than a scan back over a domain. */
function lastAt(address: string): number {
  let i = address.length - 1;
  while (i >= 0 && address.charCodeAt(i) !== AT) i--;
  return i;
}

const AT = 0x40;
const DOT = 0x2e;

/**
 * The domain is address[start..]; its labels are checked in order, each by length, ends, characters. One
 * pass: a label's first refused character is noted on the way to its end.
 */
function domainProblem(address: string, start: number): string | undefined {
  let dotted = false;
  for (let from = start; ;) {
    let to = from;
    let refused = -1;
    for (; to < address.length; to++) {
      const c = address.charCodeAt(to);
      if (c === DOT) break;
      if (refused < 0 && c < 0x80 && DOMAIN_ALLOWED[c] !== 1) refused = to;
    }
    const last = to === address.length;
    if (last && !dotted) return 'domain without a dot';
    if (to === from || to - from > 63) return 'empty or over-long domain label';
    if (address[from] === '-' || address[to - 1] === '-') return "domain label starting or ending with '-'";
    if (refused >= 0) return `character ${JSON.stringify(address[refused])} in the domain`;
    if (last) return undefined;
    dotted = true;
    from = to + 1;
  }
}
