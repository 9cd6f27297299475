import { extractAddress, findAddress } from '../address.js';
import { parseDeliveryStatus } from '../dsn.js';
import { matchPhrases, normalise } from '../phrase-match.js';
import { findReplyCode, findStatus } from '../status-code.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';
import { fieldFacts, standardFacts } from './rfc3464.js';

/**
 * Sendmail: an RFC 3464 report whose human-readable part carries what the DSN lacks — the SMTP
 * session transcript that says which command failed and what the server answered:
 *
 *      ----- The following addresses had permanent fatal errors -----
 *   <user@example.org>
 *       (reason: 550 5.1.1 User unknown)
 *
 *      ----- Transcript of session follows -----
 *   ... while talking to mx.example.org.:
 *   >>> RCPT To:<user@example.org>
 *   <<< 550 5.1.1 <user@example.org>... User unknown
 *   550 5.1.1 <user@example.org>... User unknown
 */
const SUBJECTS = ['Returned mail: ', 'Warning: could not send message'];

export const sendmail: Decoder = {
  id: 'sendmail',
  cues: ['mail delivery subsystem', ...SUBJECTS.map((start) => start.toLowerCase())],
  recognises(mail) {
    const from = mail.headers.get('from') ?? '';
    const subject = mail.headers.get('subject') ?? '';
    return (
      from.startsWith('Mail Delivery Subsystem') ||
      SUBJECTS.some((start) => subject.replace(/^Fwd?: /, '').startsWith(start))
    );
  },
  decode(mail) {
    const text = unquoted(mail.text());
    if (
      !text.includes('----- Transcript of session follows -----') &&
      !text.includes('----- The following addresses had')
    ) {
      return undefined;
    }
    const transcript = readTranscript(text);
    const facts = reportFacts(mail, text);
    for (const fact of facts) {
      addTranscript(fact, transcript);
      const exit = fact.diagnosticCode?.trim();
      // 'Diagnostic-Code: X-Unix; 127' and no words anywhere: the local delivery program failed
      // (an exit status is 0-255; '421' alone is a reply code, not an exit status).
      if (exit && saysNothing(exit) && Number(exit) <= 255) {
        fact.reason = 'mailererror';
        fact.rule = `sendmail: the local mailer exited with status ${exit}`;
      }
    }
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};

/** A forwarded bounce quotes every line with '> '; the markers must be found all the same. */
function unquoted(text: string): string {
  if (!text.includes('\n> ') || !/^>\s+-+ (?:Transcript of session|The following addresses)/m.test(text))
    return text;
  return text
    .split('\n')
    .map((line) => (line.startsWith('> ') ? line.slice(2) : line.startsWith('>') ? line.slice(1) : line))
    .join('\n');
}

/**
 * The DSN's facts; when the DSN names no usable recipient ('Final-Recipient: RFC822; @host'), the
 * addresses of the "following addresses had ... errors" list, with the DSN fields taken by position.
 */
function reportFacts(mail: ParsedMessage, text: string): RecipientFact[] {
  const dsnText = mail.deliveryStatus() || (text.includes('Final-Recipient:') ? text : '');
  const standard = mail.deliveryStatus() ? standardFacts(mail) : fieldFacts(dsnText);
  if (standard.length > 0) return standard;
  const listed = errorList(text);
  const fields = parseDeliveryStatus(dsnText);
  return listed.map((entry, index) => {
    const block = fields.perRecipient.length === listed.length ? fields.perRecipient[index] : undefined;
    return {
      recipient: entry.recipient,
      diagnosticCode: entry.reason,
      status: block?.get('status'),
      action: block?.get('action')?.toLowerCase() ?? (entry.transient ? 'delayed' : 'failed'),
    };
  });
}

interface ListedAddress {
  recipient: string;
  reason: string | undefined;
  transient: boolean;
}

/** '----- The following addresses had permanent fatal errors -----', then '<addr>' and '(reason: ...)'. */
function errorList(text: string): ListedAddress[] {
  const listed: ListedAddress[] = [];
  let transient = false;
  let inList = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('----- ')) {
      inList = line.includes('following addresses had');
      transient = line.includes('transient');
      continue;
    }
    if (!inList || line === '') continue;
    const last = listed[listed.length - 1];
    if (line.startsWith('(reason:') && last) {
      last.reason = line.slice(8, line.endsWith(')') ? -1 : undefined).trim();
    } else if (!line.startsWith('(')) {
      const recipient = extractAddress(line);
      if (recipient) listed.push({ recipient, reason: undefined, transient });
    }
  }
  return listed;
}

