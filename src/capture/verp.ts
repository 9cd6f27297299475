/**
 * Signed VERP return paths: `bounces+TOKEN@bounce-domain`. The relay puts one on every message it sends;
 * the inbound bounce server accepts mail only for addresses whose token verifies, so a bounce is tied to
 * an account, and a forged one (no secret, no token) is refused before DATA.
 *
 * The token is 35 bytes in lower-case base32 (56 characters): base32 because some MTAs lower-case the
 * local part on the way back, which base64url would not survive. With the `+` and a local part of up to
 * 7 characters the whole local part stays within the 64 octets of RFC 5321 section 4.5.3.1.1.
 *
 *   version (1) | issued day (2, days since 2020-01-01) | account UUID (16) | recipient tag (6) | MAC (10)
 *
 * The recipient does not fit in clear; the tag is a keyed hash of it, so a bounce's verdicts can be
 * checked against the recipient the mail was sent to (`isFor`): someone who received one of our mails
 * (and so sees its return path) cannot use that token to report another address as bouncing. The message
 * id does not fit either: it comes back in the report's copy of the original headers.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VERP_LOCAL_PART = 'bounces';

const VERSION = 1;
const ACCOUNT_BYTES = 16;
const TAG_BYTES = 6;
/** 80 bits: guessing a valid token takes about 2^79 tries, each an SMTP transaction. */
const MAC_BYTES = 10;
const PAYLOAD_BYTES = 1 + 2 + ACCOUNT_BYTES + TAG_BYTES;
const TOKEN_CHARS = ((PAYLOAD_BYTES + MAC_BYTES) * 8) / 5;
const MAX_LOCAL_PART = 64;
/** The longest local part before the `+` that keeps the whole local part within RFC 5321's 64 octets. */
export const MAX_VERP_PREFIX = MAX_LOCAL_PART - 1 - TOKEN_CHARS;

const EPOCH_MS = Date.UTC(2020, 0, 1);
const DAY_MS = 86_400_000;
const MAX_DAY = 0xffff;

const MAC_LABEL = 'rebound-verp-v1\0';
const TAG_LABEL = 'rebound-verp-rcpt\0';

export interface VerpSend {
  accountId: string;
  recipient: string;
}

export interface VerpSigning {
  localPart: string;
  domain: string;
  /** The current secret; older ones stay in `VerpVerifying.secrets` until their bounces are in. */
  secret: string;
}

export interface VerpVerifying {
  domain: string;
  /** Every secret still accepted, the current one first. */
  secrets: readonly string[];
}

export interface VerpClaims {
  accountId: string;
  /** Midnight UTC of the day the token was made (the token carries the day only). */
  issuedAt: string;
  /** Whether the token was made for a send to this address (case-insensitive). */
  isFor(recipient: string): boolean;
}

export type VerpFailure =
  'not-verp' | 'wrong-domain' | 'malformed-token' | 'unknown-version' | 'bad-signature';

export type VerpResult = { ok: true; claims: VerpClaims } | { ok: false; reason: VerpFailure };

/** The return path for one send. Throws TypeError on options no caller should pass (a start-up error). */
export function signVerp(send: VerpSend, signing: VerpSigning, now: Date = new Date()): string {
  const prefixProblem = localPartProblem(signing.localPart);
  if (prefixProblem !== undefined) throw new TypeError(`VERP local part: ${prefixProblem}`);
  if (signing.secret.length === 0) throw new TypeError('VERP secret must not be empty');
  const account = uuidBytes(send.accountId);
  if (account === undefined) throw new TypeError(`VERP account id is not a UUID: ${send.accountId}`);
  const domain = canonicalDomain(signing.domain);
  if (domain.length === 0) throw new TypeError('VERP domain must not be empty');

  const payload = new Uint8Array(PAYLOAD_BYTES);
  payload[0] = VERSION;
  const day = Math.min(MAX_DAY, Math.max(0, Math.floor((now.getTime() - EPOCH_MS) / DAY_MS)));
  payload[1] = day >> 8;
  payload[2] = day & 0xff;
  payload.set(account, 3);
  payload.set(recipientTag(signing.secret, send.recipient), 3 + ACCOUNT_BYTES);
  const token = new Uint8Array(PAYLOAD_BYTES + MAC_BYTES);
  token.set(payload);
  token.set(mac(signing.secret, domain, payload), PAYLOAD_BYTES);
  return `${signing.localPart}+${base32Encode(token)}@${domain}`;
}

