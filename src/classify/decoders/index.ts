import type { Decoder } from '../types.js';
import { arf } from './arf.js';
import { exchange2003 } from './exchange2003.js';
import { gmail } from './gmail.js';
import { googlegroups } from './googlegroups.js';
import { googleworkspace } from './googleworkspace.js';
import { gmx } from './gmx.js';
import { yahoo } from './yahoo.js';
import { zoho } from './zoho.js';
import { dragonfly } from './dragonfly.js';
import { exim } from './exim.js';
import { mailru } from './mailru.js';
import { opensmtpd } from './opensmtpd.js';
import { qmail } from './qmail.js';
import { rfc3464 } from './rfc3464.js';
import { rfc3834 } from './rfc3834.js';

/**
 * The one ordered list of decoders. Provider- and MTA-specific decoders come first (each rejects a
 * mail that is not its own by a cheap header test); the generic RFC decoders come last.
 */
export const DECODERS: readonly Decoder[] = [arf, exchange2003, gmail, googlegroups, googleworkspace, gmx, yahoo, zoho, mailru, exim, qmail, dragonfly, opensmtpd, rfc3464, rfc3834];
