import type { Logger } from "@marketable/logger";

import { systemClock, type Clock } from "../clock";
import { DailyLimitReached, HubSpotApiError, HubSpotAuthError, RetriesExhausted } from "../errors";
import type { PortalRateLimiter, RequestKind } from "../limiter/portalLimiter";
import type { TokenSource } from "../tokens/tokenSource";
import { backoffDelay, DEFAULT_RETRY_POLICY, rateLimitDelay, type RetryPolicy } from "./backoff";
import { AttemptTimeout, classify, type Failure } from "./failure";

/** Counters for progress reporting and benchmarks. */
export interface GatewayStats {
  /** HTTP requests sent (every attempt). */
  requests: number;
  /** Attempts after the first one of an operation. */
  retries: number;
  rateLimited: number;
  serverErrors: number;
  timeouts: number;
  networkErrors: number;
  unauthorized: number;
  /** Time spent waiting for the shared limiter. */
  limiterWaitMs: number;
  /** Time spent in backoff sleeps. */
  backoffMs: number;
}

export function emptyStats(): GatewayStats {
  return {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    serverErrors: 0,
    timeouts: 0,
    networkErrors: 0,
    unauthorized: 0,
    limiterWaitMs: 0,
    backoffMs: 0,
  };
}

export interface ExecutorOptions {
  limiter: PortalRateLimiter;
  tokens: TokenSource;
  policy?: Partial<RetryPolicy>;
  /** 429s tolerated per operation before giving up (they are waited out, not backed off). */
  maxRateLimitRetries?: number;
  clock?: Clock;
  log?: Logger;
  /** Sees the headers of every refused attempt (the gateway reads successes' from the SDK's `…WithHttpInfo` answers). */
  observeHeaders?: (headers: Record<string, string>) => void;
  /** Runs after every attempt, answered or not (the gateway writes the daily figures it saw). */
  afterAttempt?: () => Promise<void>;
}

/**
 * Runs one HubSpot operation: takes a limiter token before every attempt, retries transient
 * failures, refreshes the token once on 401, and turns everything else into typed errors.
 *
 * - 429 TEN_SECONDLY_ROLLING / SECONDLY: block the shared bucket (Retry-After, else a growing share of
 *   the window) so every process backs off, then retry.
 * - 429 DAILY: mark the day spent in the shared bucket and throw DailyLimitReached; no retry.
 * - 5xx, timeouts, dropped connections: exponential backoff with jitter, bounded attempts.
 * - 401: one refresh and retry; then HubSpotAuthError. Other 4xx: HubSpotApiError at once.
 */
export class RequestExecutor {
  readonly stats: GatewayStats = emptyStats();
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly maxRateLimitRetries: number;

  constructor(private readonly options: ExecutorOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    this.clock = options.clock ?? systemClock;
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? 20;
  }

  async run<T>(operation: string, kind: RequestKind, attempt: (accessToken: string) => Promise<T>): Promise<T> {
    const { limiter, tokens } = this.options;
    let token = await tokens.accessToken();
    let refreshed = false;
    let transient = 0;
    let rateLimited = 0;
    for (let n = 0; ; n++) {
      if (n > 0) this.stats.retries++;
      const before = limiter.stats.waitedMs;
      await limiter.acquire(kind);
      this.stats.limiterWaitMs += limiter.stats.waitedMs - before;
      this.stats.requests++;
      let failure: Failure;
      try {
        const result = await this.withTimeout(attempt(token));
        await this.options.afterAttempt?.();
        return result;
      } catch (error) {
        const classified = classify(error);
        if (!classified) throw error;
        failure = classified;
      }
      if (failure.kind === "status") this.options.observeHeaders?.(failure.headers);
      await this.options.afterAttempt?.();

      if (failure.kind === "status" && failure.status === 401) {
        this.stats.unauthorized++;
        const next = refreshed ? null : await tokens.afterUnauthorized(token);
        if (next) {
          refreshed = true;
          token = next;
          continue;
        }
        throw new HubSpotAuthError(`${operation}: HubSpot refused the credentials (${failure.body?.category ?? "401"})`, 401, failure.body);
      }

      if (failure.kind === "status" && failure.status === 429) {
        this.stats.rateLimited++;
        const policyName = failure.body?.policyName;
        if (policyName === "DAILY") {
          await limiter.exhaustToday();
          throw new DailyLimitReached(limiter.key, "hubspot");
        }
        rateLimited++;
        if (rateLimited > this.maxRateLimitRetries) throw new RetriesExhausted(operation, n + 1, failure.body?.message ?? "429");
        const delay = rateLimitDelay(failure.headers, rateLimited);
        this.options.log?.warn({ operation, policyName, delay, key: limiter.key }, "hubspot rate limited; backing off");
        // Blocking the shared bucket makes every process wait, not only this one; acquire() waits it out.
        await limiter.block(this.clock.now() + delay, policyName === "SECONDLY" ? "search" : "default");
        continue;
      }

      if (failure.kind === "status" && failure.status < 500) {
        throw new HubSpotApiError(
          `${operation}: ${failure.body?.message ?? `HTTP ${failure.status}`}`,
          failure.status,
          failure.body,
          operation,
        );
      }

      if (failure.kind === "timeout") this.stats.timeouts++;
      else if (failure.kind === "network") this.stats.networkErrors++;
      else this.stats.serverErrors++;
      transient++;
      if (transient >= this.policy.maxAttempts) {
        throw new RetriesExhausted(operation, n + 1, failure.kind === "status" ? `HTTP ${failure.status}` : failure.error);
      }
      const delay = backoffDelay(transient, this.policy);
      this.options.log?.warn(
        { operation, failure: failure.kind === "status" ? failure.status : failure.kind, delay },
        "hubspot transient failure; retrying",
      );
      this.stats.backoffMs += delay;
      await this.clock.sleep(delay);
    }
  }

  /** Bounds one attempt; the abandoned request is left to finish or fail on its own. */
  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.policy.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AttemptTimeout(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
