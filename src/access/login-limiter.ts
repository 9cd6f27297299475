/**
 * Slows password guessing at the login: failed logins are counted per key (the client's IP, the email
 * tried) over a sliding window; a key with `maxFailures` failures in the window is refused until the
 * oldest of them leaves it. Only failures count, so people who type their password right are never held
 * up, and a success clears its email's count (not its IP's: one good account must not reset a sprayer).
 *
 * In memory, per process: a restart forgets, and several server processes each count their own share.
 * That still bounds guessing to a few tries a minute per process, which is what a login limit is for.
 */

export interface LoginLimit {
  /** Failures tolerated in the window; the next try is refused. */
  maxFailures: number;
  windowMs: number;
}

export interface LoginLimits {
  /** Per client IP: one machine trying many emails. */
  ip: LoginLimit;
  /** Per email: many machines trying one person's password. */
  email: LoginLimit;
}

export const LOGIN_LIMITS: LoginLimits = {
  ip: { maxFailures: 30, windowMs: 15 * 60_000 },
  email: { maxFailures: 10, windowMs: 15 * 60_000 },
};

/** Keys kept before a sweep drops the ones whose failures all left their window. */
const SWEEP_AT = 10_000;

export interface LoginAttempt {
  ip: string;
  /** Absent for a login with an API key, which is limited by IP only. */
  email?: string;
}

export class LoginLimiter {
  /** Failure times per key, oldest first, at most maxFailures of them. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until this attempt may be tried (rounded up), or 0 when it may be tried now. */
  retryAfter(attempt: LoginAttempt): number {
    const now = this.now();
    let wait = 0;
    for (const [key, limit] of this.keysOf(attempt)) {
      const times = this.recent(key, limit, now);
      if (times.length >= limit.maxFailures) wait = Math.max(wait, times[0]! + limit.windowMs - now);
    }
    return Math.ceil(wait / 1000);
  }

  failed(attempt: LoginAttempt): void {
    const now = this.now();
    if (this.failures.size >= SWEEP_AT) this.sweep(now);
    for (const [key, limit] of this.keysOf(attempt)) {
      const times = this.recent(key, limit, now);
      times.push(now);
      // Only the newest maxFailures matter: the oldest of them says when the key is free again.
      if (times.length > limit.maxFailures) times.shift();
      this.failures.set(key, times);
    }
  }

  succeeded(attempt: LoginAttempt): void {
    if (attempt.email !== undefined) this.failures.delete(emailKey(attempt.email));
  }

  private keysOf(attempt: LoginAttempt): [string, LoginLimit][] {
    const keys: [string, LoginLimit][] = [[`ip:${attempt.ip}`, this.limits.ip]];
    if (attempt.email !== undefined) keys.push([emailKey(attempt.email), this.limits.email]);
    return keys;
  }

  /** The key's failures still in the window. */
  private recent(key: string, limit: LoginLimit, now: number): number[] {
    const times = this.failures.get(key) ?? [];
    const from = times.findIndex((at) => at > now - limit.windowMs);
    return from === -1 ? [] : times.slice(from);
  }

  private sweep(now: number): void {
    const longest = Math.max(this.limits.ip.windowMs, this.limits.email.windowMs);
    for (const [key, times] of this.failures) {
      if ((times.at(-1) ?? 0) <= now - longest) this.failures.delete(key);
    }
  }
}

/** The email as the login reads it: case and surrounding spaces do not make another key. */
function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}
