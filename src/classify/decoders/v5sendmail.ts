import type { Decoder, RecipientFact } from '../types.js';
import { addTranscript, readTranscript } from './sendmail.js';

/**
 * Sendmail before DSNs (V5 and early V8): no delivery-status part and no address list, only the
 * session transcript, whose summary lines name each failed recipient:
 *
 *      ----- Transcript of session follows -----
 *   While talking to mx.example.org:
 *   >>> RCPT To:<user@example.org>
 *   <<< 550 <user@example.org>... User unknown
 *   550 <user@example.org>... User unknown
 *
 *      ----- Unsent message follows -----
 */
export const v5sendmail: Decoder = {
  id: 'v5sendmail',
  recognises(mail) {
    const from = mail.headers.get('from') ?? '';
    const subject = mail.headers.get('subject') ?? '';
    return from.startsWith('Mail Delivery Subsystem') || subject.startsWith('Returned mail: ');
  },
  decode(mail) {
    if (mail.deliveryStatus() !== '') return undefined;
    const text = mail.text();
    if (
      !text.includes('----- Transcript of session follows -----') ||
      text.includes('----- The following addresses had')
    ) {
      return undefined;
    }
    const transcript = readTranscript(text);
    const recipients = new Set<string>();
    for (const session of transcript.sessions)
      for (const recipient of session.summaries.keys()) recipients.add(recipient);
    for (const recipient of transcript.summaries.keys()) recipients.add(recipient);
    const facts: RecipientFact[] = [];
    for (const recipient of recipients) {
      const fact: RecipientFact = { recipient, action: 'failed' };
      addTranscript(fact, transcript);
      facts.push(fact);
    }
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};
