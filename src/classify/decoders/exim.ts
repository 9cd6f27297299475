import { extractAddress, findAddress } from '../address.js';
import { findReplyCode } from '../status-code.js';
import type { Reason } from '../reasons.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';
import { standardFacts } from './rfc3464.js';
import { beforeOriginal } from './text-report.js';

const EXIM_SUBJECT =
  /^(?:Mail delivery failed|Warning: message \S+ delayed|Delivery Status Notification|Mail failure|Message frozen|error\(s\) in forwarding or filtering)/;
/** The literal start of each EXIM_SUBJECT alternative, lower-cased: the decoder's cues. */
const EXIM_SUBJECT_STARTS = [
  'mail delivery failed',
  'warning: message ',
  'delivery status notification',
  'mail failure',
  'message frozen',
  'error(s) in forwarding or filtering',
];

/**
 * Exim's bounce (deliver.c): a fixed English text, then one block per failed address, the address
 * indented by two spaces and the error lines by four:
 *
 *   This message was created automatically by mail delivery software.
 *   ...The following address(es) failed:
 *
 *     user@example.org
 *       SMTP error from remote mail server after RCPT TO:<user@example.org>:
 *       host mx.example.org [192.0.2.1]: 550 5.1.1 No such user
 *
 *   ------ This is a copy of the message, including all the headers. ------
 */
