/**
 * Stops calling a provider that keeps failing: after `failures` consecutive failures the
 * breaker opens for `cooldownMs`; then one trial call is let through (half-open), and its
 * result closes or re-opens it. A rejected key opens it at once: retrying cannot help.
 */
export interface BreakerPolicy {
  failures: number;
  cooldownMs: number;
}

export const DEFAULT_BREAKER_POLICY: BreakerPolicy = { failures: 5, cooldownMs: 60_000 };

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreaker {
  /** True when a call may go out now; in half-open state only the first caller gets true. */
  allow(): boolean;
  success(): void;
  failure(opts?: { fatal?: boolean }): void;
  state(): BreakerState;
}

export function createCircuitBreaker(policy: BreakerPolicy, clock: () => number): CircuitBreaker {
  let consecutive = 0;
  let openUntil = 0;
  let trialOut = false;
  const current = (): BreakerState =>
    openUntil === 0 ? 'closed' : clock() < openUntil ? 'open' : 'half-open';
  return {
    allow() {
      const s = current();
      if (s === 'closed') return true;
      if (s === 'open' || trialOut) return false;
      trialOut = true;
      return true;
    },
    success() {
      consecutive = 0;
      openUntil = 0;
      trialOut = false;
    },
    failure(opts) {
      consecutive++;
      trialOut = false;
      if (opts?.fatal || consecutive >= policy.failures || current() === 'half-open')
        openUntil = clock() + policy.cooldownMs;
    },
    state: current,
  };
}
