import { STATE_CHANGED } from './columns.js';
import type { AddressFilter, BounceEventFilter } from './store.js';

/**
 * WHERE fragments for the filtered listings, shared by both dialects. `param(name)` renders a
 * placeholder (`@name` on SQLite, `$n` on PostgreSQL); values are always bound, never inlined.
 */
export function addressConditions(
  filter: AddressFilter,
  after: string | null,
  param: (name: string) => string,
): string {
  const parts = [`account_id = ${param('accountId')}`];
  if (filter.status !== undefined) parts.push(`status = ${param('status')}`);
  if (filter.reason !== undefined) parts.push(`reason = ${param('reason')}`);
  if (filter.domain !== undefined) parts.push(`domain = ${param('domain')}`);
  if (after !== null) parts.push(`address > ${param('after')}`);
  return parts.join(' AND ');
}

export function bounceConditions(
  filter: BounceEventFilter,
  after: string | null,
  param: (name: string) => string,
): string {
  // A state change keeps the bounce id of the mail that caused it, but it is not a verdict of that mail.
  const parts = [`account_id = ${param('accountId')}`, 'bounce_id IS NOT NULL', `type <> '${STATE_CHANGED}'`];
  if (filter.reason !== undefined) parts.push(`reason = ${param('reason')}`);
  if (filter.kind !== undefined) parts.push(`kind = ${param('kind')}`);
  if (filter.domain !== undefined) parts.push(`domain = ${param('domain')}`);
  if (filter.since !== undefined) parts.push(`received_at >= ${param('since')}`);
  if (filter.until !== undefined) parts.push(`received_at < ${param('until')}`);
  if (after !== null) parts.push(`id < ${param('after')}`);
  return parts.join(' AND ');
}

/** Only the defined values, so the bound parameters match the placeholders used. */
export function definedParams(
  values: Record<string, string | number | null | undefined>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}
