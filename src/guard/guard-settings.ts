/**
 * The sender guard's settings (GET/PUT /v1/settings/guard): what to watch, how to hold, when an incident
 * opens and closes. Validation returns every problem as a sentence naming the field; nothing throws.
 */
import { isIP } from 'node:net';

export type HoldMode = 'hold' | 'slow';

export interface GuardSettings {
  /** The IPs Rebound's mail leaves from: checked against the IP blocklists, and the sender of a rejection that names none. */
  sendingIps: string[];
  /** The domains mail is sent from: checked against the domain blocklists. */
  sendingDomains: string[];
  /** DNS blocklist zones queried for each sending IP. */
  ipZones: string[];
  /** DNS blocklist zones queried for each sending domain. */
  domainZones: string[];
  /** Minutes between scheduled checks; 0 turns the schedule off (checks on demand still run). */
  checkIntervalMinutes: number;
  /** `hold`: mail to the refusing domain waits; `slow`: it waits except one minute in every slowEveryMinutes. */
  holdMode: HoldMode;
  slowEveryMinutes: number;
  /** Sender rejections from one domain (for one sender) before an incident opens. */
  openThreshold: number;
  /** An incident closes after this many hours without a new rejection. */
  quietHours: number;
  /** Whether addresses blocked by rejections an incident shows to be sender-side are restored. */
  repair: boolean;
  /** Distinct recipients whose rejections must name the same list or IP before any repair. */
  repairMinRecipients: number;
  /** Only blocks this recent (before the incident's first rejection) are repaired. */
  repairLookbackDays: number;
}

export const DEFAULT_GUARD_SETTINGS: GuardSettings = {
  sendingIps: [],
  sendingDomains: [],
  ipZones: ['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org'],
  domainZones: ['dbl.spamhaus.org'],
  checkIntervalMinutes: 60,
  holdMode: 'hold',
  slowEveryMinutes: 15,
  openThreshold: 1,
  quietHours: 24,
  repair: true,
  repairMinRecipients: 2,
  repairLookbackDays: 7,
};

export type GuardSettingsResult = { ok: true; settings: GuardSettings } | { ok: false; errors: string[] };

type Check = (value: unknown) => string | undefined;

const integer =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? undefined
      : `must be an integer from ${min} to ${max}`;

const list =
  (valid: (item: string) => boolean, what: string): Check =>
  (v) =>
    Array.isArray(v) && v.length <= 100 && v.every((item) => typeof item === 'string' && valid(item))
      ? undefined
      : `must be a list of at most 100 ${what}`;

/** A lower-case host name of two labels or more, checked label by label (no backtracking pattern). */
function isDomain(name: string): boolean {
  const labels = name.split('.');
  if (name.length > 253 || labels.length < 2) return false;
  const top = labels.at(-1) ?? '';
  if (!/^[a-z]{2,63}$/.test(top)) return false;
  return labels.every(
    (label) =>
      label.length >= 1 &&
      label.length <= 63 &&
      !label.startsWith('-') &&
      !label.endsWith('-') &&
      /^[a-z0-9-]+$/.test(label),
  );
}

const CHECKS: Record<keyof GuardSettings, Check> = {
  sendingIps: list((s) => isIP(s) !== 0, 'IP addresses'),
  sendingDomains: list(isDomain, 'lower-case domain names'),
  ipZones: list(isDomain, 'DNS zone names'),
  domainZones: list(isDomain, 'DNS zone names'),
  checkIntervalMinutes: integer(0, 7 * 24 * 60),
  holdMode: (v) => (v === 'hold' || v === 'slow' ? undefined : 'must be "hold" or "slow"'),
  slowEveryMinutes: integer(2, 24 * 60),
  openThreshold: integer(1, 1000),
  quietHours: integer(1, 30 * 24),
  repair: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  repairMinRecipients: integer(1, 1000),
  repairLookbackDays: integer(0, 365),
};

/** Reads settings over `base`; unknown fields are refused so that a misspelt name is not ignored. */
export function parseGuardSettings(
  input: unknown,
  base: GuardSettings = DEFAULT_GUARD_SETTINGS,
): GuardSettingsResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['settings must be a JSON object'] };
  }
  const errors: string[] = [];
  const merged: Record<string, unknown> = { ...base };
  for (const [name, raw] of Object.entries(input)) {
    // Names are case-insensitive: compare and store them lower-case, each once.
    const value = Array.isArray(raw)
      ? [
          ...new Set(
            raw.map((item: unknown) => (typeof item === 'string' ? item.trim().toLowerCase() : item)),
          ),
        ]
      : raw;
    const check = Object.hasOwn(CHECKS, name) ? CHECKS[name as keyof GuardSettings] : undefined;
    if (check === undefined) {
      errors.push(`unknown setting "${name}" (known: ${Object.keys(CHECKS).join(', ')})`);
      continue;
    }
    const problem = check(value);
    if (problem !== undefined) errors.push(`${name} ${problem}, got ${JSON.stringify(value)?.slice(0, 60)}`);
    else merged[name] = value;
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, settings: merged as unknown as GuardSettings };
}