/** Checks an address's token against every accepted secret. Never throws on any input. */
export function verifyVerp(address: string, verifying: VerpVerifying): VerpResult {
  const at = address.lastIndexOf('@');
  const plus = address.lastIndexOf('+', at);
  if (at < 0 || plus < 0) return { ok: false, reason: 'not-verp' };
  const domain = canonicalDomain(address.slice(at + 1));
  if (domain !== canonicalDomain(verifying.domain)) return { ok: false, reason: 'wrong-domain' };
  const token = address.slice(plus + 1, at);
  const bytes = token.length === TOKEN_CHARS ? base32Decode(token) : undefined;
  if (bytes === undefined) return { ok: false, reason: 'malformed-token' };
  if (bytes[0] !== VERSION) return { ok: false, reason: 'unknown-version' };

  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  const given = bytes.subarray(PAYLOAD_BYTES);
  const secret = verifying.secrets.find(
    (s) => s.length > 0 && timingSafeEqual(mac(s, domain, payload), given),
  );
  if (secret === undefined) return { ok: false, reason: 'bad-signature' };
  return { ok: true, claims: claimsOf(payload, secret) };
}

function claimsOf(payload: Uint8Array, secret: string): VerpClaims {
  const day = ((payload[1] ?? 0) << 8) | (payload[2] ?? 0);
  const tag = Buffer.from(payload.subarray(3 + ACCOUNT_BYTES));
  return {
    accountId: uuidText(payload.subarray(3, 3 + ACCOUNT_BYTES)),
    issuedAt: new Date(EPOCH_MS + day * DAY_MS).toISOString(),
    isFor: (recipient) => timingSafeEqual(recipientTag(secret, recipient), tag),
  };
}

/** The domain is part of the signed data: a token made for one bounce domain is void on another. */
function mac(secret: string, domain: string, payload: Uint8Array): Buffer {
  return createHmac('sha256', secret)
    .update(MAC_LABEL + domain + '\0')
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES);
}

/** Keyed, so nobody can search offline for another address with the same tag as their own. */
function recipientTag(secret: string, recipient: string): Buffer {
  return createHmac('sha256', secret)
    .update(TAG_LABEL + recipient.trim().toLowerCase())
    .digest()
    .subarray(0, TAG_BYTES);
}

function canonicalDomain(domain: string): string {
  const lower = domain.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

const LOCAL_PART_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.';

/** A plain dot-atom, no `+` (it separates the token), short enough for the token to fit. */
export function localPartProblem(localPart: string): string | undefined {
  if (localPart.length === 0) return 'must not be empty';
  if (localPart.length > MAX_VERP_PREFIX) {
    return `'${localPart}' is longer than ${MAX_VERP_PREFIX} characters (the token takes the rest of 64)`;
  }
  const bad = [...localPart].find((c) => !LOCAL_PART_CHARS.includes(c));
  if (bad !== undefined) {
    return `'${localPart}' has the character ${JSON.stringify(bad)}; use letters, digits, '-', '_' or '.'`;
  }
  if (localPart.startsWith('.') || localPart.endsWith('.') || localPart.includes('..')) {
    return `'${localPart}' has a misplaced '.'`;
  }
  return undefined;
}

const UUID_HEX = /^[0-9a-f]{32}$/;

function uuidBytes(id: string): Buffer | undefined {
  const hex = id.toLowerCase();
  const plain = hex.replaceAll('-', '');
  const dashed = [8, 13, 18, 23].every((i) => hex[i] === '-') && hex.length === 36;
  return dashed && UUID_HEX.test(plain) ? Buffer.from(plain, 'hex') : undefined;
}

function uuidText(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 4648 base32, lower case, no padding. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? out + ALPHABET[(value << (5 - bits)) & 31] : out;
}

/** Case-insensitive; undefined for any character outside the alphabet. Used on whole 40-bit groups only. */
function base32Decode(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const c of text.toLowerCase()) {
    const digit = ALPHABET.indexOf(c);
    if (digit < 0) return undefined;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}
