/** When a failed webhook delivery is tried again: exponential backoff with jitter, up to a number of attempts. */
export interface WebhookRetry {
  /** Wait after the first failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Attempts in all, the first included; then the delivery is marked failed and the next one goes. */
  maxAttempts: number;
  /** Each wait is spread by up to this fraction either way, so receivers coming back are not stampeded. */
  jitter: number;
}

/** 30 s, 1 min, 2 min ... capped at 6 h: 15 attempts span about a day and a half. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetry = {
  firstDelayMs: 30_000,
  maxDelayMs: 6 * 3600_000,
  maxAttempts: 15,
  jitter: 0.2,
};

/** The wait after `attempts` failed attempts (1 = the first failed). random() in [0, 1). */
export function retryDelayMs(policy: WebhookRetry, attempts: number, random: () => number): number {
  const base = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (1 + policy.jitter * (2 * random() - 1)));
}
