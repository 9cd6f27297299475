/**
 * Every address state change as an outbound event: `address.blocked`, `address.soft`, or
 * `address.unblocked` (back to active), with the policy's sentence. Read from the `state-changed` events
 * the service appends, so no path that moves a state can forget to tell. Pure.
 */
import type { EventRow } from '../store/store.js';
import type { GuardEvent, GuardEventType } from './notifications.js';

const TYPE_OF_STATUS: Record<string, GuardEventType> = {
  blocked: 'address.blocked',
  soft: 'address.soft',
  active: 'address.unblocked',
};

export function addressNotices(events: readonly EventRow[]): GuardEvent[] {
  return events.flatMap((e): GuardEvent[] => {
    const type = e.type === 'state-changed' ? TYPE_OF_STATUS[e.data.to ?? ''] : undefined;
    if (type === undefined) return [];
    return [
      {
        type,
        accountId: e.accountId,
        at: e.receivedAt,
        data: {
          address: e.address,
          from: e.data.from,
          to: e.data.to,
          reason: e.reason,
          kind: e.kind,
          explanation: e.data.explanation,
          eventAt: e.at,
          causedBy: e.data.causedBy,
          ...(e.data.actor === undefined ? {} : { actor: e.data.actor }),
        },
      },
    ];
  });
}