export const exim: Decoder = {
  id: 'exim',
  cues: ['mail delivery system', 'x-failed-recipients', ...EXIM_SUBJECT_STARTS],
  recognises(mail) {
    const from = mail.headers.get('from') ?? '';
    let votes = 0;
    // 'Mail Delivery System <Mailer-Daemon@...>' or 'Mailer-Daemon@... (Mail Delivery System)'
    if (from.includes('Mail Delivery System')) votes++;
    if (mail.headers.has('x-failed-recipients')) votes++;
    if (EXIM_SUBJECT.test(mail.headers.get('subject') ?? '')) votes++;
    if (/^<\w{6}-\w{6}-\w{2}@/.test(mail.headers.get('message-id') ?? '')) votes++;
    return votes >= 2;
  },
  decode(mail) {
    const recipients = eximFacts(mail);
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

/** Where the returned copy (or, for a pipe, the program's output) begins. */
const ORIGINAL_MARKERS = [
  '------ this is a copy of ',
  'content-type: message/rfc822',
  'the following text was generated during the delivery attempt',
];

/** The lines that open Exim's own report (deliver.c), in English. */
const REPORT_OPENERS = [
  'This message was created automatically by mail delivery software',
  'A message that you sent ',
  'The following address(es) failed',
  'could not be delivered to one or more of its recipients',
];

/**
 * Exim's own words for failures it found itself (no remote server spoke), from its source:
 * routers, transports and the address parser.
 */
const OWN_WORDS: readonly (readonly [string, Reason])[] = [
  ['user not found', 'userunknown'],
  ['all host address lookups failed permanently', 'hostunknown'],
  ['all relevant MX records point to non-existent hosts', 'hostunknown'],
  ['Unrouteable address', 'hostunknown'],
  ['mailbox is full', 'mailboxfull'],
  ['error: quota exceed', 'mailboxfull'],
  ['an MX or SRV record indicated no SMTP service', 'notaccept'],
  ['no host found for existing SMTP connection', 'notaccept'],
  ['angle-brackets nested too deep', 'syntaxerror'],
  ['expected word or "<"', 'syntaxerror'],
  ['domain missing in source-routed address', 'syntaxerror'],
  ['malformed address:', 'syntaxerror'],
  ['delivery to file forbidden', 'systemerror'],
  ['delivery to pipe forbidden', 'systemerror'],
  ['local delivery failed', 'systemerror'],
  ['Too many "Received" headers', 'contenterror'],
];

/** Exim's words for a message that stayed queued too long (retry.c, smtp.c, deliver.c). */
const GAVE_UP = [
  'retry timeout exceeded',
  'retry time not reached for any host after a long failure period',
  'all hosts have been failing for a long time and were last tried',
  'has been frozen',
  'was frozen on arrival by ',
];

interface EximBlock {
  head: string;
  lines: string[];
}

/** The facts of an Exim-style report; shared with providers that run Exim with their own preamble. */
export function eximFacts(mail: ParsedMessage): RecipientFact[] {
  const text = beforeOriginal(mail.text(), ORIGINAL_MARKERS);
  const blocks = addressBlocks(text);
  const delayed = /has not yet been delivered|Delivery attempts will continue/.test(text);
  const failedHeader = (mail.headers.get('x-failed-recipients') ?? '')
    .split(',')
    .map((part) => extractAddress(part))
    .filter((address): address is string => address !== undefined);
  const dsn = new Map(standardFacts(mail).map((fact) => [fact.recipient, fact]));
  const facts: RecipientFact[] = [];
  blocks.forEach((block, index) => {
    const recipient = blockRecipient(block) ?? failedHeader[index] ?? failedHeader[0];
    if (!recipient) return;
    const fact = blockFact(block, recipient, delayed);
    const standard = dsn.get(recipient);
    if (standard) {
      fact.status ??= standard.status;
      fact.remoteMta ??= standard.remoteMta;
      fact.reportingMta = standard.reportingMta;
      fact.date = standard.date;
    }
    facts.push(fact);
  });
  if (facts.length === 0) {
    for (const recipient of failedHeader) facts.push({ recipient, action: delayed ? 'delayed' : 'failed' });
  }
  return facts;
}

/** Blocks of "  address" (two spaces) followed by deeper-indented lines, after the report's opening. */
function addressBlocks(text: string): EximBlock[] {
  const blocks: EximBlock[] = [];
  let started = false;
  let current: EximBlock | undefined;
  for (const line of text.split('\n')) {
    if (!started) {
      started = REPORT_OPENERS.some((opener) => line.includes(opener));
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '') {
      current = undefined;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (indent >= 3 && current) {
      current.lines.push(trimmed);
    } else if (indent === 2 && !trimmed.startsWith('<')) {
      // '  <sender@example.org>' names the sender in "A message sent by"; not a recipient.
      current = { head: trimmed, lines: [] };
      blocks.push(current);
    } else {
      current = undefined;
    }
  }
  return blocks;
}

/**
 * The address a block is about: the head line's address ('user@example.org', 'user@example.org:
 * forced freeze', 'bad text <user@example.org>: malformed address...'), else the address a pipe or
 * file delivery was generated from ('save to /var/mail/x' + 'generated by user@example.org').
 */
function blockRecipient(block: EximBlock): string | undefined {
  const head = block.head;
  const first = findAddress(head);
  const open = head.indexOf(' <');
  if (first && first.start === 0 && open === first.end) {
    const inner = findAddress(head, open);
    if (inner && head.startsWith('>:', inner.end)) return inner.address;
  }
  if (first && first.start === 0) return first.address;
  for (const line of block.lines) {
    const generated = /^(?:generated by|\((?:ultimately )?generated from) (\S+)/.exec(line);
    if (generated) return extractAddress(generated[1]);
  }
  return undefined;
}

function blockFact(block: EximBlock, recipient: string, delayed: boolean): RecipientFact {
  const lines = block.lines.filter(
    (line) => !/^(?:generated by|\((?:ultimately )?generated from) /.test(line),
  );
  let remoteMta: string | undefined;
  const kept: string[] = [];
  for (const line of lines) {
    // 'host mx.example.org [192.0.2.1]' alone on a line (newer Exim) or before the reply (older).
    const host = /^host (\S+) \[[^\]]*\]:?(.*)$/.exec(line);
    if (host) {
      remoteMta = host[1];
      if (host[2]?.trim()) kept.push(host[2].trim());
    } else {
      kept.push(line);
    }
  }
  let joined = kept.join(' ').replace(/\s+/g, ' ').trim();
  // A pipe or file delivery: the head says which ('pipe to |/usr/bin/prog user@example.org').
  if (/^(?:pipe to |save to |\S+ <)/.test(block.head)) joined = `${block.head} ${joined}`.trim();
  const smtp = smtpError(joined);
  const diagnostic = smtp?.reply ?? joined;
  const fact: RecipientFact = {
    recipient,
    diagnosticCode: diagnostic,
    replyCode: findReplyCode(diagnostic),
    remoteMta: smtp?.host ?? remoteMta,
    smtpCommand: smtp?.command,
    action: delayed ? 'delayed' : 'failed',
  };
  if (!smtp) {
    const own = OWN_WORDS.find(([words]) => joined.includes(words));
    if (own) {
      fact.reason = own[1];
      fact.rule = `exim: ${own[0]}`;
    } else if (GAVE_UP.some((words) => joined.includes(words))) {
      fact.reason = 'expired';
      fact.rule = 'exim: retry time exceeded';
    }
  }
  return fact;
}

interface SmtpError {
  command: string;
  reply: string;
  host?: string | undefined;
}

/**
 * 'SMTP error from remote mail server after RCPT TO:<u@example.org>: host mx [192.0.2.1]: 550 ...',
 * also 'after MAIL FROM:<s@example.net> SIZE=1024:', 'after end of data:', 'after initial connection:',
 * 'after EHLO client.example.net:', and LMTP's 'LMTP error after RCPT TO:<...>:'.
 */
function smtpError(text: string): SmtpError | undefined {
  let at = text.indexOf('SMTP error from remote ');
  if (at === -1) at = text.indexOf('LMTP error ');
  if (at === -1) return undefined;
  const after = text.indexOf(' after ', at);
  if (after === -1) return undefined;
  const clause = text.slice(after + 7);
  const command = commandOf(clause);
  const bracket = clause.startsWith('MAIL') || clause.startsWith('RCPT') ? clause.indexOf('>') : -1;
  const colon = clause.indexOf(':', bracket === -1 ? clause.indexOf(' ') + 1 : bracket);
  if (colon === -1) return { command, reply: '' };
  let reply = clause.slice(colon + 1).trim();
  let host: string | undefined;
  const hostPart = /^host (\S+) \[[^\]]*\]:\s*/.exec(reply);
  if (hostPart) {
    host = hostPart[1];
    reply = reply.slice(hostPart[0].length);
  }
  return { command, reply, host };
}

function commandOf(clause: string): string {
  if (clause.startsWith('end of data')) return 'DATA';
  if (clause.startsWith('initial connection')) return 'CONN';
  const word = clause.slice(0, 4).toUpperCase();
  return word === 'DATA' || word === 'EHLO' || word === 'HELO' || word === 'MAIL' || word === 'RCPT'
    ? word
    : '';
}
