import { extractAddress } from '../address.js';
import type { Decoder, ParsedMessage } from '../types.js';

/**
 * RFC 3834 automatic replies (out of office, vacation). Not a bounce: the verdict is `vacation`,
 * for the address that replied (From). Tried last, because DSNs carry Auto-Submitted too.
 */
const SUBJECT_MARKERS = [
  'auto reply',
  'auto-reply',
  'autoreply',
  'automatic reply',
  'auto response',
  'autorespons',
  'auto: ',
  'out of office',
  'out of the office',
  'away from my',
  'vacation',
  'abwesenheit',
  'absence',
  'réponse automatique',
  'respuesta automática',
];

export const rfc3834: Decoder = {
  id: 'rfc3834',
  recognises: (mail) => autoReplyMarker(mail) !== undefined,
  decode(mail) {
    const marker = autoReplyMarker(mail);
    const recipient = extractAddress(mail.headers.get('from'));
    if (!marker || !recipient) return undefined;
    const body = mail.text().replace(/\s+/g, ' ').trim().slice(0, 300);
    return {
      recipients: [
        {
          recipient,
          reason: 'vacation',
          rule: `automatic reply (${marker})`,
          diagnosticCode: body,
          date: mail.headers.get('date'),
        },
      ],
    };
  },
};

/** Bounces carry Auto-Submitted too; a mail from a mailer daemon about delivery is never an auto-reply. */
const BOUNCE_SENDERS = ['mailer-daemon', 'postmaster', 'mail delivery', 'maildelivery', 'mail administrator'];
const BOUNCE_SUBJECTS = [
  'undeliver',
  'delivery',
  'failure',
  'returned',
  'not delivered',
  'rejected',
  'error',
];

function looksLikeBounce(mail: ParsedMessage): boolean {
  const from = mail.headers.get('from')?.toLowerCase() ?? '';
  const subject = mail.headers.get('subject')?.toLowerCase() ?? '';
  return BOUNCE_SENDERS.some((s) => from.includes(s)) || BOUNCE_SUBJECTS.some((s) => subject.includes(s));
}

function autoReplyMarker(mail: ParsedMessage): string | undefined {
  if (looksLikeBounce(mail)) return undefined;
  const submitted = mail.headers.get('auto-submitted')?.trim().toLowerCase();
  if (submitted?.startsWith('auto-replied')) return `Auto-Submitted: ${submitted}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (mail.headers.has(name)) return name;
  }
  const precedence = mail.headers.get('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') return 'Precedence: auto_reply';
  const subject = mail.headers.get('subject')?.toLowerCase() ?? '';
  const word = SUBJECT_MARKERS.find((marker) => subject.includes(marker));
  return word ? `Subject: ${word}` : undefined;
}
