/**
 * Token buckets per account and receiving domain: the relay sends to one domain at most `perMinute` a
 * minute, `burst` at once after a quiet spell, so a campaign does not hit gmail.com with 50,000 mails in a
 * minute (which receivers answer with deferrals and a worse reputation). A recipient without a token waits
 * in the spool for one; nothing fails because of a limit. In memory: the spool lock makes this process the
 * only sender of its spool. Pure apart from the clock passed in.
 */
import type { RateLimit } from '../settings/sending.js';

interface Bucket {
  tokens: number;
  at: number;
  limit: RateLimit;
}

/** Buckets idle this long are full again anyway: forgetting them bounds the memory. */
const FORGET_AFTER_MS = 10 * 60_000;

export class DomainRates {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * Takes a token to send to `domain`: 0 when taken (or no limit applies), else the milliseconds until
   * one will be there. `limits` are the account's: the domain's own, else `*`.
   */
  take(accountId: string, domain: string, limits: Readonly<Record<string, RateLimit>>, now: number): number {
    const limit = limits[domain] ?? limits['*'];
    if (limit === undefined) return 0;
    const key = `${accountId} ${domain}`;
    const bucket = this.refilled(key, limit, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMs(limit));
  }

  private refilled(key: string, limit: RateLimit, now: number): Bucket {
    const known = this.buckets.get(key);
    if (
      known === undefined ||
      known.limit.perMinute !== limit.perMinute ||
      known.limit.burst !== limit.burst
    ) {
      if (this.buckets.size > 10_000) this.forgetIdle(now);
      // A new or changed limit starts full at its own size (a lowered burst is not exceeded).
      const bucket = { tokens: Math.min(limit.burst, known?.tokens ?? limit.burst), at: now, limit };
      this.buckets.set(key, bucket);
      return bucket;
    }
    known.tokens = Math.min(limit.burst, known.tokens + (now - known.at) * perMs(limit));
    known.at = now;
    return known;
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) if (now - bucket.at > FORGET_AFTER_MS) this.buckets.delete(key);
  }
}

function perMs(limit: RateLimit): number {
  return limit.perMinute / 60_000;
}
