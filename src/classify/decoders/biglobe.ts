import type { Decoder, RecipientFact } from '../types.js';
import { addressLine, beforeOriginal } from './text-report.js';
import { hintsOf } from './mail-hints.js';

/**
 * BIGLOBE's mail servers (postmaster@...biglobe.ne.jp, "Returned mail: ..."): two dashed sections,
 * the addresses first, then the reason that applies to all of them:
 *
 *      ----- The following addresses had delivery problems -----
 *   user@example.biglobe.ne.jp
 *
 *      ----- Non-delivered information -----
 *   The number of messages in recipient's mailbox exceeded the local limit.
 */
export const biglobe: Decoder = {
  id: 'biglobe',
  cues: ['biglobe.ne.jp'],
  recognises(mail) {
    const from = hintsOf(mail).fromLower;
    return from.includes('biglobe.ne.jp') && (mail.headers.get('subject') ?? '').startsWith('Returned mail:');
  },
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['content-type: message/rfc822']);
    const recipients: RecipientFact[] = [];
    const information: string[] = [];
    let section: 'addresses' | 'information' | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('-----')) {
        if (line.includes('The following addresses had delivery problems')) section = 'addresses';
        else if (line.includes('Non-delivered information')) section = 'information';
        else section = undefined;
        continue;
      }
      if (line === '') continue;
      if (section === 'addresses') {
        const recipient = addressLine(line);
        if (recipient) recipients.push({ recipient });
      } else if (section === 'information') {
        information.push(line);
      }
    }
    const diagnosticCode = information.join(' ') || undefined;
    for (const fact of recipients) fact.diagnosticCode = diagnosticCode;
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
