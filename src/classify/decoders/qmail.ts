import type { Reason } from '../reasons.js';
import { findStatus } from '../status-code.js';
import type { Decoder, RecipientFact } from '../types.js';
import { hintsOf } from './mail-hints.js';
import { beforeOriginal, blockText, recipientBlocks, type RecipientBlock } from './text-report.js';

/**
 * qmail-send's bounce (and the many qmail-based systems: netqmail, vpopmail, qmail-ldap):
 *
 *   Hi. This is the qmail-send program at mx.example.net.
 *   I'm afraid I wasn't able to deliver your message to the following addresses.
 *
 *   <user@example.org>:
 *   192.0.2.1 does not like recipient.
 *   Remote host said: 550 5.1.1 <user@example.org>... User unknown
 *   Giving up on 192.0.2.1.
 *
 *   --- Below this line is a copy of the message.
 *
 * A qmail-derived MTA (seen at Yahoo! Japan and hosting providers) words the same blocks as
 * 'Message from example.net. Unable to deliver message to the following address(es).' and ends them
 * with '--- Original message follows.'.
 */
export const qmail: Decoder = {
  id: 'qmail',
  cues: ['failure notice', 'mailer-daemon', 'postmaster', '(qmail '],
  recognises(mail) {
    const subject = mail.headers.get('subject') ?? '';
    if (subject === 'failure notice') return true;
    if (DERIVED_SUBJECTS.test(subject) && /MAILER-DAEMON|postmaster/i.test(mail.headers.get('from') ?? '')) {
      return true;
    }
    return hintsOf(mail).received.some(
      (value) => value.startsWith('(qmail ') && /invoked (?:for bounce|from network)/.test(value),
    );
  },
  decode(mail) {
    const text = beforeOriginal(mail.text(), [
      '--- below this line is a copy of the message',
      '--- enclosed are the original headers of the message',
      '--- original message follows.',
    ]);
    let start = text.indexOf('This is the qmail');
    if (start === -1) start = text.indexOf('Unable to deliver message to the following address(es).');
    const blocks = recipientBlocks(start === -1 ? text : text.slice(start), { opensBlock: bracketedAddress });
    const recipients = blocks.map(qmailFact);
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

const DERIVED_SUBJECTS =
  /^(?:Delivery failure|failed delivery|failure delivery|Permanent Delivery Failure)$/i;

/** '<user@example.org>:' alone on a line opens a recipient's block. */
function bracketedAddress(line: string): string | undefined {
  if (!line.startsWith('<') || !line.endsWith('>:')) return undefined;
  const address = line.slice(1, -2);
  return address.includes('@') && !address.includes(' ') ? address.toLowerCase() : undefined;
}

/** qmail-remote's fixed sentences say which SMTP step failed (qmail-remote.c). */
const COMMANDS: readonly (readonly [string, string])[] = [
  [' but greeting failed', 'CONN'],
  [' but my name was rejected', 'HELO'],
  [' but sender was rejected', 'MAIL'],
  [' does not like recipient', 'RCPT'],
  [' failed on DATA command', 'DATA'],
  [' failed after I sent the message', 'DATA'],
  ['most progress was RCPT TO response', 'RCPT'],
  ['most progress was MAIL FROM response', 'MAIL'],
  ['most progress was DATA response', 'DATA'],
];

/**
 * Failures qmail (and qmail-ldap, vpopmail's vdelivermail) found itself, in their fixed words;
 * only used when no remote server replied.
 */
const OWN_WORDS: readonly (readonly [string, Reason])[] = [
  ['no mailbox here by that name', 'userunknown'],
  ["Sorry, I couldn't find any host ", 'hostunknown'],
  ["Sorry, I couldn't find a mail exchanger or IP address", 'notaccept'],
  ["Sorry, I wasn't able to establish an SMTP connection", 'networkerror'],
  ["Sorry. Although I'm listed as a best-preference MX or A for that host", 'networkerror'],
  ['disk quota exceeded', 'mailboxfull'],
  ['account is locked email bounced', 'suspend'],
  ['Mailaddress is administratively disabled', 'suspend'],
  ['Mailaddress is administrativeley disabled', 'suspend'],
  ['The message exeeded the maximum size the user accepts', 'exceedlimit'],
  ['Requested action not taken: mailbox unavailable (not enough free space)', 'systemfull'],
  ['Automatic homedir creator crashed', 'systemerror'],
  ['Illegal value in LDAP attribute', 'systemerror'],
  ['LDAP attribute is not given but mandatory', 'systemerror'],
  ['Timeout while performing search on LDAP server', 'systemerror'],
  ['Too many results returned but needs to be unique', 'systemerror'],
  ['error while executing qmail-forward', 'systemerror'],
  ['error in automatic homedir creation', 'systemerror'],
  ['Temporary failure in LDAP lookup', 'systemerror'],
  ['Unable to contact LDAP server', 'systemerror'],
  ['Unable to login into LDAP server', 'systemerror'],
  ['bad interpreter: No such file or directory', 'systemerror'],
];

const GAVE_UP = "I'm not going to try again; this message has been in the queue too long.";

function qmailFact(block: RecipientBlock): RecipientFact {
  const whole = blockText(block);
  const command = COMMANDS.find(([words]) => whole.includes(words))?.[1];
  const said = remoteReply(whole);
  const fact: RecipientFact = {
    recipient: block.recipient,
    diagnosticCode: said ?? whole.replace(GAVE_UP, '').trim(),
    remoteMta: remoteHost(whole),
    smtpCommand: command,
    status: findStatus(said ?? '') ?? findStatus(whole),
    action: 'failed',
  };
  if (said === undefined) {
    const own = OWN_WORDS.find(([words]) => whole.includes(words));
    if (own) {
      fact.reason = own[1];
      fact.rule = `qmail: ${own[0]}`;
    } else if (whole.includes(GAVE_UP)) {
      fact.reason = 'expired';
      fact.rule = 'qmail: in the queue too long';
    }
  }
  return fact;
}

/** The server's words: after 'Remote host said:' or 'remote host 192.0.2.1 said:', up to qmail's own sentences. */
function remoteReply(text: string): string | undefined {
  let at = text.indexOf('Remote host said:');
  let skip = 'Remote host said:'.length;
  if (at === -1) {
    const m = /remote host \S+ said:/.exec(text);
    if (!m) return undefined;
    at = m.index;
    skip = m[0].length;
  }
  let reply = text.slice(at + skip);
  for (const tail of ['Giving up on ', "I'm not going to try again", '(Other MXes tried:']) {
    const cut = reply.indexOf(tail);
    if (cut !== -1) reply = reply.slice(0, cut);
  }
  return reply.trim();
}

function remoteHost(text: string): string | undefined {
  const m =
    /Giving up on ([^\s]+?)\.?(?:\s|$)/.exec(text) ??
    /Connected to (\S+) but/.exec(text) ??
    /remote host (\S+) said:/.exec(text);
  if (m) return m[1];
  // '192.0.2.1 does not like recipient.': the word before qmail-remote's sentence.
  for (const sentence of [
    ' does not like recipient',
    ' failed on DATA command',
    ' failed after I sent the message',
  ]) {
    const at = text.indexOf(sentence);
    if (at > 0) return text.slice(text.lastIndexOf(' ', at - 1) + 1, at);
  }
  return undefined;
}
