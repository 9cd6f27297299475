/**
 * JSON schemas shared by the routes: they validate requests, serialise responses (fast-json-stringify
 * drops whatever a schema does not name, so no internal field leaks) and make the OpenAPI document.
 * Enums come from the tables that own them, never spelled twice.
 */
import { REASON_NAMES } from '../classify/reasons.js';

export const KINDS = [
  'hard',
  'soft',
  'sender',
  'complaint',
  'autoreply',
  'delivered',
  'undetermined',
] as const;
export const ADDRESS_STATUSES = ['active', 'soft', 'blocked'] as const;
export const EVENT_TYPES = ['sent', 'delivered', 'deferred', 'bounced', 'complained'] as const;
const HISTORY_TYPES = [
  ...EVENT_TYPES,
  'autoreplied',
  'admin-block',
  'admin-unblock',
  'block-expired',
  'expiry-held',
  'sender-repair',
  'state-changed',
] as const;

/** Longest address SMTP allows (RFC 5321 4.5.3.1: 64 + @ + 255), a bound on every address parameter. */
export const MAX_ADDRESS_LENGTH = 320;
export const MAX_PAGE_LIMIT = 1000;

const nullableString = { type: ['string', 'null'] } as const;
const reasonEnum = { type: 'string', enum: REASON_NAMES } as const;
const addressReason = {
  type: ['string', 'null'],
  enum: [...REASON_NAMES, 'complaint', 'admin', null],
} as const;

export const problemSchema = {
  $id: 'Problem',
  description: 'RFC 9457 problem details',
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
} as const;

export const addressViewSchema = {
  $id: 'AddressView',
  type: 'object',
  required: ['address', 'state', 'status', 'softBounces', 'reason', 'blockedAt', 'explanation'],
  properties: {
    address: { type: 'string' },
    state: {
      type: 'string',
      enum: ADDRESS_STATUSES,
      description: 'active, soft or blocked, as in the answer of POST /v1/check',
    },
    status: {
      type: 'string',
      enum: ADDRESS_STATUSES,
      description: 'The same value as `state`, under its first name; kept for the clients that read it',
    },
    softBounces: { type: 'integer', description: 'Consecutive soft bounces in the current streak' },
    reason: addressReason,
    blockedAt: nullableString,
    explanation: { type: 'string' },
    explanationCode: {
      type: 'string',
      enum: ['address.active', 'address.soft', 'address.blocked'],
      description:
        'Why the address is in its state, as a code for a page in another language; `explanation` is the ' +
        "English sentence of the event that decided it (docs/dashboard.md, 'Languages')",
    },
    explanationParams: {
      type: 'object',
      description:
        'The values of explanationCode: `address.soft` count, limit, reason, staleAt (ISO time or null); ' +
        '`address.blocked` since (ISO time or null), reason (taxonomy name, admin, complaint or null)',
      additionalProperties: true,
    },
  },
} as const;

export const historyEntrySchema = {
  $id: 'HistoryEntry',
  type: 'object',
  required: ['eventId', 'type', 'at', 'receivedAt'],
  properties: {
    eventId: { type: 'string' },
    type: { type: 'string', enum: HISTORY_TYPES },
    at: { type: 'string' },
    receivedAt: { type: 'string' },
    reason: { type: ['string', 'null'] },
    kind: { type: ['string', 'null'] },
    status: nullableString,
    diagnosticCode: nullableString,
    bounceId: nullableString,
    from: { type: 'string', enum: ADDRESS_STATUSES },
    to: { type: 'string', enum: ADDRESS_STATUSES },
    explanation: { type: 'string' },
    actor: { type: 'string' },
    note: { type: 'string' },
    spam: {
      type: 'object',
      description: "On a `sent` event from Rebound's outbox: the SpamAssassin score and the rules that fired",
      required: ['score', 'threshold', 'over', 'rules'],
      properties: {
        score: { type: 'number' },
        threshold: { type: 'number' },
        over: { type: 'boolean' },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'score'],
            properties: { name: { type: 'string' }, score: { type: 'number' } },
          },
        },
      },
    },
  },
} as const;

export const addressDetailSchema = {
  $id: 'AddressDetail',
  type: 'object',
  required: [...addressViewSchema.required, 'decidedBy', 'history'],
  properties: {
    ...addressViewSchema.properties,
    decidedBy: { anyOf: [{ $ref: 'HistoryEntry#' }, { type: 'null' }] },
    history: { type: 'array', items: { $ref: 'HistoryEntry#' } },
  },
} as const;

export const verdictSchema = {
  $id: 'Verdict',
  type: 'object',
  properties: {
    recipient: { type: 'string' },
    reason: reasonEnum,
    kind: { type: 'string', enum: KINDS },
    hardBounce: { type: 'boolean' },
    status: nullableString,
    replyCode: { type: ['integer', 'null'] },
    action: nullableString,
    diagnosticCode: nullableString,
    remoteMta: nullableString,
    reportingMta: nullableString,
    smtpCommand: nullableString,
    date: nullableString,
    blocklist: nullableString,
    feedbackType: nullableString,
    original: {
      type: 'object',
      properties: {
        messageId: nullableString,
        sender: nullableString,
        subject: nullableString,
        xHeaders: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    decoder: { type: 'string' },
    evidence: {
      type: 'object',
      properties: { rule: { type: 'string' }, matched: { type: 'string' } },
    },
  },
} as const;

export const bounceViewSchema = {
  $id: 'BounceView',
  type: 'object',
  properties: {
    id: { type: 'string' },
    receivedAt: { type: 'string' },
    recipient: { type: 'string' },
    reason: reasonEnum,
    kind: { type: 'string', enum: KINDS },
    status: nullableString,
    diagnosticCode: nullableString,
    decoder: { type: 'string' },
    messageId: nullableString,
  },
} as const;

export const statsRowSchema = {
  $id: 'StatsRow',
  type: 'object',
  properties: {
    key: { type: 'string' },
    sent: { type: 'integer' },
    delivered: { type: 'integer' },
    deferred: { type: 'integer' },
    bounced: {
      type: 'object',
      properties: Object.fromEntries(KINDS.map((kind) => [kind, { type: 'integer' }])),
    },
    complaints: { type: 'integer' },
    bounceRate: { type: 'number' },
    complaintRate: { type: 'number' },
  },
} as const;

/** Registered once with app.addSchema so that routes and the OpenAPI document refer to them by name. */
export const SHARED_SCHEMAS = [
  problemSchema,
  addressViewSchema,
  historyEntrySchema,
  addressDetailSchema,
  verdictSchema,
  bounceViewSchema,
  statsRowSchema,
] as const;

export const addressParam = {
  type: 'object',
  required: ['address'],
  properties: { address: { type: 'string', minLength: 3, maxLength: MAX_ADDRESS_LENGTH } },
} as const;

export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: 100 },
  cursor: { type: 'string', maxLength: 200 },
} as const;

export function pageOf(itemRef: string) {
  return {
    type: 'object',
    required: ['items', 'next'],
    properties: { items: { type: 'array', items: { $ref: `${itemRef}#` } }, next: nullableString },
  } as const;
}

/** An error response: problem details under their own media type (RFC 9457 section 3). */
export const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
} as const;

/** The error responses every authenticated route may give, added to each route's own. */
export const problemResponses = { 400: problem, 401: problem, 404: problem, 500: problem } as const;
