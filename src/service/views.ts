import { sayState, stateMessage } from '../policy/explain.js';
import type { AddressState, PolicySettings, Signal } from '../policy/types.js';
import type { AddressRow, EventRow } from '../store/store.js';
import type { AddressView, BounceView, HistoryEntry } from './types.js';

/** Shapes store rows for the edges, and stored events for the policy. */

export function stateOf(row: AddressRow): AddressState {
  return {
    address: row.address,
    status: row.status,
    softBounces: row.softBounces,
    lastSoftAt: row.lastSoftAt,
    reason: row.reason,
    blockedAt: row.blockedAt,
    decidedBy: row.decidedBy,
    lastEventAt: row.lastEventAt,
    unblocks: row.unblocks,
  };
}

export function addressView(row: AddressRow, settings: PolicySettings): AddressView {
  const message = stateMessage(row, settings);
  return {
    address: row.address,
    state: row.status,
    status: row.status,
    softBounces: row.softBounces,
    reason: row.reason,
    blockedAt: row.blockedAt,
    explanation: row.explanation !== '' ? row.explanation : sayState(message),
    explanationCode: message.code,
    explanationParams: message.params,
  };
}

export function signalOf(event: EventRow): Signal {
  // State changes are the policy's output, never its input: the store leaves them out of signalEvents.
  if (event.type === 'state-changed')
    throw new TypeError(`event ${event.id} is a state change, not a signal`);
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    receivedAt: event.receivedAt,
    reason: event.reason ?? undefined,
    kind: event.kind ?? undefined,
    status: event.status ?? undefined,
    diagnosticCode: event.diagnosticCode ?? undefined,
    actor: event.data.actor,
    note: event.data.note,
  };
}

export function historyEntry(event: EventRow): HistoryEntry {
  const { data } = event;
  return {
    eventId: event.id,
    type: event.type,
    at: event.at,
    receivedAt: event.receivedAt,
    reason: event.reason,
    kind: event.kind,
    status: event.status,
    diagnosticCode: event.diagnosticCode,
    bounceId: event.bounceId,
    ...(data.from === undefined ? {} : { from: data.from }),
    ...(data.to === undefined ? {} : { to: data.to }),
    ...(data.explanation === undefined ? {} : { explanation: data.explanation }),
    ...(data.actor === undefined ? {} : { actor: data.actor }),
    ...(data.note === undefined ? {} : { note: data.note }),
    ...(data.spam === undefined ? {} : { spam: data.spam }),
  };
}

export function bounceView(event: EventRow): BounceView {
  return {
    id: event.bounceId ?? '',
    receivedAt: event.receivedAt,
    recipient: event.address,
    reason: event.reason ?? 'undefined',
    kind: event.kind ?? 'undetermined',
    status: event.status,
    diagnosticCode: event.diagnosticCode,
    decoder: event.data.decoder ?? '',
    messageId: event.messageId,
  };
}
