import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';

/**
 * TransWARE Active!hunter (X-AHMAILID header, "FAILURE NOTICE : <subject>"): Sendmail's layout with
 * the addresses after '>>>' and the reply as the whole transcript:
 *
 *     ----- The following addresses had permanent fatal errors -----
 *   >>> user@example.org <user@example.org>
 *     ----- Transcript of session follows -----
 *   550 sorry, no mailbox here by that name (#5.1.1 - chkusr)
 */
export const activehunter: Decoder = {
  id: 'activehunter',
  cues: ['x-ahmailid', 'failure notice :'],
  recognises: (mail) =>
    mail.headers.has('x-ahmailid') || (mail.headers.get('subject') ?? '').startsWith('FAILURE NOTICE :'),
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['content-type: message/rfc822']);
    const addresses: string[] = [];
    const transcript: string[] = [];
    let section: 'addresses' | 'transcript' | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('-----')) {
        section = line.includes('following addresses')
          ? 'addresses'
          : line.includes('Transcript of session')
            ? 'transcript'
            : undefined;
      } else if (line === '') continue;
      else if (section === 'addresses' && line.startsWith('>>>')) {
        const found = findAddress(line);
        if (found) addresses.push(found.address);
      } else if (section === 'transcript') transcript.push(line);
    }
    const diagnosticCode = transcript.join(' ') || undefined;
    const recipients = addresses.map((recipient): RecipientFact => ({ recipient, diagnosticCode }));
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
