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
    return /@(?:[\w-]+\.)*mail\.ru\b/i.test(from) && /mailer-daemon|mail delivery/i.test(from);
  },
  decode(mail) {
    const recipients = eximFacts(mail);
    return recipients.length > 0 ? { recipients } : undefined;
  },
};
