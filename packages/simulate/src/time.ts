export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-10-01T09:12:33Z`: CloudTrail's whole-second times. */
export function isoSeconds(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}Z`;
}

/** `2026-10-01T09:12:33.123Z`. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** An ISO time with more fractional digits than milliseconds (Azure writes 7, GCP 6): `extra` follows them. */
export function isoFraction(ms: number, extra: string): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${extra}Z`;
}

/** `Oct 1, 2026, 10:15:04 AM`: how STS and IAM responses in CloudTrail print dates (UTC). */
export function consoleDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hour12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Minutes `zone` is ahead of UTC at `ms` (New York in October: -240), from the IANA data that
 * ships with Node, so daylight saving time shifts working hours as it does for people.
 */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const key = `${zone}|${Math.floor(ms / HOUR)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  const offset = Math.round((local - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
  offsets.set(key, offset);
  return offset;
}

/** UTC instant of local midnight in `zone` on the calendar date of `utcDayStart`. */
export function localMidnight(zone: string, utcDayStart: number): number {
  return utcDayStart - zoneOffsetMinutes(zone, utcDayStart + 12 * HOUR) * MINUTE;
}
