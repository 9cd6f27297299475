import type { AccountRow, AddressRow, ApiKeyRow, BounceRow, EventRow } from '../store.js';

/** pg returns bigint as text and counts as text: shape rows as the Store's types. */
type Raw = Record<string, unknown>;

export function eventRow(r: Raw): EventRow {
  return {
    ...(r as unknown as EventRow),
    id: String(r.id),
    bounceId: r.bounceId === null ? null : String(r.bounceId),
  };
}

export function bounceRow(r: Raw): BounceRow {
  return { ...(r as unknown as BounceRow), id: String(r.id) };
}

export const addressRow = (r: Raw): AddressRow => r as unknown as AddressRow;
export const accountRow = (r: Raw): AccountRow => r as unknown as AccountRow;
export const apiKeyRow = (r: Raw): ApiKeyRow => r as unknown as ApiKeyRow;
