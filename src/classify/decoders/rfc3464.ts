import { extractAddress } from '../address.js';
import { hasRecipientFields, parseDeliveryStatus, stripType, type FieldBlock } from '../dsn.js';
import type { Reason } from '../reasons.js';
import { findReplyCode } from '../status-code.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';
import { commandsInText } from './postfix.js';

/**
 * RFC 3464 delivery status notifications: the standard that most MTAs (Postfix, Sendmail,
 * Exchange, Exim with DSN, ...) follow. Tried after the decoders that know a provider's quirks.
 */
export const rfc3464: Decoder = {
  id: 'rfc3464',
  recognises: (mail) => mail.deliveryStatus() !== '' || hasRecipientFields(mail.text()),
  decode(mail) {
    const text = mail.deliveryStatus() || unquoted(mail.text());
    const fields = parseDeliveryStatus(text);
    const recipients = factsFromFields(fields.perMessage, fields.perRecipient);
    if (recipients.some((fact) => !fact.diagnosticCode)) {
      const said = transcript(mail.text());
      for (const fact of recipients) fact.diagnosticCode ??= said;
    }
    if (mail.text().includes('(in reply to ')) {
      const commands = commandsInText(mail.text());
      for (const fact of recipients) fact.smtpCommand ??= commands.get(fact.recipient);
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

/** A bounce forwarded inline has its fields quoted: "> Final-Recipient: rfc822; user@example.org". */
function unquoted(text: string): string {
  return text.includes('\n> Final-Recipient:') ? text.replace(/^>[ \t]?/gm, '') : text;
}

/**
 * A report whose fields carry no Diagnostic-Code often quotes the failure in its text, after
 * Sendmail's "----- Transcript of session follows -----" (e.g. "mail.local: unknown user: jo"):
 * those lines, up to a blank line or the delivery-status fields, are what the server said.
 */
function transcript(text: string): string | undefined {
  const at = text.indexOf('----- Transcript of session follows -----');
  if (at === -1) return undefined;
  const said: string[] = [];
  for (const raw of text.slice(at).split('\n').slice(1)) {
    const line = raw.trim();
    if (line === '') {
      if (said.length > 0) break;
      continue;
    }
    if (line.startsWith('-----') || /^(?:Reporting-MTA|Final-Recipient|Original-Recipient):/i.test(line))
      break;
    said.push(line.replace(/^(?:>>>|<<<)\s*/, ''));
  }
  return said.join(' ') || undefined;
}

/** Turn RFC 3464 field blocks into facts; shared by decoders whose reports are RFC 3464 underneath. */
export function factsFromFields(
  perMessage: FieldBlock,
  perRecipient: readonly FieldBlock[],
): RecipientFact[] {
  const reportingMta = stripType(perMessage.get('reporting-mta'));
  const arrival = perMessage.get('arrival-date');
  const facts: RecipientFact[] = [];
  for (const found of perRecipient) {
    const block = perRecipient.length === 1 ? withStrayFields(found, perMessage) : found;
    const recipient =
      extractAddress(stripType(block.get('final-recipient'))) ??
      extractAddress(stripType(block.get('original-recipient'))) ??
      extractAddress(block.get('x-actual-recipient'));
    if (!recipient) continue;
    const diagnostic = stripType(block.get('diagnostic-code'));
    const category = block.get('x-powermta-bouncecategory')?.trim().toLowerCase();
    const categorised = category ? POWERMTA_CATEGORIES[category] : undefined;
    facts.push({
      ...(categorised ? { reason: categorised, rule: `powermta: bounce category ${category ?? ''}` } : {}),
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

/**
 * PowerMTA's own classification of the reply (X-PowerMTA-BounceCategory), made by the sending MTA
 * with the whole SMTP conversation in view. Only the categories with one meaning are listed;
 * 'policy-related', 'content-related', 'other' and the like leave the reply to decide.
 */
const POWERMTA_CATEGORIES: Readonly<Record<string, Reason>> = {
  'bad-mailbox': 'userunknown',
  'bad-domain': 'hostunknown',
  'inactive-mailbox': 'suspend',
  'quota-issues': 'mailboxfull',
  'message-expired': 'expired',
  'relaying-issues': 'norelaying',
  'virus-related': 'virusdetected',
};

/**
 * A report with one recipient that wrote its per-recipient fields before Final-Recipient, e.g.
 * "Status: 5.0.0 / Action: failed / Final-Recipient: rfc822; user@example.org" with no blank line,
 * leaves them in the per-message block: they still belong to that recipient.
 */
function withStrayFields(block: FieldBlock, perMessage: FieldBlock): FieldBlock {
  const stray = STRAY.filter((name) => !block.has(name) && perMessage.has(name));
  if (stray.length === 0) return block;
  const merged = new Map(block);
  for (const name of stray) merged.set(name, perMessage.get(name) ?? '');
  return merged;
}

const STRAY = ['action', 'status', 'diagnostic-code', 'remote-mta', 'last-attempt-date'];

/** The RFC 3464 facts of a mail, for decoders that only add to them. */
export function standardFacts(mail: ParsedMessage): RecipientFact[] {
  return fieldFacts(mail.deliveryStatus());
}

/** The facts of RFC 3464 fields wherever they are (a delivery-status part, or inline in a text). */
export function fieldFacts(text: string): RecipientFact[] {
  if (!text) return [];
  const fields = parseDeliveryStatus(text);
  return factsFromFields(fields.perMessage, fields.perRecipient);
}
