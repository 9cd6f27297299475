import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { hintsOf } from './mail-hints.js';

/**
 * Zoho Mail's bounces (mailer-daemon@mail.zoho.com, X-ZohoMail), one line per recipient:
 *
 *   someone@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <someone@...>... No such user
 *   someone@example.org Error, ERROR_CODE :421, ERROR_CODE :, Host not reachable.
 *
 * and in delay warnings:
 *
 *   [Status: Error, Address: <someone@example.org>, ResponseCode 421, , Host not reachable.]
 *
 * The original message's headers follow inline, starting with "Received:".
 */
const CODE_SEP = ', ERROR_CODE :';
const STATUS_LINE = '[Status: ';
/** Zoho's own words when it never reached the recipient's server and gave up retrying. */
const UNREACHABLE = 'Host not reachable';

export const zoho: Decoder = {
  id: 'zoho',
  cues: ['x-zohomail', 'mailer-daemon@mail.zoho.com'],
  recognises: (mail) =>
    mail.headers.has('x-zohomail') || hintsOf(mail).fromLower.includes('mailer-daemon@mail.zoho.com'),
  decode(mail) {
    const text = mail.text();
    const delayed =
      (mail.headers.get('subject') ?? '').includes('(Delay)') || text.includes('Message will be retried');
    const recipients: RecipientFact[] = [];
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('Received:')) break;
      const parsed = line.startsWith(STATUS_LINE) ? statusLine(line) : errorCodeLine(line);
      if (!parsed) continue;
      const fact: RecipientFact = { ...parsed, action: delayed ? 'delayed' : 'failed' };
      if (parsed.diagnosticCode.includes(UNREACHABLE)) {
        fact.reason = 'expired';
        fact.rule = `zoho: ${UNREACHABLE}`;
      }
      recipients.push(fact);
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

interface Parsed {
  recipient: string;
  replyCode: number | undefined;
  diagnosticCode: string;
}

/** "someone@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 ... No such user" */
function errorCodeLine(line: string): Parsed | undefined {
  const found = findAddress(line);
  if (!found || found.start !== 0 || !line.includes(CODE_SEP)) return undefined;
  const [, code = '', ...rest] = line.slice(found.end).split(CODE_SEP);
  const reply = rest.join(CODE_SEP).replace(/^[\s,]+/, '');
  return { recipient: found.address, ...withCode(code, reply) };
}

/** "[Status: Error, Address: <someone@example.org>, ResponseCode 421, , Host not reachable.]" */
function statusLine(line: string): Parsed | undefined {
  const found = findAddress(line);
  const codeAt = line.indexOf('ResponseCode ');
  if (!found || codeAt === -1) return undefined;
  const after = line.slice(codeAt + 'ResponseCode '.length).replace(/\]$/, '');
  const comma = after.indexOf(',');
  const code = comma === -1 ? after : after.slice(0, comma);
  const reply = comma === -1 ? '' : after.slice(comma).replace(/^[\s,]+/, '');
  return { recipient: found.address, ...withCode(code, reply) };
}

function withCode(code: string, reply: string): Omit<Parsed, 'recipient'> {
  const replyCode = /^[245]\d\d$/.test(code.trim()) ? Number(code.trim()) : undefined;
  return { replyCode, diagnosticCode: replyCode ? `${replyCode} ${reply}`.trim() : reply };
}
