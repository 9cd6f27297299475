import type { NewEvent } from '../../src/store/store.js';

/** An event to append, with what a test does not care about left empty; heard of when it happened. */
export function newEvent(
  fields: Pick<NewEvent, 'accountId' | 'address' | 'type' | 'at'> & Partial<NewEvent>,
): NewEvent {
  return {
    receivedAt: fields.at,
    reason: null,
    kind: null,
    status: null,
    diagnosticCode: null,
    bounceId: null,
    messageId: null,
    dedupeKey: null,
    data: {},
    ...fields,
  };
}
