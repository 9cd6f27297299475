import { extractAddress } from '../address.js';
import { parseDeliveryStatus, stripType, type FieldBlock } from '../dsn.js';
import { findReplyCode } from '../status-code.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';

/**
 * RFC 3464 delivery status notifications: the standard that most MTAs (Postfix, Sendmail,
 * Exchange, Exim with DSN, ...) follow. Tried after the decoders that know a provider's quirks.
 */
export const rfc3464: Decoder = {
  id: 'rfc3464',
  recognises: (mail) => mail.deliveryStatus() !== '' || mail.text().includes('Final-Recipient:'),
  decode(mail) {
    const text = mail.deliveryStatus() || mail.text();
    const fields = parseDeliveryStatus(text);
    const recipients = factsFromFields(fields.perMessage, fields.perRecipient);
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

/** Turn RFC 3464 field blocks into facts; shared by decoders whose reports are RFC 3464 underneath. */
export function factsFromFields(perMessage: FieldBlock, perRecipient: FieldBlock[]): RecipientFact[] {
  const reportingMta = stripType(perMessage.get('reporting-mta'));
  const arrival = perMessage.get('arrival-date');
  const facts: RecipientFact[] = [];
  for (const block of perRecipient) {
    const recipient =
      extractAddress(stripType(block.get('final-recipient'))) ??
      extractAddress(stripType(block.get('original-recipient'))) ??
      extractAddress(block.get('x-actual-recipient'));
    if (!recipient) continue;
    const diagnostic = stripType(block.get('diagnostic-code'));
    facts.push({
      recipient,
      status: block.get('status'),
      replyCode: diagnostic ? findReplyCode(diagnostic) : undefined,
      action: block.get('action')?.toLowerCase().split(/[\s(]/)[0],
      diagnosticCode: diagnostic,
      remoteMta: stripType(block.get('remote-mta')),
      reportingMta,
      date: block.get('last-attempt-date') ?? arrival,
    });
  }
  return facts;
}

/** The RFC 3464 facts of a mail, for decoders that only add to them. */
export function standardFacts(mail: ParsedMessage): RecipientFact[] {
  const text = mail.deliveryStatus();
  if (!text) return [];
  const fields = parseDeliveryStatus(text);
  return factsFromFields(fields.perMessage, fields.perRecipient);
}
