import { extractAddress } from '../address.js';
import { findReplyCode, findStatus } from '../status-code.js';
import { parseCommand } from '../smtp-command.js';
import type { Decoder, RecipientFact } from '../types.js';

/**
 * Postfix's notice to the postmaster about a failed SMTP session (main.cf notify_classes: resource,
 * software, protocol), subject "Postfix SMTP server: errors from client[ip]" (the receiving side) or
 * "Postfix SMTP client: errors from host[ip]" (the sending side), with a transcript of the session:
 *
 *   Transcript of session follows.
 *    Out: 220 mx.example.org ESMTP
 *    In:  RCPT TO:<jdoe@example.org> ORCPT=rfc822;jdoe@example.org
 *    Out: 250 2.1.5 Ok
 *    In:  DATA
 *    Out: 354 End data with <CR><LF>.<CR><LF>
 *    Out: 451 4.3.0 Error: queue file write error
 *
 * "In" and "Out" swap with the side, so a line is told a reply by its leading code, not by its arrow.
 * A refusal of RCPT concerns that recipient; a refusal at DATA or after it, every recipient accepted.
 */
const SUBJECT = /^postfix smtp (server|client): errors from /i;
const TRANSCRIPT = 'Transcript of session follows.';
const LINE = /^\s*(?:In|Out):\s?(.*)$/;
const REPLY = /^[2-5]\d\d(?:[ -]|$)/;

export const postfixTranscript: Decoder = {
  id: 'postfix-transcript',
  cues: ['postfix smtp server: errors from', 'postfix smtp client: errors from'],
  recognises(mail) {
    return SUBJECT.test(mail.headers.get('subject') ?? '');
  },
  decode(mail) {
    const text = mail.text();
    const start = text.indexOf(TRANSCRIPT);
    if (start === -1) return undefined;
    const facts = refusals(sessionLines(text.slice(start + TRANSCRIPT.length)));
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};

/** The transcript's lines, each with its continuation lines (indented deeper) joined to it. */
function sessionLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const entry = LINE.exec(line);
    if (entry) lines.push((entry[1] ?? '').trim());
    else if (/^\s{2,}\S/.test(line) && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`;
    else if (line.trim() !== '' && lines.length > 0) break;
  }
  return lines;
}

/**
 * Replies answer commands in order, pipelined or not: each final reply (not "250-" continued) takes the
 * oldest command still waiting. DATA's 354 leaves the end of data waiting for the next one.
 */
function refusals(lines: readonly string[]): RecipientFact[] {
  const facts: RecipientFact[] = [];
  const accepted: string[] = [];
  const waiting: { verb: string; recipient: string | undefined }[] = [];
  for (const line of lines) {
    if (!REPLY.test(line)) {
      const verb = line.split(/[\s:]/, 1)[0]?.toUpperCase() ?? '';
      waiting.push({ verb, recipient: verb === 'RCPT' ? extractAddress(line) : undefined });
      continue;
    }
    if (line.charAt(3) === '-') continue;
    const answered = waiting.shift();
    const code = line.charAt(0);
    if (answered?.verb === 'DATA' && code === '3') waiting.unshift({ verb: 'DATA', recipient: undefined });
    if (code !== '4' && code !== '5') {
      if (code === '2' && answered?.recipient !== undefined) accepted.push(answered.recipient);
    } else if (answered?.verb === 'RCPT' && answered.recipient !== undefined) {
      facts.push(refusal(answered.recipient, line, 'RCPT'));
    } else if (answered?.verb === 'DATA') {
      facts.push(...accepted.splice(0).map((r) => refusal(r, line, 'DATA')));
    }
  }
  return facts;
}

function refusal(recipient: string, reply: string, command: string): RecipientFact {
  return {
    recipient,
    diagnosticCode: reply,
    status: findStatus(reply),
    replyCode: findReplyCode(reply),
    smtpCommand: parseCommand(command),
    action: reply.startsWith('4') ? 'delayed' : 'failed',
  };
}
