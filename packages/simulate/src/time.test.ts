import { describe, expect, it } from 'vitest';
import { consoleDate, HOUR, isoFraction, isoSeconds, localMidnight, zoneOffsetMinutes } from './time.ts';

describe('time', () => {
  it('formats times as CloudTrail, Azure and STS print them', () => {
    // Prepare
    const t = Date.parse('2026-10-01T09:05:04.321Z');
    // Assess
    expect(isoSeconds(t)).toBe('2026-10-01T09:05:04Z');
    expect(isoFraction(t, '1234')).toBe('2026-10-01T09:05:04.3211234Z');
    expect(consoleDate(t)).toBe('Oct 1, 2026, 9:05:04 AM');
    expect(consoleDate(Date.parse('2026-10-01T00:15:00Z'))).toBe('Oct 1, 2026, 12:15:00 AM');
  });

  it('follows daylight saving time: Europe changes on 25 October 2026, New York on 1 November', () => {
    // Assess
    expect(zoneOffsetMinutes('Europe/Berlin', Date.parse('2026-10-20T12:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.parse('2026-10-27T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('America/New_York', Date.parse('2026-10-27T12:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('Asia/Kolkata', Date.parse('2026-10-27T12:00:00Z'))).toBe(330);
  });

  it('finds local midnight of a calendar date', () => {
    // Prepare
    const day = Date.parse('2026-10-01T00:00:00Z');
    // Assess
    expect(localMidnight('America/New_York', day)).toBe(day + 4 * HOUR);
    expect(localMidnight('Asia/Kolkata', day)).toBe(day - 5.5 * HOUR);
    expect(localMidnight('UTC', day)).toBe(day);
  });
});
