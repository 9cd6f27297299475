import { extractAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';

/**
 * MailFoundry's gateway ("Message delivery has failed"): the address, then the remote server's
 * reply between two fixed sentences:
 *
 *   Unable to deliver message to: <user@example.org>
 *   Delivery failed for the following reason:
 *   Server mx.example.org[192.0.2.1] failed with: 550 <user@example.org> No such user here
 *   This has been a permanent failure.  No further delivery attempts will be made.
 */
export const mailfoundry: Decoder = {
  id: 'mailfoundry',
  cues: ['message delivery has failed'],
  recognises: (mail) => (mail.headers.get('subject') ?? '').trim() === 'Message delivery has failed',
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['content-type: message/rfc822']);
    const recipients: RecipientFact[] = [];
    let current: RecipientFact | undefined;
    let inReason = false;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('Unable to deliver message to:')) {
        const recipient = extractAddress(line);
        current = recipient ? { recipient } : undefined;
        if (current) recipients.push(current);
        inReason = false;
      } else if (line.startsWith('Delivery failed for the following reason')) {
        inReason = true;
      } else if (line.startsWith('This has been a ')) {
        inReason = false;
      } else if (inReason && current && line !== '') {
        current.diagnosticCode = `${current.diagnosticCode ?? ''} ${line}`.trim();
        const host = /^(?:Server )?([\w.-]+)\[[\d.:a-fA-F]+\]/.exec(line);
        if (host) current.remoteMta = host[1];
      }
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
