/**
 * Which SMTP command a reply answered, when the reply text says so: Postfix writes
 * "(in reply to RCPT TO command)", Exim "after RCPT TO:<...>" or "after end of data",
 * Sendmail ">>> DATA" transcripts. The command matters: a "user unknown" after DATA was
 * accepted at RCPT, so the address exists and a filter refused the content.
 */
export type SmtpCommand = 'CONN' | 'HELO' | 'EHLO' | 'MAIL' | 'RCPT' | 'DATA' | 'STARTTLS' | 'AUTH';

const MARKERS: readonly [string, SmtpCommand][] = [
  ['in reply to end of data command', 'DATA'],
  ['after end of data', 'DATA'],
  ['in reply to data command', 'DATA'],
  ['after data', 'DATA'],
  ['in reply to rcpt to command', 'RCPT'],
  ['after rcpt to', 'RCPT'],
  ['did not like our rcpt to', 'RCPT'],
  ['in reply to mail from command', 'MAIL'],
  ['after mail from', 'MAIL'],
  ['did not like our mail from', 'MAIL'],
  ['in reply to ehlo command', 'EHLO'],
  ['after ehlo', 'EHLO'],
  ['in reply to helo command', 'HELO'],
  ['after helo', 'HELO'],
  ['in reply to starttls command', 'STARTTLS'],
  ['after starttls', 'STARTTLS'],
  ['after initial connection', 'CONN'],
  ['refused to talk to me', 'CONN'],
  ['did not like our greeting', 'CONN'],
];

/** `text` must be lower-case. The marker that appears first in the text decides. */
export function commandInText(text: string): SmtpCommand | undefined {
  let best: SmtpCommand | undefined;
  let bestAt = Infinity;
  for (const [marker, command] of MARKERS) {
    const at = text.indexOf(marker);
    if (at !== -1 && at < bestAt) {
      best = command;
      bestAt = at;
    }
  }
  return best;
}

export function parseCommand(value: string | undefined): SmtpCommand | undefined {
  const upper = value?.trim().toUpperCase();
  switch (upper) {
    case 'CONN':
    case 'HELO':
    case 'EHLO':
    case 'MAIL':
    case 'RCPT':
    case 'DATA':
    case 'STARTTLS':
    case 'AUTH':
      return upper;
    default:
      return undefined;
  }
}
