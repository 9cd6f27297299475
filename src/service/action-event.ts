import type { NewEvent } from '../store/store.js';

/**
 * A signal that comes from a decision rather than a mail (an admin's block or unblock, the block-expiry
 * sweep, a sender-incident repair): no verdict fields, only who decided and why, at the moment it was decided.
 */
export function actionEvent(
  accountId: string,
  address: string,
  type: 'admin-block' | 'admin-unblock' | 'block-expired' | 'expiry-held' | 'sender-repair',
  at: string,
  why: { actor: string; note: string },
  dedupeKey: string | null = null,
): NewEvent {
  return {
    accountId,
    address,
    type,
    at,
    receivedAt: at,
    reason: null,
    kind: null,
    status: null,
    diagnosticCode: null,
    bounceId: null,
    messageId: null,
    dedupeKey,
    data: { actor: why.actor, note: why.note },
  };
}
