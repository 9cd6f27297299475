import { findAddress } from '../address.js';
import { findReplyCode, findStatus } from '../status-code.js';
import type { Decoder, RecipientFact } from '../types.js';

/**
 * An unidentified MTA's plain-text notice, one block per recipient:
 *
 *   NOTICE: Delivery Failure.
 *   This Delivery Status Notification is sent from MTA...
 *   ------------------------------------------------------
 *   Delivery failed: user@example.org
 *   192.0.2.1 failed after I sent the message.
 *   Remote host said[Response Message]: 550 5.1.1 No such user
 *   STEP: RCPT SEND
 *
 * "STEP:" names the SMTP command that failed ("DATA SEND", "RCPT SEND", ...).
 */
const BANNER = 'NOTICE: Delivery Failure.';
const RECIPIENT = 'Delivery failed: ';
const SAID = 'Remote host said[Response Message]: ';

export const deliveryfailure: Decoder = {
  id: 'deliveryfailure',
  cues: ['delivery failure'],
  recognises: (mail) => (mail.headers.get('subject') ?? '').startsWith('Delivery failure'),
  decode(mail) {
    const text = mail.text();
    if (!text.trimStart().startsWith(BANNER)) return undefined;
    const facts: RecipientFact[] = [];
    let fact: RecipientFact | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith(RECIPIENT)) {
        const found = findAddress(line);
        fact = found ? { recipient: found.address, action: 'failed' } : undefined;
        if (fact) facts.push(fact);
      } else if (!fact) {
        continue;
      } else if (line.startsWith(SAID)) {
        const said = line.slice(SAID.length);
        fact.diagnosticCode = said;
        fact.replyCode = findReplyCode(said);
        fact.status = findStatus(said);
      } else if (line.startsWith('STEP: ')) {
        fact.smtpCommand = /^STEP: ([A-Z]{4})\b/.exec(line)?.[1];
      } else if (line.endsWith(' failed after I sent the message.')) {
        fact.remoteMta = line.split(' ')[0];
      }
    }
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};
