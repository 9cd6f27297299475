import type { Reason } from '../reasons.js';
import type { RhostMatch } from './rhost.js';

/**
 * Small helpers the provider rule sets share. Every test is a suffix or substring check on text
 * that resolve-reason already lower-cased and whitespace-collapsed, so nothing here can backtrack.
 */

/** `host` is `domain` itself or one of its sub-domains: 'mx1.mail.icloud.com' is under 'icloud.com'. */
export function under(host: string, domains: readonly string[]): boolean {
  if (host.length === 0) return false;
  for (const domain of domains) {
    if (host === domain || isSubdomain(host, domain)) return true;
  }
  return false;
}

/** host.endsWith(`.${domain}`) without building that string. */
function isSubdomain(host: string, domain: string): boolean {
  const dot = host.length - domain.length - 1;
  return dot >= 0 && host.charCodeAt(dot) === 0x2e && host.endsWith(domain);
}

/** A provider's own sentences, grouped by the reason they mean; the first group with a hit wins. */
export type PhraseTable = readonly (readonly [Reason, readonly string[]])[];

export function findPhrase(text: string, table: PhraseTable): RhostMatch | undefined {
  for (const [reason, phrases] of table) {
    for (const phrase of phrases) {
      if (text.includes(phrase)) return { reason, matched: phrase };
    }
  }
  return undefined;
}

/** A provider's codes ('ib212', 'cxbl') mapped to reasons; `undefined` when the code is not listed. */
export function codeReason(
  code: string | undefined,
  codes: Readonly<Record<string, Reason>>,
  shown: string,
): RhostMatch | undefined {
  if (code === undefined || !Object.hasOwn(codes, code)) return undefined;
  const reason = codes[code];
  return reason ? { reason, matched: shown } : undefined;
}
