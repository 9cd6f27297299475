import type { Decoder } from '../types.js';
import { arf } from './arf.js';
import { exim } from './exim.js';
import { mailru } from './mailru.js';
import { rfc3464 } from './rfc3464.js';
import { rfc3834 } from './rfc3834.js';

/**
 * The one ordered list of decoders. Provider- and MTA-specific decoders come first (each rejects a
 * mail that is not its own by a cheap header test); the generic RFC decoders come last.
 */
export const DECODERS: readonly Decoder[] = [arf, mailru, exim, rfc3464, rfc3834];
