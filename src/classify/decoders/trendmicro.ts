import { extractAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';

/**
 * Trend Micro InterScan Messaging Security Suite: either the SMTP exchange that failed
 *
 *   Sent <<< RCPT TO:<user@example.org>
 *   Received >>> 550 5.1.1 <user@example.org>... user unknown
 *
 * or its own fixed sentence when it gave up on a recipient's domain
 *
 *   Unable to deliver message to <user@example.org> (and other recipients in the same domain).
 */
export const trendmicro: Decoder = {
  id: 'trendmicro',
  cues: ['interscan', 'mail could not be delivered'],
  recognises(mail) {
    if ((mail.headers.get('from') ?? '').includes('InterScan')) return true;
    return (mail.headers.get('subject') ?? '').trim() === 'Mail could not be delivered';
  },
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['content-type: message/rfc822']);
    const recipients: RecipientFact[] = [];
    let current: RecipientFact | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('Sent <<< ')) {
        const command = line.slice(9).trim();
        const recipient = command.toUpperCase().startsWith('RCPT TO:') ? extractAddress(command) : undefined;
        if (recipient) {
          current = { recipient, smtpCommand: 'RCPT' };
          recipients.push(current);
        } else if (current) {
          current.smtpCommand = command.split(/[\s:]/)[0]?.toUpperCase();
        }
      } else if (line.startsWith('Received >>> ') && current) {
        current.diagnosticCode = line.slice(13).trim();
      } else {
        const at = line.indexOf('Unable to deliver message to ');
        const recipient = at === -1 ? undefined : extractAddress(line.slice(at));
        if (recipient) {
          // InterScan's own verdict, with no server reply to go by.
          recipients.push({
            recipient,
            diagnosticCode: line,
            reason: 'userunknown',
            rule: 'trendmicro: Unable to deliver message to',
          });
        }
      }
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
