import type { Reason } from '../reasons.js';
import type { Decoder, RecipientFact } from '../types.js';
import { standardFacts } from './rfc3464.js';
import { addressLine, beforeOriginal } from './text-report.js';

/**
 * HCL (IBM, Lotus) Domino's "DELIVERY FAILURE: ..." report: three labelled sections, each value
 * indented on the lines after its label, sometimes followed by an RFC 3464 part:
 *
 *   Your message
 *     Subject: Hello
 *   was not delivered to:
 *     user@example.org
 *   because:
 *     User user (user@example.org) not listed in Domino Directory
 */
export const domino: Decoder = {
  id: 'domino',
  cues: ['delivery failure:', 'delivery_failure:'],
  recognises: (mail) => /^DELIVERY[ _]FAILURE:/.test(mail.headers.get('subject') ?? ''),
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['content-type: message/rfc822']);
    const addresses: string[] = [];
    const because: string[] = [];
    let section: 'to' | 'because' | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('was not delivered to:')) section = 'to';
      else if (line.startsWith('because:')) section = 'because';
      else if (line.startsWith('Your message')) section = undefined;
      else if (line === '') continue;
      else if (section === 'to') {
        const address = addressLine(line);
        if (address) addresses.push(address);
      } else if (section === 'because') because.push(line);
    }
    if (addresses.length === 0) return undefined;
    // The RFC 3464 part, when present, adds status and remote host; its Diagnostic-Code may be raw
    // ISO-2022-JP, so the text's reason is the one to keep.
    const standard = standardFacts(mail);
    const diagnosticCode = because.join(' ') || undefined;
    const known = diagnosticCode ? KNOWN.find(([words]) => diagnosticCode.includes(words)) : undefined;
    const recipients = addresses.map((recipient, i): RecipientFact => {
      const dsn =
        standard.find((f) => f.recipient === recipient) ??
        (addresses.length === 1 ? standard[0] : standard[i]);
      return {
        recipient,
        status: dsn?.status,
        action: dsn?.action,
        remoteMta: dsn?.remoteMta,
        reportingMta: dsn?.reportingMta,
        date: dsn?.date,
        diagnosticCode: diagnosticCode ?? dsn?.diagnosticCode,
        ...(known ? { reason: known[1], rule: `domino: ${known[0]}` } : {}),
      };
    });
    return { recipients };
  },
};

/**
 * Domino's own words. Domino holds the mailboxes it reports on: when its directory lacks the
 * name, the user does not exist (whichever SMTP step a relay would have refused).
 */
const KNOWN: readonly (readonly [string, Reason])[] = [
  ['not listed in Domino Directory', 'userunknown'],
  ['Domino ディレクトリには見つかりません', 'userunknown'],
  ['Cannot route mail to user', 'filtered'],
];
