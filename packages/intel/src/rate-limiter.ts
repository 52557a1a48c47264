/**
 * A token bucket per provider: `perMinute` calls a minute with bursts of up to `burst`.
 * VirusTotal's public API allows 4 requests a minute; going past it only earns 429s.
 */
export interface RateLimit {
  perMinute: number;
  burst?: number;
}

export interface RateLimiter {
  /** Milliseconds until a token is free (0 when one is free now). */
  waitMs(): number;
  /** Takes a token; call only when `waitMs()` is 0. */
  take(): void;
  /** No token for `ms` (the provider's Retry-After): callers wait or give up instead of earning 429s. */
  pauseFor(ms: number): void;
}

export function createRateLimiter(limit: RateLimit, clock: () => number): RateLimiter {
  const capacity = Math.max(1, limit.burst ?? limit.perMinute);
  const msPerToken = 60_000 / limit.perMinute;
  let tokens = capacity;
  let updated = clock();
  const refill = () => {
    const now = clock();
    tokens = Math.min(capacity, tokens + (now - updated) / msPerToken);
    updated = now;
  };
  return {
    waitMs() {
      refill();
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) * msPerToken);
    },
    take() {
      refill();
      tokens -= 1;
    },
    pauseFor(ms) {
      refill();
      tokens = Math.min(tokens, 1 - ms / msPerToken);
    },
  };
}
