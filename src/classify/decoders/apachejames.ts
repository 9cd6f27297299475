import { findAddress } from '../address.js';
import { findReplyCode, findStatus } from '../status-code.js';
import type { Decoder, ParsedMessage } from '../types.js';
import { receivedIncludes } from './mail-hints.js';

/**
 * Apache James (a Java mail server) bounces in its fixed layout:
 *
 *   Error: Invalid user address
 *
 *   Error message below:
 *   550 - Requested action not taken: no such user here
 *
 *   Message details:
 *     Subject: Hello
 *     MAIL FROM: sender@example.com
 *     RCPT TO: user@example.org
 *
 * The recipient is the envelope "RCPT TO:" of the details; the error message is what the server said.
 */
const ERROR = 'Error message below:';
const DETAILS = 'Message details:';

export const apachejames: Decoder = {
  id: 'apachejames',
  cues: ['[bounce]', '.javamail.', 'james smtp server'],
  recognises: (mail) => isJames(mail),
  decode(mail) {
    const text = mail.text();
    const error = text.indexOf(ERROR);
    const details = text.indexOf(DETAILS);
    if (error === -1 || details < error) return undefined;
    const said = text
      .slice(error + ERROR.length, details)
      .replace(/\s+/g, ' ')
      .trim();
    const recipients = [];
    for (const raw of text.slice(details).split('\n')) {
      const line = raw.trim();
      if (!line.startsWith('RCPT TO:')) continue;
      const found = findAddress(line);
      if (found) recipients.push(found.address);
    }
    const facts = recipients.map((recipient) => ({
      recipient,
      action: 'failed',
      diagnosticCode: said || undefined,
      replyCode: findReplyCode(said),
      status: findStatus(said),
    }));
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};

/** James answers with a "[BOUNCE]" subject, a JavaMail Message-ID, or its own Received line. */
function isJames(mail: ParsedMessage): boolean {
  if ((mail.headers.get('subject') ?? '').startsWith('[BOUNCE]')) return true;
  if ((mail.headers.get('message-id') ?? '').includes('.JavaMail.')) return true;
  return receivedIncludes(mail, 'JAMES SMTP Server');
}
