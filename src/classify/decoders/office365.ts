import type { Decoder, RecipientFact } from '../types.js';
import { addressLine, beforeOriginal, recipientBlocks } from './text-report.js';

/**
 * Exchange Online / Office 365 (and Exchange 2007+) non-delivery reports that come without a
 * delivery-status part; those with one are plain RFC 3464. The facts are in the administrators'
 * section:
 *
 *   Diagnostic information for administrators:
 *
 *   Generating server: SERVER01.example.prod.outlook.com
 *
 *   someone@example.org
 *   mx.example.org
 *   Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
 *
 *   Original message headers:
 */
const ADMIN_SECTION = 'Diagnostic information for administrators:';
const ORIGINAL_MARKERS = ['original message headers:'];
const RETURNED = "returned '";
const HOST_LABEL = /^[A-Za-z0-9-]+$/;

/** 'mx.example.org' or 'mx.example.org.': two or more labels of letters, digits and hyphens. */
function isHostname(line: string): boolean {
  const labels = (line.endsWith('.') ? line.slice(0, -1) : line).split('.');
  return labels.length >= 2 && labels.every((label) => HOST_LABEL.test(label));
}

export const office365: Decoder = {
  id: 'office365',
  cues: ['x-ms-exchange-message-is-ndr', 'undeliverable:'],
  recognises: (mail) =>
    mail.headers.has('x-ms-exchange-message-is-ndr') ||
    (mail.headers.get('subject') ?? '').startsWith('Undeliverable:'),
  decode(mail) {
    if (mail.deliveryStatus() !== '') return undefined;
    const text = mail.text();
    const start = text.indexOf(ADMIN_SECTION);
    if (start === -1) return undefined;
    const section = beforeOriginal(text.slice(start + ADMIN_SECTION.length), ORIGINAL_MARKERS);
    const blocks = recipientBlocks(section, { opensBlock: addressLine, endAtBlank: false });
    const recipients: RecipientFact[] = [];
    for (const block of blocks) {
      const fact: RecipientFact = { recipient: block.recipient, action: 'failed' };
      const said: string[] = [];
      for (const line of block.lines.slice(1)) {
        if (isHostname(line)) fact.remoteMta ??= line.replace(/\.$/, '');
        else said.push(line);
      }
      fact.diagnosticCode = serverReply(said.join(' '));
      recipients.push(fact);
    }
    return { recipients };
  },
};

/** "Remote Server returned '550 5.1.1 ...; not found'" -> the quoted reply; otherwise the text as is. */
function serverReply(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const at = collapsed.indexOf(RETURNED);
  if (at === -1) return collapsed;
  const end = collapsed.lastIndexOf("'");
  return end > at + RETURNED.length ? collapsed.slice(at + RETURNED.length, end) : collapsed;
}
