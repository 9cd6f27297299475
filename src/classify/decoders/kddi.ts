import { extractAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';
import { hintsOf } from './mail-hints.js';

/**
 * KDDI's au one net mail servers (no-reply@...dion.ne.jp, relayed by *.auone-net.jp): a Japanese
 * preamble, then per recipient
 *
 *   Your mail sent on: Thu, 1 Apr 2021 09:00:00 +0900
 *        Could not be delivered to: <user@example.dion.ne.jp>
 *        As their mailbox is full.
 */
export const kddi: Decoder = {
  id: 'kddi',
  cues: ['.dion.ne.jp', '.auone-net.jp'],
  recognises(mail) {
    const from = hintsOf(mail).fromLower;
    if (from.includes('.dion.ne.jp') || from.includes('.auone-net.jp')) return true;
    return hintsOf(mail).receivedLower.includes('.auone-net.jp');
  },
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['content-type: message/rfc822']);
    const recipients: RecipientFact[] = [];
    let current: RecipientFact | undefined;
    let date: string | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('Your mail sent on:')) {
        date = line.slice('Your mail sent on:'.length).trim();
        current = undefined;
      } else if (line.startsWith('Could not be delivered to:')) {
        const recipient = extractAddress(line);
        current = recipient ? { recipient, date } : undefined;
        if (current) recipients.push(current);
      } else if (line === '') {
        current = undefined;
      } else if (current) {
        current.diagnosticCode = `${current.diagnosticCode ?? ''} ${line}`.trim();
        // KDDI's own wording for a domain that does not resolve: "As the remote domain doesnt exist."
        if (line.startsWith('As the remote domain doesnt exist')) {
          current.reason = 'hostunknown';
          current.rule = 'kddi: As the remote domain doesnt exist';
        }
      }
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
