import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';

/**
 * Mimecast ("[Postmaster] Email Delivery Failure"): one recipient per notice; each value on its own
 * line after a label, prefixed with '-- ':
 *
 *   An email that you attempted to send to the following address could not be delivered:
 *   -- user@example.org
 *   The problem appears to be :
 *   -- Recipient email address is possibly incorrect
 *   Additional information follows :
 *   -- 5.1.1 User unknown
 *
 * The delivery-status part that may follow writes "Name : value" fields out of order, so the text
 * is the better source.
 */
export const mimecast: Decoder = {
  id: 'mimecast',
  cues: ['[postmaster] email delivery failure'],
  recognises: (mail) => (mail.headers.get('subject') ?? '').includes('[Postmaster] Email Delivery Failure'),
  decode(mail) {
    let recipient: string | undefined;
    let problem: string | undefined;
    let additional: string | undefined;
    let label: 'address' | 'problem' | 'additional' | undefined;
    for (const raw of mail.text().split('\n')) {
      const line = raw.trim();
      if (line.startsWith('-- ')) {
        const value = line.slice(3).trim();
        if (label === 'address') recipient ??= findAddress(value)?.address;
        else if (label === 'problem') problem ??= value;
        else if (label === 'additional') additional ??= value;
        label = undefined;
      } else if (line.includes('The problem appears to be')) label = 'problem';
      else if (line.includes('Additional information follows')) label = 'additional';
      else if (line.endsWith(':') && line.includes('address')) label = 'address';
      else if (line !== '') label = undefined;
    }
    if (!recipient) return undefined;
    // The server's reply, if any, says more than Mimecast's generic "problem appears to be".
    const fact: RecipientFact = { recipient, diagnosticCode: additional ?? problem };
    return { recipients: [fact] };
  },
};
