import type { Reason } from '../reasons.js';
import type { RhostRules } from './rhost.js';

/**
 * i.ua (mx*.email.ua) points each refusal to a numbered help page:
 * "550 Mailbox is frozen. See http://mail.i.ua/err/3/". The number is the cause.
 */
const CODES: Readonly<Record<string, Reason>> = {
  // 1: using the server as a mail gateway is forbidden; 6: use your own provider's SMTP
  '1': 'norelaying',
  '6': 'norelaying',
  // 2: no such user
  '2': 'userunknown',
  // 3: the mailbox is frozen after months without use
  '3': 'suspend',
  // 4: the mailbox is full
  '4': 'mailboxfull',
  // 5: the sending limit is exceeded
  '5': 'toomanyconn',
  // 7: invalid HELO/EHLO argument; 9: the sender's IP is blocklisted
  '7': 'blocked',
  '9': 'blocked',
  // 8: the sender address could not be verified
  '8': 'rejected',
  // 10: the sender is not on the recipient's allowed list
  '10': 'filtered',
};

export const iua: RhostRules = {
  id: 'iua',
  hosts: ['email.ua', 'i.ua'],
  recipientDomains: ['i.ua'],
  reason(input) {
    const at = input.text.indexOf('.i.ua/err/');
    if (at === -1) return undefined;
    const code = input.text.slice(at + 10).split('/', 1)[0];
    if (code === undefined || !Object.hasOwn(CODES, code)) return undefined;
    const reason = CODES[code];
    return reason ? { reason, matched: `i.ua/err/${code}` } : undefined;
  },
};
