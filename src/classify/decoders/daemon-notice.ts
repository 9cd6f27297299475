import { addressesIn, findAddress } from '../address.js';
import { findReplyCode, findStatus } from '../status-code.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';

/**
 * The last resort: a short plain-text notice from a mail system that no other decoder knows (Smail,
 * old sendmail front ends, appliances), read only when the mail says it is a bounce twice over:
 * it comes from a mailer daemon and its subject reports a failed delivery. Such notices name each
 * failed recipient on a line, with what went wrong beside it or in a list under a heading:
 *
 *   User's mailbox is full: <jdoe@example.org>
 *
 *   |------------------------- Failed addresses follow: ---------------------|
 *    jdoe@example.org ... unknown host
 *
 *   Delivery to the following recipients failed permanently:
 *      * jdoe@example.org
 *
 * The reason comes from the central resolution over the words found, as for every decoder.
 */
const BOUNCE_SUBJECTS = [
  'returned mail',
  'undeliver',
  'undelivered',
  'delivery status notification',
  'delivery notification',
  'delivery failure',
  'delivery failed',
  'delivery has failed',
  'mail failed',
  'failure notice',
  'could not be delivered',
  'not delivered',
  'non-delivery',
  'nondelivery',
  'delivery problem',
  'returning message to sender',
];

/** Where the returned original starts: nothing after it is the notice's own text. */
const ORIGINAL_MARKERS = [
  'message text follows',
  'original message follows',
  'original message',
  'copy of the message',
  'copy of your message',
  'message headers follow',
  'unsent message below',
  'returned message',
];

/** A heading line over a list of failed recipients. */
function isListHeading(lower: string): boolean {
  return (
    (lower.includes('following') && (lower.includes('recipient') || lower.includes('address'))) ||
    lower.includes('failed addresses') ||
    lower.includes('failed recipients')
  );
}

/** Header-like lines that quote the original (To:, From:, ...) name addresses that did not fail. */
const QUOTED_HEADER = /^(?:to|from|cc|bcc|reply-to|sender|return-path|message-id|date|subject|received)\s*:/i;

export const daemonNotice: Decoder = {
  id: 'daemon-notice',
  recognises: (mail) => isDaemonNotice(mail),
  decode(mail) {
    const excluded = new Set(ownAddresses(mail));
    const facts: RecipientFact[] = [];
    let heading: string | undefined;
    let fact: RecipientFact | undefined;
    for (const raw of mail.text().split('\n')) {
      const line = trimFrame(raw);
      const lower = line.toLowerCase();
      if (line === '') {
        fact = undefined;
        continue;
      }
      if (ORIGINAL_MARKERS.some((marker) => lower.includes(marker)) || QUOTED_HEADER.test(line)) break;
      const found = findAddress(line);
      if (found && !excluded.has(found.address)) {
        const said = withoutAddress(line, found.start, found.end);
        // An address alone counts only under a heading that lists failed recipients.
        if (said === '' && heading === undefined) continue;
        const text = said === '' ? (heading as string) : line;
        fact = { recipient: found.address, action: 'failed', diagnosticCode: text };
        facts.push(fact);
        continue;
      }
      if (isListHeading(lower)) heading = line;
      else if (fact) fact.diagnosticCode = `${fact.diagnosticCode ?? ''} ${line}`;
    }
    for (const each of facts) {
      each.status = findStatus(each.diagnosticCode ?? '');
      each.replyCode = findReplyCode(each.diagnosticCode ?? '');
    }
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};

/** The line without the frame and list marks around it ("|---", " * ", "> "); a linear scan. */
function trimFrame(raw: string): string {
  const frame = ' \t\r|*-';
  let start = 0;
  let end = raw.length;
  while (start < end && (frame.includes(raw[start] as string) || raw[start] === '>')) start++;
  while (end > start && frame.includes(raw[end - 1] as string)) end--;
  return raw.slice(start, end);
}

/** The line's words besides the address and its brackets, or '' when there are none. */
function withoutAddress(line: string, start: number, end: number): string {
  const rest = `${line.slice(0, start)} ${line.slice(end)}`;
  return /[a-z]{2}/i.test(rest.replace(/[<>"'.:;,()[\]]/g, ' ')) ? rest.trim() : '';
}

function isDaemonNotice(mail: ParsedMessage): boolean {
  const subject = (mail.headers.get('subject') ?? '').toLowerCase();
  if (!BOUNCE_SUBJECTS.some((words) => subject.includes(words))) return false;
  const from = (mail.headers.get('from') ?? '').toLowerCase();
  const returnPath = (mail.headers.get('return-path') ?? '').trim();
  return (
    returnPath === '<>' ||
    from.includes('mailer-daemon') ||
    from.includes('postmaster') ||
    from.includes('mail delivery') ||
    from.includes('<>')
  );
}

/** The notice's own addresses (its sender, the original sender it returns to): never a recipient. */
function ownAddresses(mail: ParsedMessage): string[] {
  const names = ['from', 'to', 'return-path', 'reply-to', 'sender'];
  return addressesIn(names.flatMap((name) => mail.headers.getAll(name)));
}
