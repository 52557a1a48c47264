import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it("spaces VirusTotal's free tier at 4 calls a minute after the burst", () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 4 }, () => now);
    for (let i = 0; i < 4; i++) {
      expect(limiter.waitMs()).toBe(0);
      limiter.take();
    }
    expect(limiter.waitMs()).toBe(15_000);
    now += 15_000;
    expect(limiter.waitMs()).toBe(0);
  });
});

describe('pauseFor', () => {
  it("holds every token for the provider's Retry-After, then refills as usual", () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 60, burst: 5 }, () => now);
    limiter.pauseFor(30_000);
    expect(limiter.waitMs()).toBe(30_000);
    now += 30_000;
    expect(limiter.waitMs()).toBe(0);
  });
});

describe('createCircuitBreaker', () => {
  it('opens after consecutive failures, lets one trial through after the cooldown, closes on success', () => {
    let now = 0;
    const b = createCircuitBreaker({ failures: 3, cooldownMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) b.failure();
    expect(b.state()).toBe('open');
    expect(b.allow()).toBe(false);
    now = 1000;
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.success();
    expect(b.state()).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('re-opens when the half-open trial fails, and opens at once on a fatal (auth) failure', () => {
    let now = 0;
    const b = createCircuitBreaker({ failures: 5, cooldownMs: 1000 }, () => now);
    b.failure({ fatal: true });
    expect(b.state()).toBe('open');
    now = 1000;
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state()).toBe('open');
  });
});
