import type { Decoder, RecipientFact } from '../types.js';
import { addressLine, beforeOriginal, blockText, recipientBlocks } from './text-report.js';
import { hintsOf } from './mail-hints.js';

/**
 * Yahoo's (and AOL's, since it runs on Yahoo) "Failure Notice" bounces:
 *
 *   Sorry, we were unable to deliver your message to the following address.
 *
 *   <someone@example.org>:
 *   Remote host said: 550 5.1.1 <someone@example.org>... No such user [RCPT_TO]
 *
 *   --- Below this line is a copy of the message.
 *
 * The reply may also read "550: 5.1.1 ..." or Yahoo's own words ("Unable to deliver message after
 * multiple retries, giving up."); the bracketed tag names the SMTP step that was refused.
 */
const OPENING = 'Sorry, we were unable to deliver your message to the following address';
const SAID = 'Remote host said:';
const ORIGINAL_MARKERS = ['--- below this line is a copy of the message'];
const COMMANDS: Readonly<Record<string, string>> = {
  '[RCPT_TO]': 'RCPT',
  '[MAIL_FROM]': 'MAIL',
  '[DATA]': 'DATA',
};
/** Yahoo gave up retrying on its own: no server refused the message. */
const GAVE_UP = 'Unable to deliver message after multiple retries';

export const yahoo: Decoder = {
  id: 'yahoo',
  cues: ['failure notice'],
  recognises: (mail) =>
    (mail.headers.get('subject') ?? '').startsWith('Failure Notice') &&
    hintsOf(mail).fromLower.includes('mailer-daemon@'),
  decode(mail) {
    const text = beforeOriginal(mail.text(), ORIGINAL_MARKERS);
    const start = text.indexOf(OPENING);
    if (start === -1) return undefined;
    const blocks = recipientBlocks(text.slice(start + OPENING.length), { opensBlock: addressLine });
    const recipients: RecipientFact[] = [];
    for (const block of blocks) {
      let diagnostic = blockText(block);
      if (diagnostic.startsWith(SAID)) diagnostic = diagnostic.slice(SAID.length).trim();
      let smtpCommand: string | undefined;
      for (const [tag, command] of Object.entries(COMMANDS)) {
        if (!diagnostic.endsWith(tag)) continue;
        smtpCommand = command;
        diagnostic = diagnostic.slice(0, -tag.length).trim();
      }
      const fact: RecipientFact = {
        recipient: block.recipient,
        action: 'failed',
        diagnosticCode: diagnostic,
        smtpCommand,
      };
      if (diagnostic.startsWith(GAVE_UP)) {
        fact.reason = 'expired';
        fact.rule = `yahoo: ${GAVE_UP}`;
      }
      recipients.push(fact);
    }
    return { recipients };
  },
};
