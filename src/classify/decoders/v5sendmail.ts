import { addressesIn, domainOf } from '../address.js';
import { parseHeaderBlock } from '../mime/header-block.js';
import { findReplyCode } from '../status-code.js';
import type { Decoder, HeaderView, RecipientFact } from '../types.js';
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
  cues: ['mail delivery subsystem', 'returned mail: '],
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
    const original = mail.original?.headers ?? unsentMessage(text);
    if (facts.length === 0) facts.push(...hostFacts(text, original));
    // "Returned mail: Cannot send message for 4 days": the queue lifetime ran out, whatever the
    // last attempt said.
    if ((mail.headers.get('subject') ?? '').startsWith(GAVE_UP)) {
      for (const fact of facts) {
        fact.reason = 'expired';
        fact.rule = `v5sendmail: ${GAVE_UP}`;
      }
    }
    return facts.length > 0 ? { recipients: facts, original } : undefined;
  },
};

const UNSENT = '----- Unsent message follows -----';

/** The headers of the copy that follows the transcript, which the MIME parser cannot see. */
function unsentMessage(text: string): HeaderView | undefined {
  const at = text.indexOf(UNSENT);
  if (at === -1) return undefined;
  const start = text.indexOf('\n', at);
  return start === -1 ? undefined : parseHeaderBlock(text, start + 1).headers;
}

const GAVE_UP = 'Returned mail: Cannot send message for';

/**
 * A failure before any recipient was named ("421 example.org (smtp)... Deferred: Connection timed
 * out"): the summary names the destination host, so the recipients are those of the unsent
 * message at that domain.
 */
function hostFacts(text: string, original: HeaderView | undefined): RecipientFact[] {
  const summary = /^\s*([45]\d\d) (\S+) \(\w+\)\.\.\. (.+)$/m.exec(text);
  const [, code = '', named = '', said = ''] = summary ?? [];
  if (!said || !original) return [];
  const host = named.toLowerCase();
  const recipients = addressesIn([...original.getAll('to'), ...original.getAll('cc')]);
  return recipients
    .filter((recipient) => host === domainOf(recipient) || host.endsWith(`.${domainOf(recipient)}`))
    .map((recipient) => ({
      recipient,
      diagnosticCode: said,
      replyCode: findReplyCode(code),
      action: code.startsWith('4') ? 'delayed' : 'failed',
    }));
}
