/**
 * RFC 3464 delivery-status fields: one per-message block, then one block per recipient, blocks
 * separated by blank lines. Field values keep their RFC 3464 type prefix stripped ('rfc822;',
 * 'dns;', 'smtp;'), continuation lines are unfolded.
 */
export type FieldBlock = ReadonlyMap<string, string>;

/** Read-only: one parse is shared by every decoder that reads the same text (see parseDeliveryStatus). */
export interface DeliveryStatusFields {
  readonly perMessage: FieldBlock;
  readonly perRecipient: readonly FieldBlock[];
}

const RECIPIENT_STARTERS = new Set(['final-recipient', 'original-recipient']);
/** Fields that belong to a recipient block even when a broken report omits the blank line. */
const PER_MESSAGE_ONLY = new Set([
  'reporting-mta',
  'arrival-date',
  'received-from-mta',
  'original-envelope-id',
  'dsn-gateway',
]);

const FIELD_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The last text parsed and its fields: the decoders tried in turn on one mail (Sendmail, Postfix,
 * RFC 3464, ...) mostly parse the same delivery-status part, some of them twice.
 */
let lastText: string | undefined;
let lastFields: DeliveryStatusFields | undefined;

/** Parse delivery-status text. Lines that are not fields are ignored; never throws. */
/**
 * Does the text carry RFC 3464 per-recipient fields inline? Field names are case-insensitive
 * (PMDF/Messaging Server writes "Final-recipient:"), so the test is too; a bounce forwarded inline
 * quotes them ("> Final-Recipient:").
 */
export function hasRecipientFields(text: string): boolean {
  return /^[> \t]*final-recipient:/im.test(text);
}

export function parseDeliveryStatus(text: string): DeliveryStatusFields {
  if (text !== lastText || lastFields === undefined) {
    lastFields = parseFields(text);
    lastText = text;
  }
  return lastFields;
}

function parseFields(text: string): DeliveryStatusFields {
  const perMessage = new Map<string, string>();
  const perRecipient: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  let lastName = '';
  let lastBlock: Map<string, string> | undefined;

  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      lastBlock = undefined;
      continue;
    }
    if ((line[0] === ' ' || line[0] === '\t') && lastBlock) {
      lastBlock.set(lastName, `${lastBlock.get(lastName) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (!FIELD_NAME.test(name)) {
      // Some gateways (MessageLabs) fold a multi-line reply without indenting it:
      //   Diagnostic-Code: smtp; 550-First line of the reply
      //   550 last line of the reply
      if (lastBlock && lastName === 'diagnostic-code') {
        lastBlock.set(lastName, `${lastBlock.get(lastName) ?? ''} ${line.trim()}`);
      }
      continue;
    }
    const value = line.slice(colon + 1).trim();
    const target = blockFor(name);
    if (!target.has(name)) target.set(name, value);
    lastName = name;
    lastBlock = target;
  }
  return { perMessage, perRecipient };

  function blockFor(name: string): Map<string, string> {
    const startsRecipient = RECIPIENT_STARTERS.has(name);
    if (current === undefined) {
      if (!startsRecipient && (perRecipient.length === 0 || PER_MESSAGE_ONLY.has(name))) {
        current = perMessage;
        return current;
      }
      current = new Map();
      perRecipient.push(current);
      return current;
    }
    // A new Final-Recipient inside a recipient block that already has one: a report without blank lines.
    if (current !== perMessage && startsRecipient && current.has(name)) {
      current = new Map();
      perRecipient.push(current);
    } else if (current === perMessage && startsRecipient) {
      current = new Map();
      perRecipient.push(current);
    }
    return current;
  }
}

/** 'rfc822; user@example.org' -> 'user@example.org'; 'smtp; 550 ...' -> '550 ...'. */
export function stripType(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semi = value.indexOf(';');
  if (semi > 0 && semi < 20 && /^[A-Za-z0-9-]+$/.test(value.slice(0, semi).trim())) {
    return value.slice(semi + 1).trim();
  }
  return value.trim();
}
