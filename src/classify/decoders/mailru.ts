import { extractAddress } from '../address.js';
import type { Decoder } from '../types.js';
import { eximFacts } from './exim.js';
import { hintsOf } from './mail-hints.js';

/**
 * Mail.Ru runs Exim: its bounce repeats Exim's address blocks after a Russian preamble
 * ("Это письмо создано автоматически сервером Mail.Ru ..."), from mailer-daemon@*.mail.ru.
 */
export const mailru: Decoder = {
  id: 'mailru',
  cues: ['mail.ru'],
  recognises(mail) {
    const lower = hintsOf(mail).fromLower;
    // Cheap necessary condition first: a domain that is or ends in mail.ru is in the text.
    if (!lower.includes('mail.ru')) return false;
    const domain = extractAddress(lower)?.split('@')[1] ?? '';
    const fromMailRu = domain === 'mail.ru' || domain.endsWith('.mail.ru');
    return fromMailRu && (lower.includes('mailer-daemon') || lower.includes('mail delivery'));
  },
  decode(mail) {
    const recipients = eximFacts(mail);
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
