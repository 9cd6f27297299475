import { parseMessage } from '../mime/parse-message.js';
import type { Decoder } from '../types.js';
import { standardFacts } from './rfc3464.js';

/**
 * A relay (Sisimai's "X5", seen in front of Trend Micro scanners) that does not report failures
 * itself but forwards the real bounce to "NotificationRecipients" as an attachment:
 *
 *   To: "NotificationRecipients" <NotificationRecipients@relay.example.org>
 *   Content-Type: multipart/mixed
 *     text/plain        "----- The following addresses had permanent delivery errors -----" (empty list)
 *     message/rfc822    the downstream MTA's DSN, with its own message/delivery-status part
 *
 * The facts are those of the attached DSN.
 */
export const x5: Decoder = {
  id: 'x5',
  cues: ['notificationrecipients'],
  recognises: (mail) => (mail.headers.get('to') ?? '').includes('NotificationRecipients'),
  decode(mail) {
    for (const leaf of mail.leaves) {
      if (leaf.contentType !== 'message/rfc822') continue;
      const inner = parseMessage(leaf.text());
      if (inner.deliveryStatus() === '') continue;
      const recipients = standardFacts(inner);
      if (recipients.length > 0) return { recipients, original: inner.original?.headers };
    }
    return undefined;
  },
};
