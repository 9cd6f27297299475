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

/**
 * Every marker begins with one of these leads. Nineteen indexOf() calls, one per marker, were a sixth
 * of building a verdict: each lead is searched instead, and the markers compared only where it stands.
 */
const LEADS = ['in reply to ', 'after ', 'did not like our ', 'refused to talk to me'];
/** The markers of each lead, in the table's order. */
const BY_LEAD = LEADS.map((lead) => MARKERS.filter(([marker]) => marker.startsWith(lead)));
for (const [marker] of MARKERS)
  if (!LEADS.some((lead) => marker.startsWith(lead)))
    throw new Error(`smtp-command: no lead for '${marker}'`);

/** `text` must be lower-case. The marker that appears first in the text decides. */
export function commandInText(text: string): SmtpCommand | undefined {
  let best: SmtpCommand | undefined;
  let bestAt = Infinity;
  for (let g = 0; g < LEADS.length; g++) {
    const lead = LEADS[g]!;
    for (let at = text.indexOf(lead); at !== -1 && at < bestAt; at = text.indexOf(lead, at + 1)) {
      const hit = BY_LEAD[g]!.find(([marker]) => text.startsWith(marker, at));
      if (hit) {
        best = hit[1];
        bestAt = at;
      }
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
