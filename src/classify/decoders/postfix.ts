import { addressesIn, extractAddress, findAddress } from '../address.js';
import { parseDeliveryStatus, stripType } from '../dsn.js';
import { matchPhrases, normalise } from '../phrase-match.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';
import { fieldFacts, standardFacts } from './rfc3464.js';
import { beforeOriginal } from './text-report.js';
import { receivedIncludes } from './mail-hints.js';

const POSTFIX_SUBJECTS = [
  'Undelivered Mail Returned to Sender',
  'Delayed Mail (still being retried)',
  'Undeliverable mail',
  'Mail Delivery Status Report',
];

/**
 * Postfix's bounce (bounce(8) templates): the DSN has the facts, but only the text says which SMTP
 * command the server refused; old Postfix (and a report whose DSN was lost) has only the text:
 *
 *                      The mail system
 *
 *   <user@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 <user@example.org>:
 *       Recipient address rejected: User unknown (in reply to RCPT TO command)
 */
export const postfix: Decoder = {
  id: 'postfix',
  cues: [...POSTFIX_SUBJECTS.map((subject) => subject.toLowerCase()), '(postfix'],
  recognises(mail) {
    const subject = mail.headers.get('subject') ?? '';
    if (POSTFIX_SUBJECTS.includes(subject)) return true;
    return /MAILER-DAEMON/i.test(mail.headers.get('from') ?? '') && receivedIncludes(mail, '(Postfix');
  },
  decode(mail) {
    const blocks = textBlocks(mail.text());
    // Old or non-MIME Postfix writes the delivery-status fields inline, after the text.
    const standard = mail.deliveryStatus()
      ? standardFacts(mail)
      : fieldFacts(mail.text().includes('Final-Recipient:') ? mail.text() : '');
    const facts = standard.length > 0 ? standard : blocks.map((block) => blockFact(block));
    if (facts.length === 0 && mail.text().includes(NO_REPORT)) facts.push(...unreported(mail));
    const pipes = commandDeliveries(mail.deliveryStatus());
    for (const fact of facts) {
      // A full mailbox stays mailboxfull whoever noticed it ('maildrop: Disk quota exceeded').
      if (
        !pipes.has(fact.recipient) ||
        matchPhrases(normalise(fact.diagnosticCode ?? ''))[0]?.reason === 'mailboxfull'
      ) {
        continue;
      }
      fact.reason = 'mailererror';
      fact.rule = 'postfix: Diagnostic-Code x-unix (a delivery command failed)';
    }
    for (const fact of facts) {
      const block = blocks.find((b) => b.recipient === fact.recipient);
      if (!block) continue;
      fact.smtpCommand ??= commandOf(block.text);
      if (!fact.diagnosticCode) Object.assign(fact, { ...blockFact(block), ...definedOnly(fact) });
    }
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};

/**
 * bounce(8) lost its log of the delivery ('--- Delivery report unavailable ---'): the mail
 * bounced, to the recipients of the returned original, and nothing says why.
 */
const NO_REPORT = '--- Delivery report unavailable ---';

function unreported(mail: ParsedMessage): RecipientFact[] {
  const headers = mail.original?.headers;
  return addressesIn([...(headers?.getAll('to') ?? []), ...(headers?.getAll('cc') ?? [])]).map(
    (recipient) => ({ recipient, action: 'failed', reason: 'undefined', rule: `postfix: ${NO_REPORT}` }),
  );
}

interface TextBlock {
  recipient: string;
  /** The text after '<user@example.org>: ' with its continuation lines, whitespace collapsed. */
  text: string;
}

/** '<user@example.org>: text' at the start of a line, continued by indented lines. */
function textBlocks(full: string): TextBlock[] {
  const text = beforeOriginal(full, [
    'content-description: undelivered message',
    'content-type: message/rfc822',
  ]);
  const blocks: TextBlock[] = [];
  let current: TextBlock | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('<')) {
      const found = findAddress(line);
      // '<user@example.org> (expanded from <alias@example.org>): ...'
      const colon = found ? line.indexOf('>: ', found.end) : -1;
      if (found && found.start === 1 && colon !== -1) {
        current = { recipient: found.address, text: line.slice(colon + 3).trim() };
        blocks.push(current);
        continue;
      }
    }
    // Continuation lines are indented, except where a wrap fell just before an address:
    // 'said: 550 5.2.1' then '<user@example.org>... User Unknown (in reply to RCPT TO command)'.
    if (
      current &&
      (line.startsWith(' ') || line.startsWith('\t') || line.startsWith('<')) &&
      line.trim() !== ''
    ) {
      current.text = `${current.text} ${line.trim()}`;
    } else {
      current = undefined;
    }
  }
  return blocks;
}

