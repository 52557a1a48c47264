import { ProfileFormatError } from './errors.ts';

/** Decayed count, last seen and first seen (event time, epoch ms) of one value of a dimension. */
export type ValueStat = [count: number, last: number, first: number];

/**
 * What Vigil remembers about a principal, an account or a network interface: for each
 * dimension (action, service, region, ASN, country, user-agent family, error code, peer, port)
 * the values seen with decayed counts, plus when hours of the week are active and the usual
 * bytes sent. Plain JSON, so every store can keep it as is.
 */
export interface Profile {
  v: 1;
  key: string;
  first: number;
  last: number;
  dims: Record<string, Record<string, ValueStat>>;
  /** Decayed activity per hour of the week (Monday 00:00 UTC = 0), decayed at `howAt`. */
  how?: number[];
  howAt?: number;
  /** The busiest bin of `how`, kept so a lookup does not scan the week. */
  howMax?: number;
  /** Interfaces: decayed mean bytes sent to public peers per window, and windows seen. */
  bytes?: [mean: number, windows: number];
  /** Principals: running means of events and security-relevant calls per active hour, and hours seen. */
  hours?: [events: number, sensitive: number, hours: number];
}

/** About a week of active hours: slow enough that one unusual hour stands out. */
const HOURS_MEMORY = 168;

/** `log2((x + 1) / (usual + 1))`, clamped: how far above its usual level an hour is. */
export function aboveUsual(x: number, usual: number): number {
  return Math.max(0, Math.min(10, Math.log2((x + 1) / (usual + 1))));
}

/** Folds one closed hour into the principal's usual hourly levels. */
export function countHour(profile: Profile, events: number, sensitive: number): void {
  const [e, s, n] = profile.hours ?? [0, 0, 0];
  const k = Math.min(n + 1, HOURS_MEMORY);
  profile.hours = [e + (events - e) / k, s + (sensitive - s) / k, n + 1];
}

export const PROFILE_KIND = { principal: 'p', account: 'a', interface: 'i' } as const;

export function profileKey(kind: keyof typeof PROFILE_KIND, id: string): string {
  return `${PROFILE_KIND[kind]}:${id}`;
}

export function newProfile(key: string, time: number): Profile {
  return { v: 1, key, first: time, last: time, dims: {} };
}

/** `count` halved every `halfLifeMs` since `last`. */
export function decayed(count: number, last: number, now: number, halfLifeMs: number): number {
  return now <= last ? count : count * 2 ** (-(now - last) / halfLifeMs);
}

/**
 * Counts one occurrence of `value` and returns its stat as it was before (undefined: never
 * seen). Past `cap` values the one with the smallest decayed count is forgotten.
 */
export function countValue(
  profile: Profile,
  dim: string,
  value: string,
  time: number,
  halfLifeMs: number,
  cap: number,
): ValueStat | undefined {
  let values = profile.dims[dim];
  if (!values) {
    values = {};
    profile.dims[dim] = values;
  }
  const stat = values[value];
  if (stat) {
    const before: ValueStat = [stat[0], stat[1], stat[2]];
    stat[0] = decayed(stat[0], stat[1], time, halfLifeMs) + 1;
    if (time > stat[1]) stat[1] = time;
    if (time < stat[2]) stat[2] = time;
    return before;
  }
  values[value] = [1, time, time];
  if (Object.keys(values).length > cap) forgetWeakest(values, value, time, halfLifeMs);
  return undefined;
}

function forgetWeakest(
  values: Record<string, ValueStat>,
  keep: string,
  now: number,
  halfLifeMs: number,
): void {
  let weakest: string | undefined;
  let lowest = Number.POSITIVE_INFINITY;
  for (const [value, stat] of Object.entries(values)) {
    if (value === keep) continue;
    const c = decayed(stat[0], stat[1], now, halfLifeMs);
    if (c < lowest) {
      lowest = c;
      weakest = value;
    }
  }
  if (weakest !== undefined) delete values[weakest];
}

const HOUR = 3_600_000;
const WEEK_HOURS = 168;
/** 1970-01-01 was a Thursday: shift so that hour 0 of the week is Monday 00:00 UTC. */
const MONDAY_SHIFT = 3 * 24;

export function hourOfWeek(time: number): number {
  return (Math.floor(time / HOUR) + MONDAY_SHIFT) % WEEK_HOURS;
}

/**
 * How unusual this hour of the week is for the profile before counting it: 0 at its busiest
 * hour, 1 at an hour it has never been active. The histogram is decayed at most daily.
 */
export function countHourOfWeek(profile: Profile, time: number, halfLifeMs: number): number {
  let how = profile.how;
  if (!how) {
    how = new Array<number>(WEEK_HOURS).fill(0);
    profile.how = how;
    profile.howAt = time;
  }
  if (time - (profile.howAt ?? time) > 24 * HOUR) {
    const factor = 2 ** (-(time - profile.howAt!) / halfLifeMs);
    for (let i = 0; i < WEEK_HOURS; i++) how[i] = how[i]! * factor;
    profile.howAt = time;
    profile.howMax = (profile.howMax ?? 0) * factor;
  }
  const bin = hourOfWeek(time);
  const max = profile.howMax ?? 0;
  const rarity = max > 0 ? 1 - Math.min(1, how[bin]! / max) : 0;
  how[bin] = how[bin]! + 1;
  if (how[bin]! > max) profile.howMax = how[bin]!;
  return rarity;
}

/** Checks a stored profile's shape; stores call it on load so a corrupt item fails loudly. */
export function checkProfile(value: unknown, where: string): Profile {
  const p = value as Profile;
  if (
    typeof p !== 'object' ||
    p === null ||
    p.v !== 1 ||
    typeof p.key !== 'string' ||
    typeof p.first !== 'number' ||
    typeof p.last !== 'number' ||
    typeof p.dims !== 'object' ||
    p.dims === null
  )
    throw new ProfileFormatError(`${where}: not a version-1 profile (v, key, first, last, dims)`);
  return p;
}
