import { DEFAULT_SETTINGS, type PolicySettings } from './types.js';

/**
 * Validation of an account's policy settings (from JSON or a database row). Errors are values, one per
 * problem, each naming the field, what it must be and what was given; nothing here throws.
 */

export type SettingsResult = { ok: true; settings: PolicySettings } | { ok: false; errors: string[] };

/** Above this, "6 consecutive soft bounces" becomes "never block": almost surely a typo. */
export const MAX_SOFT_BOUNCE_RETRIES = 100;

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
  for (const name of Object.keys(fields)) {
    if (!Object.hasOwn(DEFAULT_SETTINGS, name)) {
      errors.push(`unknown setting "${name}" (known: ${Object.keys(DEFAULT_SETTINGS).join(', ')})`);
    }
  }
  const retries = fields.softBounceRetries;
  if (retries !== undefined && !isRetries(retries)) {
    errors.push(
      `softBounceRetries must be an integer from 0 to ${MAX_SOFT_BOUNCE_RETRIES} ` +
        `(soft bounces tolerated after the first), got ${describe(retries)}`,
    );
  }
  const complaints = fields.complaintsBlock;
  if (complaints !== undefined && typeof complaints !== 'boolean') {
    errors.push(`complaintsBlock must be true or false, got ${describe(complaints)}`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      softBounceRetries: isRetries(retries) ? retries : base.softBounceRetries,
      complaintsBlock: typeof complaints === 'boolean' ? complaints : base.complaintsBlock,
    },
  };
}

function isRetries(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_SOFT_BOUNCE_RETRIES;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
