/**
 * An account's alert settings (GET/PUT /v1/settings/alerts): thresholds as fractions (0.05 = 5%), the
 * sliding window, the volume below which a rate is not judged, hysteresis, auto-pause and who is emailed.
 * Pure validation: errors are values naming the field; unknown fields are refused.
 */
export interface AlertSettings {
  /** The sliding window, in whole hours (counts are kept per hour). */
  windowHours: number;
  /** Sends in the window below which a scope's rates are not judged: 3 bounces out of 20 say little. */
  minSends: number;
  bounceWarn: number;
  bounceCritical: number;
  complaintWarn: number;
  complaintCritical: number;
  /** An open alert closes when the rate falls under warn x (1 - hysteresis): no flapping at the line. */
  hysteresis: number;
  /** A critical alert pauses sending for its scope until an admin resumes. */
  autoPause: boolean;
  /** Who is emailed when an alert opens, escalates or closes. */
  emails: string[];
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  windowHours: 24,
  minSends: 500,
  bounceWarn: 0.05,
  bounceCritical: 0.1,
  complaintWarn: 0.001,
  complaintCritical: 0.005,
  hysteresis: 0.1,
  autoPause: false,
  emails: [],
};

/** A week: counts older than this are never read. */
export const MAX_WINDOW_HOURS = 168;
const MAX_EMAILS = 20;

type Check = (value: unknown) => string | undefined;

const fraction: Check = (v) =>
  typeof v === 'number' && v > 0 && v <= 1 ? undefined : 'a number above 0 and at most 1 (0.05 = 5%)';
const CHECKS: Record<keyof AlertSettings, Check> = {
  windowHours: (v) =>
    Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_WINDOW_HOURS
      ? undefined
      : `an integer from 1 to ${MAX_WINDOW_HOURS}`,
  minSends: (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'an integer of at least 1'),
  bounceWarn: fraction,
  bounceCritical: fraction,
  complaintWarn: fraction,
  complaintCritical: fraction,
  hysteresis: (v) => (typeof v === 'number' && v >= 0 && v < 1 ? undefined : 'a number from 0 to below 1'),
  autoPause: (v) => (typeof v === 'boolean' ? undefined : 'true or false'),
  emails: (v) =>
    Array.isArray(v) &&
    v.length <= MAX_EMAILS &&
    v.every((e) => typeof e === 'string' && /^[^\s@]+@[^\s@]+$/.test(e))
      ? undefined
      : `a list of at most ${MAX_EMAILS} email addresses`,
};

export type AlertSettingsResult = { ok: true; settings: AlertSettings } | { ok: false; errors: string[] };

/** Reads a (partial) update over `base`. */
export function parseAlertSettings(
  input: unknown,
  base: AlertSettings = DEFAULT_ALERT_SETTINGS,
): AlertSettingsResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['alert settings must be a JSON object'] };
  }
  const errors: string[] = [];
  const merged: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(input)) {
    const check = CHECKS[name as keyof AlertSettings] as Check | undefined;
    if (check === undefined) {
      errors.push(`unknown setting "${name}" (known: ${Object.keys(CHECKS).join(', ')})`);
      continue;
    }
    const problem = check(value);
    if (problem === undefined) merged[name] = value;
    else errors.push(`${name} must be ${problem}, got ${JSON.stringify(value)?.slice(0, 60) ?? 'nothing'}`);
  }
  const s = merged as unknown as AlertSettings;
  if (s.bounceWarn >= s.bounceCritical) errors.push('bounceWarn must be below bounceCritical');
  if (s.complaintWarn >= s.complaintCritical) errors.push('complaintWarn must be below complaintCritical');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: s };
}
