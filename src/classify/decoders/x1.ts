import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';

/**
 * An unnamed MTA ("Mail Deliver System", sic) that lists each failure as the address followed by
 * its error in square brackets:
 *
 *   ---The following addresses had delivery errors---
 *
 *   user@example.org [User unknown]
 */
export const x1: Decoder = {
  id: 'x1',
  cues: ['"mail deliver system"'],
  recognises(mail) {
    return (mail.headers.get('from') ?? '').startsWith('"Mail Deliver System"');
  },
  decode(mail) {
    const full = mail.text();
    const marker = '---The following addresses had delivery errors---';
    const start = full.indexOf(marker);
    if (start === -1) return undefined;
    const text = beforeOriginal(full.slice(start + marker.length), ['---', 'return-path:', 'received:']);
    const recipients: RecipientFact[] = [];
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      const found = findAddress(line);
      if (!found || found.start !== 0 || line[found.end] !== ' ' || !line.endsWith(']')) continue;
      const open = line.indexOf('[', found.end);
      if (open === -1) continue;
      recipients.push({
        recipient: found.address,
        diagnosticCode: line.slice(open + 1, -1).trim(),
        action: 'failed',
      });
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
