import type { AccountRow, AddressRow, ApiKeyRow, BounceRow, EventRow } from '../store.js';

/** SQLite hands back integers for ids and text for JSON: shape them as the Store's rows. */
type Raw = Record<string, unknown>;

export function addressRow(r: Raw): AddressRow {
  return r as unknown as AddressRow;
}

export function eventRow(r: Raw): EventRow {
  return {
    ...(r as unknown as EventRow),
    id: String(r.id),
    bounceId: r.bounceId === null ? null : String(r.bounceId),
    data: JSON.parse(r.data as string),
  };
}

export function bounceRow(r: Raw): BounceRow {
  return { ...(r as unknown as BounceRow), id: String(r.id), verdicts: JSON.parse(r.verdicts as string) };
}

export function accountRow(r: Raw): AccountRow {
  return { ...(r as unknown as AccountRow), settings: JSON.parse(r.settings as string) };
}

export function apiKeyRow(r: Raw): ApiKeyRow {
  return r as unknown as ApiKeyRow;
}
