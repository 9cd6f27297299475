/**
 * Amazon SES notifications delivered by SNS (notification or event publishing: `notificationType` or
 * `eventType`): Bounce, Complaint and Delivery. The SNS envelope is verified in sns.ts.
 */
import type { Reason } from '../../classify/reasons.js';
import type { EventInput } from '../../service/types.js';
import { isSnsUrl, parseUrl, snsType, SnsVerifier } from './sns.js';
import {
  bounceEvent,
  bracketed,
  isObject,
  isoFromText,
  malformed,
  objectAt,
  str,
  type Json,
} from './signal-fields.js';
import type { FetchText, ParsedSignal, WebhookProvider } from './types.js';

/** bounceSubType -> reason, used when SES passes on no SMTP diagnostic the classifier can read. */
const SUBTYPES: Readonly<Record<string, Reason>> = {
  General: 'undefined',
  NoEmail: 'userunknown',
  // SES's global list holds addresses that recently bounced as invalid.
  Suppressed: 'userunknown',
  // The account list may come from complaints or a manual entry: not a verdict on the mailbox.
  OnAccountSuppressionList: 'onhold',
  MailboxFull: 'mailboxfull',
  MessageTooLarge: 'mesgtoobig',
  ContentRejected: 'contenterror',
  AttachmentRejected: 'contenterror',
};

/** ARF feedback types that are not complaints. */
const NOT_COMPLAINTS: ReadonlySet<string> = new Set(['not-spam']);

const NAME = 'Amazon SES (SNS)';

export function sesProvider(fetchText: FetchText): WebhookProvider {
  const sns = new SnsVerifier(fetchText);
  return {
    id: 'ses',
    name: NAME,
    verify: (request, secrets) =>
      isObject(request.body)
        ? sns.verify(request.body, secrets.sesTopicArns)
        : Promise.resolve({
            ok: false,
            code: 'invalid_request',
            detail: 'Not an SNS message: not a JSON object',
          }),
    parse,
  };
}

function parse(body: unknown): ParsedSignal[] {
  if (!isObject(body)) throw malformed(NAME, 'not a JSON object');
  const type = snsType(body);
  if (type === 'SubscriptionConfirmation') {
    const url = parseUrl(body.SubscribeURL);
    if (url === undefined || !isSnsUrl(url))
      throw malformed(NAME, 'SubscribeURL is not an https URL on an SNS host');
    return [{ type: 'subscription-confirmation', url }];
  }
  if (type !== 'Notification') return [];
  const message = sesMessage(body.Message);
  // A signed message on the topic that is not from SES (a test publish): nothing to record.
  return message === undefined ? [] : sesEvents(message);
}

function sesMessage(text: unknown): Json | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) && (str(value.notificationType) ?? str(value.eventType)) !== undefined
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

function sesEvents(message: Json): EventInput[] {
  const mail = objectAt(message, 'mail');
  const messageId = bracketed(str(objectAt(mail, 'commonHeaders').messageId)) ?? str(mail.messageId);
  switch (str(message.notificationType) ?? str(message.eventType)) {
    case 'Bounce':
      return bounces(objectAt(message, 'bounce'), messageId);
    case 'Complaint':
      return complaints(objectAt(message, 'complaint'), messageId);
    case 'Delivery':
      return deliveries(objectAt(message, 'delivery'), messageId);
    default:
      return [];
  }
}

function recipients(list: unknown, field: string): Json[] {
  if (!Array.isArray(list)) throw malformed(NAME, `${field} is not an array`);
  return list.map((r: unknown) => (typeof r === 'string' ? { emailAddress: r } : isObject(r) ? r : {}));
}

function bounces(bounce: Json, messageId: string | undefined): EventInput[] {
  const at = isoFromText(bounce.timestamp);
  const fallback = SUBTYPES[str(bounce.bounceSubType) ?? ''] ?? 'undefined';
  return recipients(bounce.bouncedRecipients, 'bounce.bouncedRecipients').map((r) =>
    bounceEvent(
      { recipient: str(r.emailAddress) ?? '', messageId, at },
      { status: str(r.status), diagnostic: str(r.diagnosticCode) },
      fallback,
    ),
  );
}

function complaints(complaint: Json, messageId: string | undefined): EventInput[] {
  const feedbackType = str(complaint.complaintFeedbackType);
  if (feedbackType !== undefined && NOT_COMPLAINTS.has(feedbackType)) return [];
  const at = isoFromText(complaint.timestamp);
  return recipients(complaint.complainedRecipients, 'complaint.complainedRecipients').map((r) => ({
    type: 'complained',
    recipient: str(r.emailAddress) ?? '',
    messageId,
    at,
    diagnosticCode: feedbackType === undefined ? undefined : `feedback-type: ${feedbackType}`,
  }));
}

function deliveries(delivery: Json, messageId: string | undefined): EventInput[] {
  const at = isoFromText(delivery.timestamp);
  return recipients(delivery.recipients, 'delivery.recipients').map((r) => ({
    type: 'delivered',
    recipient: str(r.emailAddress) ?? '',
    messageId,
    at,
  }));
}
