import type { Decoder, RecipientFact } from '../types.js';
import { addressLine } from './text-report.js';

/**
 * Digital Arts' m-FILTER (X-Mailer: m-FILTER, "failure notice"): a Japanese preamble, the failed
 * addresses, then sections introduced by dashed labels:
 *
 *   user@example.org
 *   -------server message
 *   550 5.1.1 <user@example.org>: Recipient address rejected
 *   -------SMTP command
 *   DATA
 *   -------original message
 */
export const mfilter: Decoder = {
  id: 'mfilter',
  cues: ['m-filter', 'failure notice'],
  recognises(mail) {
    if ((mail.headers.get('x-mailer') ?? '').trim() === 'm-FILTER') return true;
    // Rebranded installations keep the layout but not the X-Mailer; the decoder checks the layout.
    return (mail.headers.get('subject') ?? '').trim() === 'failure notice';
  },
  decode(mail) {
    const text = mail.text();
    if (!text.includes('\n-------server message')) return undefined;
    const addresses: string[] = [];
    const server: string[] = [];
    let command: string | undefined;
    let section: 'addresses' | 'server' | 'command' | 'done' = 'addresses';
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('-------')) {
        const label = line.slice(7).trim().toLowerCase();
        section = label === 'server message' ? 'server' : label === 'smtp command' ? 'command' : 'done';
        if (section === 'done') break;
      } else if (line === '') continue;
      else if (section === 'addresses') {
        const address = addressLine(line);
        if (address) addresses.push(address);
      } else if (section === 'server') server.push(line);
      else if (section === 'command') command ??= line.split(/[\s:]/)[0]?.toUpperCase();
    }
    const diagnosticCode = server.join(' ') || undefined;
    const recipients = addresses.map((recipient): RecipientFact => ({
      recipient,
      diagnosticCode,
      smtpCommand: command,
    }));
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
