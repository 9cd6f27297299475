/**
 * Schemas of the unblock-request and policy-settings routes, registered with the shared ones so that
 * the OpenAPI document names them. Every field of a view is listed: the serialiser drops the others.
 */
import { REASON_NAMES } from '../classify/reasons.js';
import { policySettingsSchema } from './routes/policy-settings.js';
import { ADDRESS_STATUSES, KINDS } from './schemas.js';

export const UNBLOCK_STATES = ['pending', 'approved', 'denied'] as const;

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;
const nullableKind = { type: ['string', 'null'], enum: [...KINDS, null] } as const;
const nullableReason = { type: ['string', 'null'], enum: [...REASON_NAMES, null] } as const;

const domainCheck = {
  type: 'object',
  description: 'Whether the domain takes mail: MX, else its A/AAAA (implicit MX); a null MX means no mail',
  properties: {
    domain: text,
    status: { type: 'string', enum: ['mail', 'no-mail', 'unknown'] },
    source: { type: 'string', enum: ['mx', 'implicit-mx', 'null-mx', 'nxdomain', 'no-records', 'dns-error'] },
    hosts: { type: 'array', items: text },
    detail: text,
  },
} as const;

const blockCheck = {
  type: 'object',
  description: 'What blocked the address and its unblock record, when the request was made',
  properties: {
    status: { type: 'string', enum: ADDRESS_STATUSES },
    reason: { type: ['string', 'null'], enum: [...REASON_NAMES, 'complaint', 'admin', null] },
    kind: nullableKind,
    verdictReason: nullableReason,
    smtpStatus: nullableText,
    diagnosticCode: nullableText,
    blockedAt: nullableText,
    ageDays: nullableInteger,
    eventId: nullableText,
    complaint: { type: 'boolean' },
    unblocks: { type: 'integer' },
    maxUnblocks: { type: 'integer' },
  },
} as const;

const probeCheck = {
  type: 'object',
  description: 'The RCPT probe (EHLO, MAIL FROM:<>, RCPT TO, QUIT; no message), when the account enables it',
  properties: {
    ran: { type: 'boolean' },
    why: text,
    whyCode: {
      type: 'string',
      enum: ['probe-off', 'no-host'],
      description: 'Why it did not run, as a code (absent on requests made before it existed)',
    },
    host: text,
    outcome: { type: 'string', enum: ['accepted', 'rejected', 'deferred', 'refused', 'failed'] },
    code: nullableInteger,
    reply: text,
    reason: nullableReason,
    kind: nullableKind,
  },
} as const;

export const unblockRequestSchema = {
  $id: 'UnblockRequest',
  type: 'object',
  required: [
    'id',
    'address',
    'reason',
    'state',
    'requestedBy',
    'createdAt',
    'checks',
    'decision',
    'audit',
    'explanation',
  ],
  properties: {
    id: text,
    address: text,
    reason: { type: 'string', description: "The requester's words" },
    state: { type: 'string', enum: UNBLOCK_STATES },
    requestedBy: text,
    createdAt: text,
    checks: {
      type: 'object',
      properties: {
        checkedAt: text,
        syntax: { type: 'object', properties: { ok: { type: 'boolean' }, address: text } },
        domain: domainCheck,
        block: blockCheck,
        probe: probeCheck,
      },
    },
    decision: {
      type: ['object', 'null'],
      properties: {
        state: { type: 'string', enum: ['approved', 'denied'] },
        at: text,
        by: { type: 'string', description: '`key:ID` of the admin, or `rebound` for an automatic decision' },
        note: text,
        consent: nullableText,
        automatic: { type: 'boolean' },
      },
    },
    audit: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: text,
          actor: text,
          action: { type: 'string', enum: ['requested', 'approved', 'denied'] },
          note: text,
        },
      },
    },
    explanation: text,
  },
} as const;

export const UNBLOCK_SCHEMAS = [unblockRequestSchema, policySettingsSchema] as const;
