import { describe, expect, it } from 'vitest';
import { errorMessage, parseRetryAfter } from './http.ts';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 22, 1, 0, 0);
  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('60', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 01:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 00:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it("reads every provider's error shape", () => {
    expect(errorMessage({ error: { code: 'QuotaExceededError', message: 'Quota exceeded' } }, 429)).toBe(
      'HTTP 429: QuotaExceededError Quota exceeded',
    );
    expect(errorMessage({ errors: [{ detail: 'Daily rate limit exceeded', status: 429 }] }, 429)).toBe(
      'HTTP 429: Daily rate limit exceeded',
    );
    expect(errorMessage({ detail: 'Request was throttled.' }, 429)).toBe('HTTP 429: Request was throttled.');
    expect(errorMessage({ error: 'Not found.' }, 404)).toBe('HTTP 404: Not found.');
    expect(errorMessage(undefined, 502)).toBe('HTTP 502');
  });
});
