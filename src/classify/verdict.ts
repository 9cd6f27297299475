import { domainOf, extractAddress } from './address.js';
import { namedBlocklist } from './blocklist.js';
import { isoString } from './iso-date.js';
import { REASONS, isHardBounce } from './reasons.js';
import { resolveReason } from './resolve-reason.js';
import { commandInText, parseCommand } from './smtp-command.js';
import { findReplyCode, findStatus, parseStatus } from './status-code.js';
import { collapseWhitespace } from './whitespace.js';
import type { HeaderView, OriginalRef, RecipientFact, Verdict } from './types.js';

/** Turn one decoder fact into an explained verdict: fill what the text implies, resolve the reason. */
export function toVerdict(fact: RecipientFact, decoder: string, original: OriginalRef): Verdict {
  const diagnostic = cleanText(fact.diagnosticCode);
  const status = preferredStatus(parseStatus(fact.status), findStatus(diagnostic));
  const replyCode = fact.replyCode ?? findReplyCode(diagnostic);
  // Collapsed already, so lower-casing is all normalise() would do: done once for every rule below.
  const text = diagnostic.toLowerCase();
  const smtpCommand = parseCommand(fact.smtpCommand) ?? commandInText(text);
  const recipient = fact.recipient.toLowerCase();
  const { reason, evidence } = resolveReason({
    decoderReason: fact.reason,
    decoderRule: fact.rule,
    status,
    replyCode,
    action: fact.action,
    smtpCommand,
    diagnostic,
    text,
    remoteMta: fact.remoteMta ?? fact.reportingMta,
    recipientDomain: domainOf(recipient),
    sender: original.sender?.toLowerCase() === recipient ? undefined : original.sender?.toLowerCase(),
  });
  const kind = REASONS[reason].kind;
  return {
    recipient,
    reason,
    kind,
    hardBounce: isHardBounce(reason, replyCode ?? null, status ?? null, diagnostic),
    status: status ?? null,
    replyCode: replyCode ?? null,
    action: fact.action?.toLowerCase() ?? defaultAction(kind),
    diagnosticCode: diagnostic || null,
    remoteMta: fact.remoteMta || null,
    reportingMta: fact.reportingMta || null,
    smtpCommand: smtpCommand ?? null,
    date: toIsoDate(fact.date),
    blocklist: kind === 'sender' ? namedBlocklist(diagnostic) : null,
    feedbackType: fact.feedbackType ?? null,
    original,
    decoder,
    evidence,
  };
}

/**
 * The code in the server's own reply is more precise than a reporting MTA's Status field, which is
 * often a generic x.0.0 or the reporter's own view (a deferral's 4.4.7 over the reply's 4.2.2).
 */
function preferredStatus(field: string | undefined, inText: string | undefined): string | undefined {
  if (!inText) return field;
  if (!field) return inText;
  if (inText.endsWith('.0.0') && !field.endsWith('.0.0')) return field;
  // '#5.1.0 Address rejected' beside 'Status: 5.1.1': the same subject, the field more precise.
  return inText.endsWith('.0') && field.startsWith(inText.slice(0, -1)) ? field : inText;
}

function defaultAction(kind: string): string | null {
  if (kind === 'delivered') return 'delivered';
  if (kind === 'complaint' || kind === 'autoreply') return null;
  return 'failed';
}

function cleanText(text: string | undefined): string {
  return text === undefined ? '' : collapseWhitespace(text).trim();
}

/**
 * The recipients of one report mostly share its date: remember the last conversion, since Date.parse
 * is among the dearer steps of building a verdict.
 */
let lastDate: string | undefined;
let lastIsoDate: string | null = null;

function toIsoDate(value: string | undefined): string | null {
  if (!value) return null;
  if (value !== lastDate) {
    lastIsoDate = parseIsoDate(value);
    lastDate = value;
  }
  return lastIsoDate;
}

function parseIsoDate(value: string): string | null {
  // Drop a trailing comment such as '(JST)': Date.parse refuses it.
  const paren = value.indexOf('(');
  const ms = Date.parse(paren > 0 ? value.slice(0, paren) : value);
  return Number.isNaN(ms) ? null : isoString(ms);
}

/** The facts of the original message that tie a bounce to its send. */
export function originalRef(headers: HeaderView | undefined, bounce: HeaderView): OriginalRef {
  const xHeaders: Record<string, string> = {};
  for (const name of headers?.names() ?? []) {
    if (name.startsWith('x-') && !(name in xHeaders)) xHeaders[name] = headers?.get(name) ?? '';
  }
  const sender =
    extractAddress(headers?.get('return-path')) ??
    extractAddress(headers?.get('from')) ??
    extractAddress(bounce.get('x-original-to') ?? bounce.get('delivered-to') ?? bounce.get('to'));
  return {
    messageId: headers?.get('message-id')?.trim() ?? null,
    sender: sender ?? null,
    subject: headers?.get('subject') ?? null,
    xHeaders,
  };
}
