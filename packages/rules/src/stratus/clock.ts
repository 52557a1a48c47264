import { StratusReplayError } from './errors.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The replay's own time: starts at the given instant and only moves when told to. */
export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(start: string): Clock {
  let now = Date.parse(start);
  if (Number.isNaN(now) || !/(?:Z|[+-]\d\d:\d\d)$/.test(start))
    throw new StratusReplayError(`replay start must be an ISO-8601 time with a zone, got "${start}"`);
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** `2024-03-07T10:01:00Z`, as CloudTrail writes `eventTime`. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * An ISO time with more fractional digits than milliseconds (Azure writes 7, GCP 6 or 9):
 * `tail` supplies the digits below the millisecond.
 */
export function isoFraction(ms: number, tail: string, zone = 'Z'): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${tail}${zone}`;
}

/** `Mar 7, 2024, 11:01:00 AM`, the form CloudTrail gives dates inside responseElements. */
export function awsDisplayTime(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hour12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}
