/**
 * What every provider module needs to turn loosely typed JSON into EventInput: field readers that never
 * throw on a wrong type, and one rule for the reason of a bounce (the SMTP reply, when the provider
 * passes it on, classified like any other; the provider's own code otherwise).
 */
import { REASONS, type Reason } from '../../classify/reasons.js';
import { classifySmtpReply } from '../../classify/smtp-reply.js';
import { ReboundError } from '../../errors.js';
import type { EventInput } from '../../service/types.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function objectAt(value: Json, key: string): Json {
  const v = value[key];
  return isObject(v) ? v : {};
}

export function malformed(provider: string, detail: string): ReboundError {
  return new ReboundError('invalid_request', `Not a ${provider} webhook: ${detail}`);
}

/** Unix seconds (SendGrid, Mailgun: possibly fractional) as ISO 8601; undefined when absent or absurd. */
export function isoFromSeconds(value: unknown): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 && n < 1e11 ? new Date(Math.round(n * 1000)).toISOString() : undefined;
}

/** An ISO date string as given by the provider, kept only when it parses. */
export function isoFromText(value: unknown): string | undefined {
  const s = str(value);
  return s !== undefined && Number.isFinite(Date.parse(s)) ? new Date(s).toISOString() : undefined;
}

/** Message-IDs are compared as the header shows them, in angle brackets. */
export function bracketed(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return id.startsWith('<') ? id : `<${id}>`;
}

const STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
const MAX_DIAGNOSTIC = 2000;

export interface ReplyFacts {
  replyCode?: number | undefined;
  status?: string | undefined;
  diagnostic?: string | undefined;
}

/**
 * A bounce event. With a diagnostic, the reason is what the classifier reads in it (so a webhook and a
 * DSN of the same rejection agree); the provider's code decides only when the classifier cannot tell.
 */
export function bounceEvent(
  base: Pick<EventInput, 'recipient' | 'messageId' | 'at'>,
  facts: ReplyFacts,
  fallback: Reason,
): EventInput {
  const status = facts.status !== undefined && STATUS.test(facts.status) ? facts.status : undefined;
  const diagnostic = facts.diagnostic?.slice(0, MAX_DIAGNOSTIC);
  const replyCode = validCode(facts.replyCode) ?? leadingCode(diagnostic);
  return {
    type: 'bounced',
    ...base,
    reason: classified(replyCode, status, diagnostic) ?? fallback,
    status,
    replyCode,
    diagnosticCode: diagnostic,
  };
}

function classified(
  code: number | undefined,
  status: string | undefined,
  text: string | undefined,
): Reason | undefined {
  if (text === undefined) return undefined;
  const verdict = classifySmtpReply(
    code ?? (status?.startsWith('4') === true ? 450 : 550),
    `${status ?? ''} ${text}`,
  );
  const kind = REASONS[verdict.reason].kind;
  return kind === 'undetermined' || kind === 'delivered' ? undefined : verdict.reason;
}

function validCode(code: number | undefined): number | undefined {
  return code !== undefined && Number.isInteger(code) && code >= 400 && code <= 599 ? code : undefined;
}

/** "550 5.1.1 ..." or "smtp; 550 ...": the first three characters that form a reply code. */
function leadingCode(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const start = text.toLowerCase().startsWith('smtp;') ? text.slice(5).trimStart() : text;
  const code = Number(start.slice(0, 3));
  const next = start[3];
  return next === undefined || next === ' ' || next === '-' ? validCode(code) : undefined;
}
