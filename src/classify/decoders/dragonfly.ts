import { extractAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';
import { receivedIncludes } from './mail-hints.js';

/**
 * DragonFly Mail Agent (dma): one recipient per bounce, in its fixed wording (dma's mail.c/net.c):
 *
 *   This is the DragonFly Mail Agent v0.13 at host.example.net.
 *
 *   There was an error delivering your mail to <user@example.org>.
 *
 *   mx.example.org [192.0.2.1] did not like our RCPT TO:
 *   550 5.1.1 <user@example.org>: Recipient address rejected: User unknown
 *
 *   Message headers follow.
 */
export const dragonfly: Decoder = {
  id: 'dragonfly',
  cues: ['dragonfly mail agent'],
  recognises(mail) {
    return receivedIncludes(mail, 'DragonFly Mail Agent');
  },
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['message headers follow.']);
    const opener = 'There was an error delivering your mail to ';
    const at = text.indexOf(opener);
    if (at === -1) return undefined;
    const lineEnd = text.indexOf('\n', at);
    const recipient = extractAddress(text.slice(at + opener.length, lineEnd === -1 ? undefined : lineEnd));
    if (!recipient) return undefined;
    const body = (lineEnd === -1 ? '' : text.slice(lineEnd)).trim();
    const fact: RecipientFact = { recipient, action: 'failed' };
    // 'mx.example.org [192.0.2.1] did not like our final DATA:' then the server's (multi-line) reply.
    const peer = /^(\S+) \[[^\]]*\] did not like our ([A-Za-z ]+):/.exec(body);
    if (peer) {
      fact.remoteMta = peer[1];
      fact.smtpCommand = commandOf(peer[2] ?? '');
      fact.diagnosticCode = body.slice(peer[0].length).trim();
    } else {
      fact.diagnosticCode = body;
      if (body.startsWith('Could not deliver for the last ')) {
        // dma's own queue lifetime ran out: 'Could not deliver for the last 432000 seconds. Giving up.'
        fact.reason = 'expired';
        fact.rule = 'dragonfly: gave up after the queue lifetime';
      } else if (body.startsWith('DNS lookup failure: host ') && body.includes(' not found')) {
        fact.reason = 'hostunknown';
        fact.rule = 'dragonfly: DNS lookup failure, host not found';
      }
    }
    return { recipients: [fact] };
  },
};

function commandOf(said: string): string | undefined {
  const upper = said.toUpperCase();
  if (upper.includes('DATA')) return 'DATA';
  if (upper.startsWith('RCPT')) return 'RCPT';
  if (upper.startsWith('MAIL')) return 'MAIL';
  if (upper.startsWith('EHLO') || upper.startsWith('HELO')) return 'HELO';
  return undefined;
}
