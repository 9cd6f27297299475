import type { NewEvent } from '../store/store.js';

/** An admin's block or unblock as a signal event: audited in the address history like any other. */
export function adminEvent(
  action: { accountId: string; address: string; type: 'admin-block' | 'admin-unblock' },
  by: { actor: string; note: string },
  at: string,
  dedupeKey: string | null = null,
): NewEvent {
  return {
    ...action,
    at,
    receivedAt: at,
    reason: null,
    kind: null,
    status: null,
    diagnosticCode: null,
    bounceId: null,
    messageId: null,
    dedupeKey,
    data: by,
  };
}
