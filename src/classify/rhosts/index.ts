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

export function rhostReason(input: RhostInput): (RhostMatch & { id: string }) | undefined {
  for (const rules of RHOSTS) {
    if (!rules.owns(input)) continue;
    const match = rules.reason(input);
    if (match) return { ...match, id: rules.id };
  }
  return undefined;
}
