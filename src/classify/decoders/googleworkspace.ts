import { findAddress } from '../address.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';
import { OWN_WORDS } from './gmail.js';
import { standardFacts } from './rfc3464.js';
import { hintsOf } from './mail-hints.js';

/**
 * Google Workspace (and newer Gmail) bounces from mailer-daemon@googlemail.com: a headline, Google's
 * explanation, then the server's reply, usually with a delivery-status part whose Diagnostic-Code
 * holds only the reply's first line:
 *
 *   ** Address not found **
 *   Your message wasn't delivered to someone@example.org because the address couldn't be found. ...
 *   The response from the remote server was:
 *   550 5.1.1 The email account that you tried to reach does not exist. Please try ...
 *
 * Without a delivery-status part the recipients are in X-Failed-Recipients:
 *
 *   ** Message not delivered **
 *   You're sending this from a different address or alias using the 'Send mail as' feature. ...
 *   The response was:
 *   Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability
 */
const RESPONSES = ['The response from the remote server was:', 'The response was:'];
const ADDRESS_NOT_FOUND = '** Address not found **';
/** Google's fixed sentence when the sender's own "Send mail as" relay is misconfigured. */
const SEND_MAIL_AS = "using the 'Send mail as' feature";

export const googleworkspace: Decoder = {
  id: 'googleworkspace',
  cues: ['mailer-daemon@googlemail.com'],
  recognises: (mail) => hintsOf(mail).fromLower.includes('mailer-daemon@googlemail.com'),
  decode(mail) {
    const text = mail.text();
    const headline = headlineEnd(text);
    const explanation = headline === -1 ? '' : firstParagraph(text.slice(headline));
    const responseAt = RESPONSES.map((r) => [text.indexOf(r), r.length] as const).find(([at]) => at !== -1);
    const response = responseAt ? firstParagraph(text.slice(responseAt[0] + responseAt[1])) : '';

    let facts = standardFacts(mail);
    if (facts.length === 0) {
      if (headline === -1) return undefined;
      facts = failedRecipients(mail);
    }
    for (const fact of facts) {
      // Google's text carries the whole reply; the Diagnostic-Code field only its first line.
      fact.diagnosticCode = response || fact.diagnosticCode || explanation;
      fact.action ??= 'failed';
      const own = OWN_WORDS.find(([words]) => fact.diagnosticCode?.includes(words));
      if (own) {
        fact.reason = own[1];
        fact.rule = `googleworkspace: ${own[0]}`;
      } else if (fact.diagnosticCode === explanation && text.includes(ADDRESS_NOT_FOUND)) {
        // No server reply to go by: Google itself found no such address.
        fact.reason = 'userunknown';
        fact.rule = `googleworkspace: ${ADDRESS_NOT_FOUND}`;
      } else if (explanation.includes(SEND_MAIL_AS)) {
        fact.reason = 'rejected';
        fact.rule = "googleworkspace: the sender's 'Send mail as' settings are misconfigured";
      }
    }
    return { recipients: facts };
  },
};

/** Where the text after a "** Address not found **" headline line starts, or -1. */
function headlineEnd(text: string): number {
  let at = text.indexOf('** ');
  while (at !== -1) {
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(at, lineEnd === -1 ? text.length : lineEnd).trim();
    if ((at === 0 || text[at - 1] === '\n') && line.endsWith(' **'))
      return lineEnd === -1 ? text.length : lineEnd;
    at = text.indexOf('** ', at + 3);
  }
  return -1;
}

function failedRecipients(mail: ParsedMessage): RecipientFact[] {
  const facts: RecipientFact[] = [];
  for (const value of mail.headers.getAll('x-failed-recipients')) {
    for (const part of value.split(',')) {
      const found = findAddress(part);
      if (found) facts.push({ recipient: found.address });
    }
  }
  return facts;
}

/** The text up to the first blank line, whitespace-collapsed. */
function firstParagraph(text: string): string {
  const trimmed = text.replace(/^\s*\n/, '');
  const end = trimmed.search(/\n\s*\n/);
  return (end === -1 ? trimmed : trimmed.slice(0, end)).replace(/\s+/g, ' ').trim();
}
