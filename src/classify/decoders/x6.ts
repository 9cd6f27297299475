import { extractAddress, findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';

/**
 * An unnamed MTA (hosted mail platforms) that words each error as one sentence:
 *
 *   We had trouble delivering your message. Full details follow:
 *   1 error(s):
 *   SMTP Server <mx.example.org> rejected recipient <user@example.org> (Error following RCPT
 *   command). It responded as follows: [550 5.1.1 User unknown]
 *   The following recipients returned permanent errors: user@example.org. Reason: SMTP Server
 *   <192.0.2.1> refused to accept your message (DATA), with the following error message: [554 ...]
 */
export const x6: Decoder = {
  id: 'x6',
  cues: ['there was an error sending your mail'],
  recognises(mail) {
    return (mail.headers.get('subject') ?? '').startsWith('There was an error sending your mail');
  },
  decode(mail) {
    const text = mail.text();
    if (!text.includes('We had trouble delivering your message. Full details follow:')) return undefined;
    const recipients: RecipientFact[] = [];
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      const fact = rejectedRecipient(line) ?? permanentErrors(line);
      if (fact) recipients.push(fact);
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

/** The server's reply in square brackets at the end of the sentence. */
function bracketed(line: string): string | undefined {
  const open = line.indexOf('[', line.indexOf(' follow'));
  const close = line.lastIndexOf(']');
  return open !== -1 && close > open ? line.slice(open + 1, close).trim() : undefined;
}

function serverOf(line: string): string | undefined {
  const m = /SMTP Server <([^>\s]+)>/.exec(line);
  return m?.[1];
}

function commandOf(line: string): string | undefined {
  const m = /\((?:Error following )?(RCPT|MAIL|DATA|HELO|EHLO)\b/.exec(line);
  return m?.[1];
}

function rejectedRecipient(line: string): RecipientFact | undefined {
  if (!line.startsWith('SMTP Server <')) return undefined;
  const at = line.indexOf(' rejected recipient ');
  if (at === -1) return undefined;
  const recipient = extractAddress(line.slice(at));
  if (!recipient) return undefined;
  return {
    recipient,
    remoteMta: serverOf(line),
    smtpCommand: commandOf(line),
    diagnosticCode: bracketed(line),
    action: 'failed',
  };
}

function permanentErrors(line: string): RecipientFact | undefined {
  const prefix = 'The following recipients returned permanent errors: ';
  if (!line.startsWith(prefix)) return undefined;
  const found = findAddress(line, prefix.length);
  if (!found) return undefined;
  return {
    recipient: found.address,
    remoteMta: serverOf(line),
    smtpCommand: commandOf(line),
    diagnosticCode: bracketed(line),
    action: 'failed',
  };
}
