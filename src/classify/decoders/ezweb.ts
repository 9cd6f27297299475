import { extractAddress } from '../address.js';
import type { Reason } from '../reasons.js';
import type { Decoder, RecipientFact } from '../types.js';
import { standardFacts } from './rfc3464.js';
import { addressLine, beforeOriginal } from './text-report.js';
import { receivedIncludes } from './mail-hints.js';

/**
 * au by KDDI's EZweb mail servers (Postmaster@ezweb.ne.jp, "Mail System Error - Returned Mail"):
 * a Japanese preamble, then either an SMTP transcript per recipient
 *
 *   Each of the following recipients was rejected by a remote mail server.
 *       Recipient: <user@example.org>
 *       >>> RCPT TO:<user@example.org>
 *       <<< 550 <user@example.org>: User unknown
 *
 * or one fixed English sentence followed by the bare addresses
 *
 *   The user(s) account is disabled.
 *   <user@ezweb.ne.jp>
 */
export const ezweb: Decoder = {
  id: 'ezweb',
  cues: ['mail system error - returned mail'],
  recognises(mail) {
    if (mail.headers.get('subject')?.trim() !== 'Mail System Error - Returned Mail') return false;
    const from = `${mail.headers.get('from') ?? ''} ${mail.headers.get('message-id') ?? ''}`.toLowerCase();
    return from.includes('ezweb.ne.jp') || receivedIncludes(mail, 'ezweb.ne.jp');
  },
  decode(mail) {
    const text = beforeOriginal(mail.text(), ORIGINAL_MARKERS);
    const facts: RecipientFact[] = [];
    const notes: string[] = [];
    let current: RecipientFact | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      const recipient = line.startsWith('Recipient:') ? extractAddress(line) : addressLine(line);
      if (recipient) {
        current = { recipient };
        facts.push(current);
      } else if (line.startsWith('>>>') && current) {
        current.smtpCommand = line.slice(3).trim().split(/[\s:]/)[0]?.toUpperCase();
      } else if (line.startsWith('<<<') && current) {
        current.diagnosticCode = `${current.diagnosticCode ?? ''} ${line.slice(3).trim()}`.trim();
      } else if (FIXED.some(([sentence]) => line.startsWith(sentence))) {
        notes.push(line);
      }
    }
    const recipients = facts.length > 0 ? facts : standardFacts(mail);
    // Content refused by the recipient's own filter settings is marked in the header: X-SPASIGN: NG.
    const filtered = mail.headers.get('x-spasign')?.trim().toUpperCase() === 'NG';
    for (const fact of recipients) {
      if (fact.diagnosticCode) continue;
      if (notes.length > 0) fact.diagnosticCode = notes.join(' ');
      const known = FIXED.find(([sentence]) => notes.some((note) => note.startsWith(sentence)));
      if (filtered) {
        fact.reason = 'filtered';
        fact.rule = 'ezweb: X-SPASIGN: NG';
      } else if (known) {
        fact.reason = known[1];
        fact.rule = `ezweb: ${known[0]}`;
      }
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

/** The inline copy of the original follows a dashed rule or starts with its Received: header. */
const ORIGINAL_MARKERS = ['-----------------------------', 'content-type: message/rfc822', 'received: from '];

/** EZweb's fixed English sentences when no remote server spoke, and what they mean. */
const FIXED: readonly (readonly [string, Reason])[] = [
  ['The user(s) account is disabled', 'suspend'],
  ['The user(s) account is temporarily limited', 'suspend'],
  ['The user(s) account is temporarily over quota', 'mailboxfull'],
  ['Your message was not delivered within', 'expired'],
  ['Each of the following recipients was rejected', 'onhold'],
];
