import { ReboundError } from '../errors.js';

/** A client's date or date-time as the canonical ISO 8601 UTC string the store compares, or a clear error. */
export function isoOrError(value: string, name: string): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t))
    throw new ReboundError('invalid_request', `${name} must be an ISO 8601 date or date-time.`);
  return new Date(t).toISOString();
}
