import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';

/**
 * Google Workspace's newer plain-text bounces without a delivery-status part:
 *
 *   X-Failed-Recipients: someone@example.org
 *
 *   ** Message not delivered **
 *   You're sending this from a different address or alias using the 'Send mail as' feature. ...
 *   Learn more here: https://support.google.com/mail/?p=CustomFromDenied
 *   The response was:
 *   Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability
 */
const HEADLINE = '** Message not delivered **';
const RESPONSE = 'The response was:';
/** Google's fixed sentence when the sender's own "Send mail as" relay is misconfigured. */
const SEND_MAIL_AS = "using the 'Send mail as' feature";

export const googleworkspace: Decoder = {
  id: 'googleworkspace',
  recognises: (mail) =>
    (mail.headers.get('from') ?? '').toLowerCase().includes('mailer-daemon@googlemail.com') &&
    mail.headers.has('x-failed-recipients') &&
    mail.deliveryStatus() === '',
  decode(mail) {
    const text = mail.text();
    const start = text.indexOf(HEADLINE);
    if (start === -1) return undefined;
    const body = text.slice(start + HEADLINE.length);
    const responseAt = body.indexOf(RESPONSE);
    const reply = responseAt === -1 ? '' : firstParagraph(body.slice(responseAt + RESPONSE.length));
    const explanation = firstParagraph(body);
    const fact: Omit<RecipientFact, 'recipient'> = {
      action: 'failed',
      diagnosticCode: reply || explanation,
    };
    if (explanation.includes(SEND_MAIL_AS)) {
      fact.reason = 'rejected';
      fact.rule = "googleworkspace: the sender's 'Send mail as' settings are misconfigured";
    }
    const recipients: RecipientFact[] = [];
    for (const value of mail.headers.getAll('x-failed-recipients')) {
      for (const part of value.split(',')) {
        const found = findAddress(part);
        if (found) recipients.push({ recipient: found.address, ...fact });
      }
    }
    return { recipients };
  },
};

/** The text up to the first blank line, whitespace-collapsed. */
function firstParagraph(text: string): string {
  const trimmed = text.replace(/^\s*\n/, '');
  const end = trimmed.search(/\n\s*\n/);
  return (end === -1 ? trimmed : trimmed.slice(0, end)).replace(/\s+/g, ' ').trim();
}
