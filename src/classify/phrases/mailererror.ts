import type { PhraseList } from './phrase.js';

/** A delivery program on the recipient's host (procmail, maildrop, a pipe) failed. */
export const mailererror: PhraseList = [
  // Sendmail: 554 5.3.0 unknown mailer error 255
  'mailer error',
  // Exim: Child process of local_delivery transport returned 75 ... pipe to |/usr/bin/filter
  'pipe to |/',
  'command failed:',
  'command died with status',
  'command output:',
  // Sendmail: 554 "|IFS=' ' && exec /usr/bin/procmail -f- || exit 75 #jdoe"... Service unavailable
  '|| exit ',
  'bin/procmail',
  'procmail:',
  'bin/maildrop',
  'maildrop:',
  // Sendmail, reporting the exit status of a local mailer (EX_OSERR, EX_SOFTWARE, EX_CANTCREAT):
  // 451 4.0.0 Operating system error
  'operating system error',
  'internal software error',
  "can't create output",
];
