import { extractAddress } from '../address.js';
import type { Decoder } from '../types.js';
import { eximFacts } from './exim.js';

/**
 * Mail.Ru runs Exim: its bounce repeats Exim's address blocks after a Russian preamble
 * ("Это письмо создано автоматически сервером Mail.Ru ..."), from mailer-daemon@*.mail.ru.
 */
export const mailru: Decoder = {
  id: 'mailru',
  recognises(mail) {
    const from = mail.headers.get('from') ?? '';
    const lower = from.toLowerCase();
    const domain = extractAddress(lower)?.split('@')[1] ?? '';
    const fromMailRu = domain === 'mail.ru' || domain.endsWith('.mail.ru');
    return fromMailRu && (lower.includes('mailer-daemon') || lower.includes('mail delivery'));
  },
  decode(mail) {
    const recipients = eximFacts(mail);
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
