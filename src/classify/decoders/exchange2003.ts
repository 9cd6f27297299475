import { findAddress } from '../address.js';
import type { Reason } from '../reasons.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';
import { beforeOriginal, recipientBlocks } from './text-report.js';
import { receivedIncludes } from './mail-hints.js';

/**
 * Microsoft Exchange 5.5-2003 (Internet Mail Service / Internet Mail Connector) plain-text reports:
 *
 *   Your message
 *     To:      someone@example.org
 *     Subject: Hello
 *   did not reach the following recipient(s):
 *
 *   someone@example.org on Mon, 1 Jan 2001 00:00:00 -0000
 *       The recipient name is not recognized
 *       MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
 *
 * The hexadecimal code in parentheses is Exchange's own error number; the prose around it is fixed.
 */
const ORIGINAL_MARKERS = ['content-type: message/rfc822'];
const LIST_HEADINGS = [
  'did not reach the following recipient(s):',
  'The following recipient(s) could not be reached:',
];

/** Exchange's error numbers, as documented with their text (e.g. 000C05A6 "Unknown Recipient"). */
const ERROR_CODES: Readonly<Record<string, Reason>> = {
  '000C05A6': 'userunknown', // Unknown Recipient
  '000C0595': 'filtered', // Ambiguous Recipient
  '00010256': 'systemerror', // Too many recipients
  '000D06B5': 'systemerror', // No proxy for recipient
  '00120270': 'networkerror', // Too many hops
  '00050311': 'contenterror', // Conversion to Internet format failed
  '000502CC': 'contenterror', // Conversion to Internet format failed
  '000B0981': 'securityerror', // Server does not support AUTH
};

export const exchange2003: Decoder = {
  id: 'exchange2003',
  cues: [
    'x-ms-embedded-report',
    'internet mail service (',
    'microsoft exchange server internet mail connector',
    'produced by microsoft exchange',
    'undeliverable: ',
  ],
  recognises: (mail) =>
    mail.headers.has('x-ms-embedded-report') ||
    isExchange(mail) ||
    (mail.headers.get('subject') ?? '').startsWith('Undeliverable: '),
  decode(mail) {
    const text = beforeOriginal(mail.text(), ORIGINAL_MARKERS);
    const heading = LIST_HEADINGS.map((h) => text.indexOf(h)).find((at) => at !== -1);
    if (heading === undefined) return mail.deliveryStatus() === '' ? singleRecipient(text) : undefined;
    const blocks = recipientBlocks(text.slice(heading), { opensBlock: recipientLine });
    const recipients: RecipientFact[] = [];
    for (const block of blocks) {
      // The MTS-ID line and its continuation are message identifiers, not part of the error.
      const lines = block.lines
        .slice(1)
        .filter((line) => !line.startsWith('The MTS-ID') && !line.startsWith(';'));
      const diagnostic = lines.join(' ').replace(/\s+/g, ' ').trim();
      const fact: RecipientFact = {
        recipient: block.recipient,
        action: 'failed',
        diagnosticCode: diagnostic,
      };
      const code = /\(([0-9A-F]{8})\)/.exec(diagnostic)?.[1];
      const reason = code ? ERROR_CODES[code] : undefined;
      if (reason) {
        fact.reason = reason;
        fact.rule = `exchange2003: error ${code ?? ''}`;
      }
      recipients.push(fact);
    }
    return { recipients };
  },
};

/**
 * A shorter form names one recipient on the heading line itself, with no error text:
 *
 *   Your Message
 *   To:      <someone@example.org>
 *   Subject: Hello
 *   Did not reach the following recipient: someone@example.org
 */
const SINGLE_HEADING = 'Did not reach the following recipient: ';

function singleRecipient(text: string): { recipients: RecipientFact[] } | undefined {
  const at = text.indexOf(SINGLE_HEADING);
  const start = text.lastIndexOf('Your Message', at);
  if (at === -1 || start === -1) return undefined;
  const end = text.indexOf('\n', at);
  const said = text.slice(start, end === -1 ? text.length : end);
  const recipient = findAddress(said, at - start + SINGLE_HEADING.length)?.address;
  if (!recipient) return undefined;
  return { recipients: [{ recipient, action: 'failed', diagnosticCode: said.replace(/\s+/g, ' ').trim() }] };
}

function isExchange(mail: ParsedMessage): boolean {
  const mailer = (mail.headers.get('x-mailer') ?? '').trim();
  if (mailer.startsWith('Internet Mail Service (')) return true;
  if (mailer.startsWith('Microsoft Exchange Server Internet Mail Connector')) return true;
  if ((mail.headers.get('x-mimeole') ?? '').startsWith('Produced By Microsoft Exchange')) return true;
  return receivedIncludes(mail, ' with Internet Mail Service (');
}

/** "someone@example.org on Mon, 1 Jan 2001 ..." or "... SMTP=someone@example.org on 1/1/01 ...". */
function recipientLine(line: string): string | undefined {
  const found = findAddress(line);
  if (!found || !line.startsWith(' on ', found.end)) return undefined;
  const before = line.slice(0, found.start);
  return before === '' || before.endsWith('SMTP=') || before.endsWith('smtp=') ? found.address : undefined;
}
