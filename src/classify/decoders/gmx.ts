import type { Decoder, RecipientFact } from '../types.js';
import { addressLine, beforeOriginal, recipientBlocks } from './text-report.js';
import { hintsOf } from './mail-hints.js';

/**
 * GMX and 1&1 (one company, one mail system: X-UI-Out-Filterresults) bounces. The opening
 * sentence is Exim's, the rest is their own:
 *
 *   A message that you sent could not be delivered to one or more of
 *   its recipients. This is a permanent error. The following address failed:
 *
 *   "someone@example.org":
 *   SMTP error from remote server after RCPT command:
 *   host: mx.example.org
 *   5.1.1 <someone@example.org>... No such user
 *
 *   --- The header of the original message is following. ---
 *
 * or "<someone@example.org>" / "Reason:" / "delivery retry timeout exceeded", or "For the following
 * reason:" after a blank line, or "SMTP error from remote server for TEXT command, host: mx.example.org
 * (192.0.2.1) reason: 550 ...".
 */
const ORIGINAL_MARKER = '--- the header of the original message is following. ---';
const REMOTE_ERROR = 'SMTP error from remote server ';
const LABELS = new Set(['reason:', 'for the following reason:']);
/** GMX's own words for giving up after retrying. */
const RETRY_TIMEOUT = 'delivery retry timeout exceeded';
const COMMANDS: readonly (readonly [string, string])[] = [
  ['after RCPT', 'RCPT'],
  ['after MAIL', 'MAIL'],
  ['after DATA', 'DATA'],
  ['after end of data', 'DATA'],
  ['for TEXT command', 'DATA'],
  ['for RCPT', 'RCPT'],
  ['for MAIL', 'MAIL'],
];

export const gmx: Decoder = {
  id: 'gmx',
  cues: ['x-ui-out-filterresults', 'mailer-daemon@'],
  recognises: (mail) => {
    if (mail.headers.has('x-ui-out-filterresults')) return true;
    const from = hintsOf(mail).fromLower;
    return from.includes('mailer-daemon@') && (from.includes('gmx.') || from.includes('kundenserver.de'));
  },
  decode(mail) {
    const full = mail.text();
    if (!full.toLowerCase().includes(ORIGINAL_MARKER)) return undefined;
    const text = beforeOriginal(full, [ORIGINAL_MARKER]);
    const blocks = recipientBlocks(text, { opensBlock: addressLine, endAtBlank: false });
    const recipients: RecipientFact[] = [];
    for (const block of blocks) {
      const fact: RecipientFact = { recipient: block.recipient, action: 'failed' };
      const said: string[] = [];
      for (const line of block.lines.slice(1)) {
        if (LABELS.has(line.toLowerCase())) continue;
        if (line.startsWith('host: ')) {
          fact.remoteMta = line.slice(6).trim();
        } else if (line.startsWith(REMOTE_ERROR)) {
          fact.smtpCommand = COMMANDS.find(([words]) => line.includes(words))?.[1];
          remoteErrorLine(line, fact, said);
        } else {
          said.push(line);
        }
      }
      fact.diagnosticCode = said.join(' ').replace(/\s+/g, ' ').trim();
      if (fact.diagnosticCode.toLowerCase().startsWith(RETRY_TIMEOUT)) {
        fact.reason = 'expired';
        fact.rule = `gmx: ${RETRY_TIMEOUT}`;
      }
      recipients.push(fact);
    }
    return { recipients };
  },
};

/** "... for TEXT command, host: mx.example.org (192.0.2.1) reason: 550 5.2.0 Rejected" */
function remoteErrorLine(line: string, fact: RecipientFact, said: string[]): void {
  const hostAt = line.indexOf('host: ');
  const reasonAt = line.indexOf(' reason: ');
  if (hostAt !== -1) {
    const host = line.slice(hostAt + 6).split(' ')[0];
    if (host) fact.remoteMta = host;
  }
  if (reasonAt !== -1) said.push(line.slice(reasonAt + 9));
}
