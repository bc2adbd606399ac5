export interface RetryPolicy {
  /** Attempts in total for transient failures (5xx, timeouts, dropped connections, 429 windows). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** One attempt's time budget; a slower answer counts as a timeout and is retried. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 250, maxDelayMs: 20_000, timeoutMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay fixed, half random, so
 * retries from many processes spread out but never collapse to zero.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * How long to stay away after a TEN_SECONDLY_ROLLING 429. Retry-After wins when HubSpot sends it.
 * Otherwise a rolling window frees up as old requests age out, so wait a tenth of the window,
 * doubling on consecutive 429s up to the whole window.
 */
export function rateLimitDelay(headers: Record<string, string>, consecutive429s: number): number {
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  const interval = Number(headers["x-hubspot-ratelimit-interval-milliseconds"]) || 10_000;
  return Math.min(interval, (interval / 10) * 2 ** Math.max(0, consecutive429s - 1));
}
