import { REASONS, isReason, type Kind, type Reason } from '../classify/reasons.js';
import { classifySmtpReply } from '../classify/smtp-reply.js';
import { ReboundError } from '../errors.js';
import type { PolicySettings } from '../policy/types.js';
import type { NewEvent, Store } from '../store/store.js';
import { normaliseAddress } from './address.js';
import { recordSignals } from './apply-signals.js';
import { sendSignalKey } from './send-key.js';
import type { AddressView, EventInput } from './types.js';
import { addressView } from './views.js';

const TYPES: ReadonlySet<string> = new Set(['sent', 'delivered', 'deferred', 'bounced', 'complained']);

/**
 * Events from the CRM or a provider. All are validated before anything is written, so a bad one
 * rejects the batch and nothing is half-stored. One result per event, in order: the address's state
 * after the whole batch; `recorded` are the events as stored, for the service's observers.
 */
export async function ingestEvents(
  store: Store,
  accountId: string,
  inputs: EventInput[],
  settings: PolicySettings,
  now: Date = new Date(),
): Promise<{ results: AddressView[]; recorded: NewEvent[] }> {
  const receivedAt = now.toISOString();
  const events = inputs.map((input, i) => toEvent(accountId, input, i, receivedAt));
  if (events.length === 0) return { results: [], recorded: [] };
  const rows = await store.transaction((tx) => recordSignals(tx, accountId, events, settings));
  return {
    recorded: events,
    results: events.map((e) => {
      const row = rows.get(e.address);
      if (row === undefined) throw new Error(`address ${e.address} missing after ingest`);
      return addressView(row, settings);
    }),
  };
}

function toEvent(accountId: string, input: EventInput, index: number, receivedAt: string): NewEvent {
  const where = `events[${index}]`;
  if (typeof input !== 'object' || input === null) throw invalid(`${where} must be an object`);
  if (!TYPES.has(input.type)) throw invalid(`${where}.type must be one of ${[...TYPES].join(', ')}`);
  let address: string;
  try {
    address = normaliseAddress(input.recipient);
  } catch (err) {
    throw new ReboundError('invalid_address', `${where}.recipient: ${(err as Error).message}`);
  }
  const at = eventTime(input.at, receivedAt, where);
  const messageId = optionalText(input.messageId, `${where}.messageId`);
  const { reason, kind } = verdictOf(input, where);
  return {
    accountId,
    address,
    type: input.type,
    at,
    receivedAt,
    reason,
    kind,
    status: optionalText(input.status, `${where}.status`),
    diagnosticCode: optionalText(input.diagnosticCode, `${where}.diagnosticCode`),
    bounceId: null,
    messageId,
    // A bounce or complaint counts once per send, whatever path it came by; other events once per time.
    dedupeKey:
      sendSignalKey(input.type, kind, address, messageId) ??
      (messageId === null ? null : `event:${input.type}:${address}:${messageId}:${at}`),
    data: {
      replyCode: input.replyCode ?? null,
      ...(input.campaign === undefined ? {} : { campaign: campaignOf(input.campaign, where) }),
      ...(input.spam === undefined || input.type !== 'sent' ? {} : { spam: input.spam }),
    },
  };
}

/** A bounce's reason and kind: as given, else read from the reply or status like an SMTP-time rejection. */
function verdictOf(input: EventInput, where: string): { reason: Reason | null; kind: Kind | null } {
  if (input.reason !== undefined) {
    if (typeof input.reason !== 'string' || !isReason(input.reason))
      throw invalid(`${where}.reason is not a known reason`);
    return { reason: input.reason, kind: REASONS[input.reason].kind };
  }
  if (input.type === 'complained') return { reason: 'feedback', kind: 'complaint' };
  if (input.type !== 'bounced') return { reason: null, kind: null };
  if (
    input.replyCode !== undefined &&
    (!Number.isInteger(input.replyCode) || input.replyCode < 200 || input.replyCode > 599)
  ) {
    throw invalid(`${where}.replyCode must be an SMTP reply code (200-599)`);
  }
  const status = typeof input.status === 'string' ? input.status : '';
  const code = input.replyCode ?? (status.startsWith('4') ? 450 : 550);
  const v = classifySmtpReply(code, `${status} ${input.diagnosticCode ?? ''}`);
  return { reason: v.reason, kind: v.kind };
}

function eventTime(at: unknown, receivedAt: string, where: string): string {
  if (at === undefined || at === null) return receivedAt;
  const t = typeof at === 'string' ? Date.parse(at) : NaN;
  if (!Number.isFinite(t)) throw invalid(`${where}.at must be an ISO 8601 date-time`);
  return new Date(t).toISOString();
}

function optionalText(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > 2000)
    throw invalid(`${where} must be a string of at most 2000 characters`);
  return value;
}

function campaignOf(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200)
    throw invalid(`${where}.campaign must be a non-empty string of at most 200 characters`);
  return value.trim();
}

function invalid(message: string): ReboundError {
  return new ReboundError('invalid_request', `${message}.`);
}