/** One SMTP conversation of the transcript: the host, the last command sent and the replies to it. */
interface Session {
  host: string;
  command: string | undefined;
  rcptTo: string | undefined;
  replies: string[];
  /** Recipients the transcript's own summary lines tie to this session, with the summary text. */
  summaries: Map<string, string>;
}

export interface Transcript {
  sessions: Session[];
  /** The last line that starts with a reply code: a local mailer's verdict ('554 5.3.0 unknown mailer error 255'). */
  lastReply: string | undefined;
  /** Summary lines outside any session: '550 <user@example.org>... User unknown' for a local failure. */
  summaries: Map<string, string>;
  /** What a local mailer printed outside any session ('mail.local: unknown user: jdoe'). */
  local: string[];
}

/** Read a sendmail transcript (V8 '... while talking to host.:' and V5 'While talking to host:'). */
export function readTranscript(text: string): Transcript {
  const transcript: Transcript = { sessions: [], lastReply: undefined, summaries: new Map(), local: [] };
  const start = text.indexOf('----- Transcript of session follows -----');
  if (start === -1) return transcript;
  let session: Session | undefined;
  let afterReply = false;
  for (const raw of text.slice(start).split('\n').slice(1)) {
    const line = raw.trim();
    if (line.startsWith('-----')) break;
    const talking = /^(?:\.\.\. )?while talking to (\S+?)\.?:$/i.exec(line);
    if (talking?.[1]) {
      session = newSession(talking[1].toLowerCase(), transcript);
      afterReply = false;
    } else if (line.startsWith('>>> ')) {
      // Some sendmail-like MTAs (Bigfoot's) write the commands with no "while talking to" line.
      session ??= newSession('', transcript);
      const sent = line.slice(4);
      session.command = commandOf(sent);
      session.rcptTo = session.command === 'RCPT' ? extractAddress(sent) : undefined;
      session.replies = [];
      afterReply = false;
    } else if (line.startsWith('<<< ') && session) {
      session.replies.push(line.slice(4));
      afterReply = true;
    } else {
      if (/^[245]\d\d[ -]/.test(line)) transcript.lastReply = line;
      const summary = summaryLine(line);
      if (summary) {
        // The summary right after a reply belongs to that conversation; a later one does not.
        if (session && afterReply) session.summaries.set(summary.recipient, summary.text);
        else transcript.summaries.set(summary.recipient, summary.text);
      } else if (!session && LOCAL_MAILER.test(line)) {
        transcript.local.push(line);
      } else if (
        session &&
        /^[245]\d\d \S+ \(\w+\)\.\.\. /.test(line) &&
        !line.includes(` ${session.host} `)
      ) {
        // '550 other.example.org (smtp)... Host unknown': the conversation above is over.
        afterReply = false;
      }
    }
  }
  return transcript;
}

function newSession(host: string, transcript: Transcript): Session {
  const session: Session = { host, command: undefined, rcptTo: undefined, replies: [], summaries: new Map() };
  transcript.sessions.push(session);
  return session;
}

/**
 * '550 5.1.1 <user@example.org>... User unknown' or '<user@example.org>... Deferred: ...' -> the
 * address and the text after '... '.
 */
function summaryLine(line: string): { recipient: string; text: string } | undefined {
  // Without a code for a message still queued: '<user@example.org>... Deferred: Connection refused'.
  if (!/^[245]\d\d[ -]/.test(line) && !line.startsWith('<')) return undefined;
  const dots = line.indexOf('... ');
  if (dots === -1) return undefined;
  const found = findAddress(line.slice(0, dots));
  return found ? { recipient: found.address, text: line.slice(dots + 4).trim() } : undefined;
}

function commandOf(sent: string): string | undefined {
  const word = sent.split(/[\s:]/)[0]?.toUpperCase() ?? '';
  if (word === '.') return 'DATA';
  return ['HELO', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'QUIT', 'RSET', 'STARTTLS', 'AUTH'].includes(word)
    ? word
    : undefined;
}

