import type { Decoder, RecipientFact } from '../types.js';
import { addressLine } from './text-report.js';

/**
 * Trustwave (Marshal) MailMarshal SMTP ('Undeliverable Mail: "<subject>"'): the reply, then the
 * recipients it applies to, then a block of fields:
 *
 *   Could not be delivered because of
 *   550 5.1.1 User unknown
 *   The following recipients were affected:
 *       user@example.org
 *   Additional Information
 *   ======================
 *   Remote-MTA:   <192.0.2.1>
 */
export const mailmarshal: Decoder = {
  id: 'mailmarshal',
  cues: ['undeliverable mail: "'],
  recognises: (mail) => (mail.headers.get('subject') ?? '').startsWith('Undeliverable Mail: "'),
  decode(mail) {
    const addresses: string[] = [];
    const because: string[] = [];
    const fields = new Map<string, string>();
    let section: 'because' | 'recipients' | 'fields' | undefined;
    for (const raw of mail.text().split('\n')) {
      const line = raw.trim();
      if (line.startsWith('Could not be delivered because of')) section = 'because';
      else if (line.startsWith('The following recipients were affected')) section = 'recipients';
      else if (line.startsWith('Additional Information')) section = 'fields';
      else if (line === '' || line.startsWith('====')) continue;
      else if (section === 'because') because.push(line);
      else if (section === 'recipients') {
        const address = addressLine(line);
        if (address) addresses.push(address);
      } else if (section === 'fields') {
        const colon = line.indexOf(':');
        if (colon > 0)
          fields.set(
            line.slice(0, colon).toLowerCase(),
            line
              .slice(colon + 1)
              .trim()
              .replace(/^<|>$/g, ''),
          );
      }
    }
    const diagnosticCode = because.join(' ') || undefined;
    const recipients = addresses.map((recipient): RecipientFact => ({
      recipient,
      diagnosticCode,
      remoteMta: fields.get('remote-mta'),
      reportingMta: fields.get('reporting-mta'),
    }));
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
