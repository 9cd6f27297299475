import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/** Cloudflare Email Routing (route*.mx.cloudflare.net), which forwards to the recipient's real box. */
const SENTENCES: PhraseTable = [
  [
    'blocked',
    [
      // "554 <ip> found on one or more RBLs (abusixip)."
      'found on one or more rbls',
      'found on one or more dnsbls',
    ],
  ],
  [
    'onhold',
    [
      // "421 4.3.0 Upstream error, please check https://developers.cloudflare.com/email-routing/postmaster":
      // the forwarding destination refused or failed, and Cloudflare does not say why.
      'upstream error, please check',
    ],
  ],
];

export const cloudflare: RhostRules = {
  id: 'cloudflare',
  hosts: ['mx.cloudflare.net'],
  reason(input) {
    return findPhrase(input.text, SENTENCES);
  },
};
