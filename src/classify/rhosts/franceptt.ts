import type { Reason } from '../reasons.js';
import { codeReason } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * Orange / Wanadoo (smtp-in.orange.fr) and La Poste (smtpz4.laposte.net) end each reply with a code
 * naming the server family and the cause: "OFR_416", "OFR004_201", "LPN007_426", "OUK_513". The last
 * three digits are the cause; they are the same across families.
 * Codes whose text is only "service refused, try later" (105, 108, 109, 201, 423, 424, 513) tell
 * nothing and are left out.
 */
const CODES: Readonly<Record<string, Reason>> = {
  // "Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues."
  '102': 'blocked',
  // "Service refuse" to an IP with a bad history
  '103': 'blocked',
  // "Too many connections, slow down."
  '104': 'toomanyconn',
  // "Code d'authentification invalide"
  '305': 'securityerror',
  // "SPF: x is not allowed to send mail."
  '401': 'authfailure',
  // "Authentification requise. Authentication Required."
  '402': 'securityerror',
  // "Emetteur invalide. Invalid Sender."
  '403': 'rejected',
  '405': 'rejected',
  '415': 'rejected',
  // "Adresse d au moins un destinataire invalide. Invalid recipient."
  '416': 'userunknown',
  // "Boite du destinataire pleine. Recipient overquota."
  '417': 'mailboxfull',
  '418': 'userunknown',
  // "Boite du destinataire archivee. Archived recipient."
  '420': 'suspend',
  // "Mail from not owned by user."
  '421': 'rejected',
  // "Le compte du destinataire est bloque. The recipient account is blocked."
  '426': 'suspend',
  // "Service refuse. Veuillez essayer plus tard." after DATA: the receiving side failed
  '505': 'systemerror',
  // "Mail rejete. Mail rejected." after the content was scanned
  '506': 'spamdetected',
  // "Veuillez essayer plus tard." to a sending IP under a temporary block
  '510': 'blocked',
  // "Taille limite du message atteinte"
  '514': 'mesgtoobig',
  // "Service refuse" at connection time: the sending IP is refused
  '999': 'blocked',
};

/** "ofr_416", "ofr004_201", "lpn105-104", "ouk_513" -> the prefix as written and the three-digit cause. */
const CODE_PREFIXES = ['ofr', 'lpn', 'ouk'];
const CODE_AFTER_PREFIX = /^(?:\d{3}|)[_-](\d{3})(?![0-9a-z])/;

function findCode(text: string): [written: string, cause: string] | undefined {
  for (const prefix of CODE_PREFIXES) {
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
      if (at > 0 && /[0-9a-z]/.test(text[at - 1] as string)) continue;
      const rest = CODE_AFTER_PREFIX.exec(text.slice(at + 3, at + 12));
      if (rest?.[1]) return [prefix + rest[0], rest[1]];
    }
  }
  return undefined;
}

const DOMAINS = ['orange.fr', 'wanadoo.fr', 'laposte.net'];

export const franceptt: RhostRules = {
  id: 'franceptt',
  hosts: DOMAINS,
  recipientDomains: DOMAINS,
  reason(input) {
    const found = findCode(input.text);
    return found ? codeReason(found[1], CODES, found[0]) : undefined;
  },
};
