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

/** What is wrong with a trimmed, lower-case address, or undefined. A scan, no regular expression. */
export function addressProblem(address: string): string | undefined {
  if (address.length > MAX_ADDRESS) return `longer than ${MAX_ADDRESS} characters`;
  const at = address.lastIndexOf('@');
  if (at <= 0) return "no local part before '@'";
  if (at > MAX_LOCAL) return `local part longer than ${MAX_LOCAL} characters`;
  const domain = address.slice(at + 1);
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return 'no domain after the last @';
  return localProblem(address, at) ?? domainProblem(domain);
}

function localProblem(address: string, end: number): string | undefined {
  for (let i = 0; i < end; i++) {
    const c = address.charCodeAt(i);
    // Control characters, space and the specials of RFC 5322 other than '.' never appear unquoted;
    // quoted local parts are too rare in a CRM to be worth the ambiguity.
    if (c <= 0x20 || c === 0x7f || '"(),:;<>@[\\]'.includes(address[i] as string)) {
      return `character ${JSON.stringify(address[i])} in the local part`;
    }
  }
  if (address[0] === '.' || address[end - 1] === '.') return "local part starting or ending with '.'";
  return undefined;
}

function domainProblem(domain: string): string | undefined {
  const labels = domain.split('.');
  if (labels.length < 2) return 'domain without a dot';
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return 'empty or over-long domain label';
    if (label.startsWith('-') || label.endsWith('-')) return "domain label starting or ending with '-'";
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c > 0x7f;
      if (!ok) return `character ${JSON.stringify(label[i])} in the domain`;
    }
  }
  return undefined;
}