/** Fill the command, the remote host and (when the DSN has none) the server's reply from the transcript. */
export function addTranscript(fact: RecipientFact, transcript: Transcript): void {
  const session =
    transcript.sessions.find((s) => s.rcptTo === fact.recipient || s.summaries.has(fact.recipient)) ??
    (transcript.sessions.length === 1 && transcript.summaries.size === 0
      ? transcript.sessions[0]
      : undefined);
  if (!session) {
    const local = transcript.summaries.get(fact.recipient) ?? transcript.lastReply;
    if (local && saysNothing(fact.diagnosticCode)) {
      fact.diagnosticCode = local;
      fact.status = findStatus(local) ?? fact.status;
    }
    localMailer(fact, transcript.local);
    return;
  }
  const replies = joinReply(session.replies);
  fact.smtpCommand ??= pipelinedCommand(session);
  if (session.host) fact.remoteMta ??= session.host;
  // The DSN's Diagnostic-Code often keeps only the first line of a multi-line reply.
  const dsnLine = fact.diagnosticCode?.trim() ?? '';
  if (!dsnLine || (replies.length > dsnLine.length && replies.startsWith(dsnLine.slice(0, 12))))
    fact.diagnosticCode = replies || session.summaries.get(fact.recipient);
  if (fact.replyCode === undefined && fact.diagnosticCode)
    fact.replyCode = findReplyCode(fact.diagnosticCode);
  fact.status ??= findStatus(fact.diagnosticCode ?? '');
}

/** 'mail.local: unknown user: jdoe', 'procmail: Quota exceeded': a program's name, then its words. */
const LOCAL_MAILER = /^[\w.-]{1,40}: \S/;

/**
 * The local mailer's own words explain the summary's generic one ('554 <jdoe@...>... Service
 * unavailable'). It delivers into the mailboxes of this very host, so when it has no such user,
 * the user does not exist: no filter stands between them.
 */
function localMailer(fact: RecipientFact, lines: string[]): void {
  if (lines.length === 0) return;
  const said = lines.join(' ');
  fact.diagnosticCode = saysNothing(fact.diagnosticCode) ? said : `${said} ${fact.diagnosticCode ?? ''}`;
  if (matchPhrases(normalise(said))[0]?.reason === 'userunknown') {
    fact.reason = 'userunknown';
    fact.rule = `sendmail: the local mailer has no such user (${said})`;
  }
}

/**
 * A multi-line reply ('550-5.7.1 Messages with ... From:' then '550 5.7.1 header are not accepted')
 * read as one sentence: continuation lines lose their repeated code and status.
 */
function joinReply(lines: string[]): string {
  let text = '';
  let continued = false;
  for (const line of lines) {
    const code = /^[245]\d\d([ -])/.exec(line);
    if (continued && code) {
      const rest = line.slice(4);
      const status = /^[245]\.\d{1,3}\.\d{1,3} /.exec(rest);
      text += ` ${status ? rest.slice(status[0].length) : rest}`;
    } else {
      text += `${text ? ' ' : ''}${line}`;
    }
    continued = code?.[1] === '-';
  }
  return text;
}

/** 'X-Unix; 255': a local mailer's exit code, which the transcript explains in words. */
function saysNothing(diagnostic: string | undefined): boolean {
  return diagnostic === undefined || /^\s*\d*\s*$/.test(diagnostic);
}

/**
 * With pipelining, sendmail shows '>>> DATA' and then the replies to every command it sent ahead:
 * '<<< 550 5.1.1 <user@example.org>... User unknown' then '<<< 503 5.0.0 Need RCPT'. When DATA was
 * refused for want of a valid recipient, the refusal before it answered RCPT.
 */
function pipelinedCommand(session: Session): string | undefined {
  if (session.command !== 'DATA') return session.command;
  const refused = session.replies.some((reply, index) => index > 0 && NO_RECIPIENTS.test(reply));
  return refused ? 'RCPT' : 'DATA';
}

const NO_RECIPIENTS = /need rcpt|no valid recipients|rcpt commands were rejected|must precede data/i;
