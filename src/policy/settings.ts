import { DEFAULT_SETTINGS, type PolicySettings } from './types.js';

/**
 * Validation of an account's policy settings (from JSON or a database row). Errors are values, one per
 * problem, each naming the field, what it must be and what was given; nothing here throws.
 */

export type SettingsResult = { ok: true; settings: PolicySettings } | { ok: false; errors: string[] };

/** Above this, "6 consecutive soft bounces" becomes "never block": almost surely a typo. */
export const MAX_SOFT_BOUNCE_RETRIES = 100;
/** Ten years: a longer period is "never", which is spelt null. */
export const MAX_DAYS = 3650;
/** More unblocks than this is no cap at all. */
export const MAX_UNBLOCKS_LIMIT = 1000;

/** One setting: whether a value is acceptable, and what it must be (for the error). */
interface FieldSpec {
  accepts(value: unknown): boolean;
  mustBe: string;
}

const integer = (min: number, max: number, unit: string): FieldSpec => ({
  accepts: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
  mustBe: `an integer from ${min} to ${max} (${unit})`,
});

const days = (what: string): FieldSpec => ({
  accepts: (v) => v === null || integer(1, MAX_DAYS, '').accepts(v),
  mustBe: `null (never) or an integer from 1 to ${MAX_DAYS} (days ${what})`,
});

const boolean: FieldSpec = { accepts: (v) => typeof v === 'boolean', mustBe: 'true or false' };

const FIELDS: { readonly [K in keyof PolicySettings]: FieldSpec } = {
  softBounceRetries: integer(0, MAX_SOFT_BOUNCE_RETRIES, 'soft bounces tolerated after the first'),
  complaintsBlock: boolean,
  softStreakExpiryDays: days('without a soft bounce after which a streak restarts'),
  hardBlockExpiryDays: days('after which a bounce block is re-verified and lifted'),
  maxUnblocks: integer(0, MAX_UNBLOCKS_LIMIT, 'unblocks allowed per address'),
  unblockProbe: boolean,
  autoApproveAfterDays: days('a hard-bounce block must be old for an unblock request to be approved alone'),
};

/**
 * Reads settings; a field left out keeps its value in `base` (the defaults, or the account's current
 * settings for a partial update). Unknown fields are refused so that a misspelt name is not ignored.
 */
export function parseSettings(input: unknown, base: PolicySettings = DEFAULT_SETTINGS): SettingsResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [`settings must be an object, got ${describe(input)}`] };
  }
  const fields = input as Record<string, unknown>;
  const errors: string[] = [];
  const settings: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(fields)) {
    const spec = Object.hasOwn(FIELDS, name) ? FIELDS[name as keyof PolicySettings] : undefined;
    if (spec === undefined) {
      errors.push(`unknown setting "${name}" (known: ${Object.keys(FIELDS).join(', ')})`);
    } else if (value !== undefined && !spec.accepts(value)) {
      errors.push(`${name} must be ${spec.mustBe}, got ${describe(value)}`);
    } else if (value !== undefined) {
      settings[name] = value;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: settings as unknown as PolicySettings };
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
