import { apple } from './apple.js';
import { cloudflare } from './cloudflare.js';
import { cox } from './cox.js';
import { facebook } from './facebook.js';
import { franceptt } from './franceptt.js';
import { godaddy } from './godaddy.js';
import { google } from './google.js';
import { iua } from './iua.js';
import { kddi } from './kddi.js';
import { messagelabs } from './messagelabs.js';
import { microsoft } from './microsoft.js';
import { mimecast } from './mimecast.js';
import { nttdocomo } from './nttdocomo.js';
import { spectrum } from './spectrum.js';
import { tencent } from './tencent.js';
import { yahoo } from './yahoo.js';
import type { RhostInput, RhostMatch, RhostRules } from './rhost.js';

/** The one list of provider rule sets; the first that owns the host and knows the reply decides. */
export const RHOSTS: readonly RhostRules[] = [
  google,
  microsoft,
  yahoo,
  apple,
  franceptt,
  godaddy,
  tencent,
  kddi,
  nttdocomo,
  cox,
  spectrum,
  iua,
  messagelabs,
  mimecast,
  cloudflare,
  facebook,
];

/**
 * Which rule sets own the reply's host and recipient domain, as bits by their place in RHOSTS: looked
 * up once per parent domain. An owns() test per rule set, sixteen calls of as many closures for every
 * verdict, was most of rhostReason's time, and sixteen more functions for the optimising compiler.
 */
const BY_HOST = ownerBits((rules) => rules.hosts);
const BY_RECIPIENT_DOMAIN = ownerBits((rules) => rules.recipientDomains ?? []);

function ownerBits(keys: (rules: RhostRules) => readonly string[]): Map<string, number> {
  if (RHOSTS.length > 31) throw new Error('rhosts: more rule sets than the bits of a number');
  const bits = new Map<string, number>();
  RHOSTS.forEach((rules, at) => {
    for (const key of keys(rules)) {
      if (key === '' || key !== key.toLowerCase()) throw new Error(`rhosts ${rules.id}: bad domain '${key}'`);
      bits.set(key, (bits.get(key) ?? 0) | (1 << at));
    }
  });
  return bits;
}

/**
 * The owners of `name` itself and of every domain above it: for a host, 'mx.mail.icloud.com', then
 * 'mail.icloud.com', 'icloud.com', 'com'; for a recipient domain (`dotted`), 'x.onmicrosoft.com', then
 * '.onmicrosoft.com', '.com'.
 */
function ownersOf(bits: Map<string, number>, name: string, dotted: boolean): number {
  let owners = bits.get(name) ?? 0;
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1))
    owners |= bits.get(name.slice(dotted ? dot : dot + 1)) ?? 0;
  return owners;
}

export function rhostReason(input: RhostInput): (RhostMatch & { id: string }) | undefined {
  const owners =
    ownersOf(BY_HOST, input.remoteMta, false) | ownersOf(BY_RECIPIENT_DOMAIN, input.recipientDomain, true);
  for (let at = 0; at < RHOSTS.length; at++) {
    const rules = RHOSTS[at]!;
    const owned =
      (owners & (1 << at)) !== 0 || (rules.markers?.some((marker) => input.text.includes(marker)) ?? false);
    if (!owned) continue;
    const match = rules.reason(input);
    if (match) return { ...match, id: rules.id };
  }
  return undefined;
}
