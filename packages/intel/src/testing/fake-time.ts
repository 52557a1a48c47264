/**
 * A clock and sleep that move together without real waiting: `sleep(ms)` advances the clock
 * by `ms` and resolves at once, so rate-limit and Retry-After paths run in no wall time.
 */
export function fakeTime(start = Date.UTC(2026, 10, 22)) {
  let now = start;
  const slept: number[] = [];
  return {
    clock: () => now,
    sleep(ms: number, signal: AbortSignal): Promise<void> {
      if (signal.aborted) return Promise.reject(signal.reason);
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
    advance(ms: number) {
      now += ms;
    },
    slept,
  };
}
