import { extractAddress } from '../address.js';
import { stripType } from '../dsn.js';
import type { Reason } from '../reasons.js';
import { findReplyCode, findStatus } from '../status-code.js';
import type { Decoder, RecipientFact } from '../types.js';
import { standardFacts } from './rfc3464.js';
import { hintsOf } from './mail-hints.js';

/**
 * Amazon SES event notifications mailed by Amazon SNS (From: no-reply@sns.amazonaws.com): the body is
 * SES's JSON, either bare or inside an SNS envelope whose "Message" is the same JSON as a string:
 *
 *   {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",
 *    "bouncedRecipients":[{"emailAddress":"someone@example.org","action":"failed","status":"5.1.1",
 *    "diagnosticCode":"smtp; 550 5.1.1 No such user"}],"reportingMTA":"dsn; a1-2.smtp-out..."}, ...}
 *
 * "Complaint" and "Delivery" notifications come the same way. SES's own bounces are RFC 3464, but
 * older ones wrap the remote server's reply in SES's own status and words:
 *
 *   Diagnostic-Code: smtp; 5.1.0 - Unknown address error 550-'5.1.1 No such user' (delivery attempts: 0)
 */
const WRAPPED_REPLY =
  /^[245]\.\d{1,3}\.\d{1,3} - [^'\d]{1,100}(?:([245]\d\d)-)?'(.+)' \(delivery attempts: \d+\)$/;

/** SES's own bounce subtypes that name a reason (General, Suppressed, ... do not). */
const SUBTYPES: Readonly<Record<string, Reason>> = {
  NoEmail: 'userunknown',
  MailboxFull: 'mailboxfull',
  MessageTooLarge: 'mesgtoobig',
  ContentRejected: 'contenterror',
  AttachmentRejected: 'contenterror',
};

type Json = Record<string, unknown>;

export const amazonses: Decoder = {
  id: 'amazonses',
  cues: ['x-amz-sns-message-id', '@sns.amazonaws.com', 'amazonses.com'],
  recognises: (mail) => {
    const from = hintsOf(mail).fromLower;
    return (
      mail.headers.has('x-amz-sns-message-id') ||
      from.includes('@sns.amazonaws.com') ||
      from.includes('amazonses.com')
    );
  },
  decode(mail) {
    if (mail.deliveryStatus() !== '') return { recipients: standardFacts(mail).map(unwrapReply) };
    const event = notification(mail.text());
    if (!event) return undefined;
    const type = event.notificationType ?? event.eventType;
    if (type === 'Bounce') return { recipients: bounced(object(event.bounce)) };
    if (type === 'Complaint') return { recipients: complained(object(event.complaint)) };
    if (type === 'Delivery') return { recipients: delivered(object(event.delivery)) };
    return undefined;
  },
};

/** The remote server's own reply and status, out of SES's wrapping. */
function unwrapReply(fact: RecipientFact): RecipientFact {
  const m = WRAPPED_REPLY.exec(fact.diagnosticCode?.replace(/\s+/g, ' ').trim() ?? '');
  if (!m?.[2]) return fact;
  const reply = m[1] ? `${m[1]} ${m[2]}` : m[2];
  return {
    ...fact,
    diagnosticCode: reply,
    status: findStatus(reply) ?? fact.status,
    replyCode: findReplyCode(reply),
  };
}

/** The SES event in the body, unwrapping an SNS envelope; undefined when the body is no such JSON. */
function notification(text: string): Json | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end < start) return undefined;
  // Some relays break lines longer than 998 octets with "!\n " (sendmail); JSON has no raw newlines,
  // so every newline inside it came from such a break or from pretty-printing.
  const body = text.slice(start, end + 1).replace(/!\n /g, '');
  const outer = parse(body);
  if (!outer) return undefined;
  if (typeof outer.Message === 'string') return parse(outer.Message);
  return outer;
}

function parse(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bounced(bounce: Json): RecipientFact[] {
  const subtypeReason = SUBTYPES[str(bounce.bounceSubType) ?? ''];
  const reportingMta = stripType(str(bounce.reportingMTA));
  const facts: RecipientFact[] = [];
  for (const entry of list(bounce.bouncedRecipients)) {
    const r = object(entry);
    const recipient = extractAddress(str(r.emailAddress));
    if (!recipient) continue;
    const fact: RecipientFact = {
      recipient,
      action: str(r.action) ?? (bounce.bounceType === 'Transient' ? 'delayed' : 'failed'),
      status: str(r.status),
      diagnosticCode: stripType(str(r.diagnosticCode)),
      reportingMta,
      remoteMta: str(bounce.remoteMtaIp),
      date: str(bounce.timestamp),
    };
    if (subtypeReason && !fact.diagnosticCode) {
      fact.reason = subtypeReason;
      fact.rule = `amazonses: bounceSubType ${str(bounce.bounceSubType) ?? ''}`;
    }
    facts.push(fact);
  }
  return facts;
}

function complained(complaint: Json): RecipientFact[] {
  const feedbackType = str(complaint.complaintFeedbackType);
  const facts: RecipientFact[] = [];
  for (const entry of list(complaint.complainedRecipients)) {
    const recipient = extractAddress(str(object(entry).emailAddress));
    if (!recipient) continue;
    facts.push({
      recipient,
      reason: 'feedback',
      rule: 'amazonses: Complaint notification',
      feedbackType,
      date: str(complaint.timestamp),
    });
  }
  return facts;
}

function delivered(delivery: Json): RecipientFact[] {
  const facts: RecipientFact[] = [];
  for (const entry of list(delivery.recipients)) {
    const recipient = extractAddress(str(entry));
    if (!recipient) continue;
    facts.push({
      recipient,
      action: 'delivered',
      diagnosticCode: str(delivery.smtpResponse),
      reportingMta: str(delivery.reportingMTA),
      date: str(delivery.timestamp),
    });
  }
  return facts;
}
