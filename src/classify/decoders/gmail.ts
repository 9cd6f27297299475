import { findAddress } from '../address.js';
import type { Reason } from '../reasons.js';
import { findStatus, reasonOfStatus } from '../status-code.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';
import { hintsOf } from './mail-hints.js';

/**
 * Gmail's plain-text bounces (no delivery-status part), sent by mailer-daemon@googlemail.com:
 *
 *   Delivery to the following recipient failed permanently:     (or "has been delayed:")
 *        someone@example.org
 *   Technical details of permanent failure:
 *   Google tried to deliver your message, but it was rejected by the server for the recipient
 *   domain example.org by mx.example.org. [192.0.2.1].
 *   The error that the other server returned was:
 *   550 5.1.1 <someone@example.org>... No such user
 *   ----- Original message -----
 *
 * Older ones end the server's reply with Gmail's own session state, "... (state 14).".
 */
const FAILED = 'delivery to the following recipient failed permanently';
const DELAYED = 'delivery to the following recipient has been delayed';
const DETAILS = 'Technical details of ';
const SERVER_SAID = 'The error that the other server returned was:';
const ORIGINAL_MARKERS = ['----- original message -----', '----- message header follows -----'];

/** Gmail's session state in which the remote server refused: the SMTP step, and what failing there means. */
const STATES: Readonly<Record<string, { command: string; reason: Reason }>> = {
  '6': { command: 'MAIL', reason: 'systemerror' }, // remote server does not support TLS
  '8': { command: 'AUTH', reason: 'systemerror' }, // SMTP AUTH failed with the remote server
  '9': { command: 'AUTH', reason: 'systemerror' }, // TLS certificate problem
  '12': { command: 'AUTH', reason: 'norelaying' }, // remote does not support authenticated relay
  '13': { command: 'EHLO', reason: 'blocked' }, // refused at greeting
  '14': { command: 'RCPT', reason: 'userunknown' }, // refused the recipient
  '15': { command: 'DATA', reason: 'filtered' }, // refused the content
  '17': { command: 'DATA', reason: 'filtered' },
  '18': { command: 'DATA', reason: 'filtered' },
};

/** Gmail's own wording when no server reply came back (Google Workspace DSNs use it too). */
export const OWN_WORDS: readonly (readonly [string, Reason])[] = [
  ['The recipient server did not accept our requests to connect', 'expired'],
  ['DNS Error: Could not contact DNS servers', 'expired'],
  ['DNS Error: Domain name not found', 'hostunknown'],
  ['DNS Error: DNS server returned answer with no data', 'hostunknown'],
];

export const gmail: Decoder = {
  id: 'gmail',
  cues: ['mailer-daemon@googlemail.com'],
  recognises: (mail) =>
    hintsOf(mail).fromLower.includes('mailer-daemon@googlemail.com') &&
    (mail.headers.get('subject') ?? '').includes('Delivery Status Notification'),
  decode(mail) {
    const text = beforeOriginal(mail.text(), ORIGINAL_MARKERS);
    const lower = text.toLowerCase();
    const failedAt = lower.indexOf(FAILED);
    const delayedAt = lower.indexOf(DELAYED);
    const start = failedAt !== -1 ? failedAt : delayedAt;
    if (start === -1) return undefined;
    const action = failedAt !== -1 ? 'failed' : 'delayed';

    // The recipients are the indented address lines before the technical details.
    const detailsAt = text.indexOf(DETAILS, start);
    const listEnd = detailsAt === -1 ? text.length : detailsAt;
    const recipients: string[] = [];
    for (const line of text.slice(start, listEnd).split('\n').slice(1)) {
      const found = /^\s/.test(line) ? findAddress(line) : undefined;
      if (found) recipients.push(found.address);
    }
    if (recipients.length === 0) return undefined;

    const details = detailsAt === -1 ? '' : collapse(text.slice(text.indexOf(':', detailsAt) + 1));
    const fact = detailsFact(details);
    return { recipients: recipients.map((recipient) => ({ recipient, action, ...fact })) };
  },
};

function detailsFact(details: string): Omit<RecipientFact, 'recipient'> {
  const saidAt = details.indexOf(SERVER_SAID);
  if (saidAt === -1) {
    const own = OWN_WORDS.find(([words]) => details.includes(words));
    return own
      ? { diagnosticCode: details, reason: own[1], rule: `gmail: ${own[0]}` }
      : { diagnosticCode: details || undefined };
  }
  const reply = details.slice(saidAt + SERVER_SAID.length).trim();
  const fact: Omit<RecipientFact, 'recipient'> = {
    diagnosticCode: reply,
    remoteMta: remoteHost(details.slice(0, saidAt)),
  };
  // "... User unknown (state 14)." The state says which step failed; it decides the reason only
  // when the server's own status code does not.
  const state = /\(state (\d{1,2})\)\.?$/.exec(reply);
  const known = state ? STATES[state[1] as string] : undefined;
  if (known) {
    fact.smtpCommand = known.command;
    if (!reasonOfStatus(findStatus(reply))) {
      fact.reason = known.reason;
      fact.rule = `gmail: (state ${state?.[1] ?? ''})`;
    }
  }
  return fact;
}

/** "... rejected by the server for the recipient domain example.org by mx.example.org. [192.0.2.1]." */
function remoteHost(intro: string): string | undefined {
  const by = intro.lastIndexOf(' by ');
  const bracket = intro.indexOf('. [', by);
  if (by === -1 || bracket === -1) return undefined;
  const host = intro.slice(by + 4, bracket);
  return /^[A-Za-z0-9.-]+$/.test(host) ? host : undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
