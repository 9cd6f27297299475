import type { PhraseList } from './phrase.js';

/** The receiving server refused to relay: it is not the destination for this domain. */
export const norelaying: PhraseList = [
  // Postfix, iCloud, Office 365: 554 5.7.1 <jdoe@example.org>: Relay access denied
  'relay access denied',
  // Sendmail, Yahoo, Google relay: 550 5.7.1 Relaying denied / Mail relay denied
  'relaying denied',
  'relay denied',
  'relay not permitted',
  'relaying not permitted',
  'relay prohibited',
  // Recipient address rejected: No relaying.
  'no relaying',
  'relaying prohibited',
  // Exchange: 550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain
  'unable to relay',
  'not permitted to relay',
  'not allowed to relay',
  'insecure mail relay',
  'not an open relay',
  'this system is not configured to relay mail',
  'invalid credentials for relay',
  // qmail: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)
  'list of allowed rcpthosts',
  "we don't handle mail for",
  // MailEnable: mail server requires authentication when attempting to send to a non-local e-mail address
  'when attempting to send to a non-local e-mail address',
  // Amazon SES sandbox: 554 Message rejected: Email address is not verified.
  'email address is not verified',
];