function blockFact(block: TextBlock): RecipientFact {
  let diagnostic = block.text.replace(/\s*\(in reply to [^)]*\)\s*$/, '');
  let remoteMta: string | undefined;
  // 'host mx.example.org[192.0.2.1] said: 550 ...' names the server and prefixes its reply.
  const said = /^host (\S+?)\[[^\]]*\] said: /.exec(diagnostic);
  if (said) {
    remoteMta = said[1];
    diagnostic = diagnostic.slice(said[0].length);
  }
  const fact: RecipientFact = {
    recipient: block.recipient,
    diagnosticCode: diagnostic,
    remoteMta,
    smtpCommand: commandOf(block.text),
    action: 'failed',
  };
  // Postfix's own words for a DNS lookup that failed temporarily (dns_lookup TRY_AGAIN).
  if (diagnostic.startsWith('Name service error for domain ') && diagnostic.includes('try again')) {
    fact.reason = 'networkerror';
    fact.rule = 'postfix: name service error, try again';
  }
  return fact;
}

/**
 * The SMTP command each recipient's reply answered, from a Postfix-style text part: other MTAs
 * that reuse Postfix's template (Yandex, hosted Postfix relays) have DSNs without it.
 */
export function commandsInText(text: string): Map<string, string> {
  const commands = new Map<string, string>();
  for (const block of textBlocks(text)) {
    const command = commandOf(block.text);
    if (command) commands.set(block.recipient, command);
  }
  return commands;
}

/** '(in reply to RCPT TO command)', '(in reply to end of DATA command)', '(in reply to MAIL FROM command)'. */
function commandOf(text: string): string | undefined {
  const at = text.lastIndexOf('(in reply to ');
  if (at === -1) {
    // "host mx.example.org[192.0.2.1] refused to talk to me: 421 ...": the greeting itself refused.
    return text.startsWith('connect to ') || text.includes('refused to talk to me') ? 'CONN' : undefined;
  }
  const said = text.slice(at + 13, at + 40).toUpperCase();
  if (said.startsWith('RCPT')) return 'RCPT';
  if (said.startsWith('MAIL')) return 'MAIL';
  if (said.includes('DATA')) return 'DATA';
  if (said.startsWith('EHLO') || said.startsWith('HELO')) return 'HELO';
  if (said.startsWith('INITIAL') || said.startsWith('CONNECT')) return 'CONN';
  return undefined;
}

/**
 * Recipients whose Diagnostic-Code has type x-unix: Postfix writes that type only for the output of
 * a command it delivered to (pipe(8), local(8) to '|command'), e.g. 'x-unix; procmail: ... failed'.
 */
function commandDeliveries(dsn: string): Set<string> {
  const found = new Set<string>();
  if (!dsn) return found;
  for (const block of parseDeliveryStatus(dsn).perRecipient) {
    if (!/^x-unix\s*;/i.test(block.get('diagnostic-code') ?? '')) continue;
    const recipient = extractAddress(stripType(block.get('final-recipient')));
    if (recipient) found.add(recipient);
  }
  return found;
}

/** The fact's own values, so a text-derived fill-in never overwrites what the DSN said. */
function definedOnly(fact: RecipientFact): Partial<RecipientFact> {
  return Object.fromEntries(Object.entries(fact).filter(([, value]) => value !== undefined && value !== ''));
}
