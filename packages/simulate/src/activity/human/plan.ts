import type { SignInPlace } from '../../formats/azure-signin.ts';
import { hostIn } from '../../org/ip.ts';
import type { Human } from '../../org/people.ts';
import { CORPORATE_ASN, VPN_EGRESS_CIDR } from '../../org/places.ts';
import { hashString } from '../../random.ts';
import { HOUR, MINUTE } from '../../time.ts';
import { at, count, type Day, isWorkday } from '../day.ts';

export type Channel =
  | 'aws-console'
  | 'aws-cli'
  | 'terraform'
  | 'athena'
  | 'azure-portal'
  | 'azure-cli'
  | 'gcp-console'
  | 'gcloud'
  | 'bigquery';

/** Where the person connects from today: one address for the whole day. */
export interface Whereabouts {
  kind: 'office' | 'home' | 'vpn';
  ip: string;
  place: SignInPlace;
}

export interface WorkSession {
  start: number;
  end: number;
  channel: Channel;
}

export interface HumanPlan {
  where: Whereabouts;
  start: number;
  end: number;
  sessions: WorkSession[];
  /** A working day (false for the odd weekend or evening check). */
  workday: boolean;
}

function whereabouts(human: Human, day: Day): Whereabouts {
  const { rng } = day;
  const city = human.location.city;
  const office = human.location.office;
  const place = (asn: number, named: boolean): SignInPlace => ({
    city: city.name,
    state: city.state,
    countryOrRegion: city.country,
    lat: city.lat,
    long: city.long,
    asn,
    namedNetwork: named,
  });
  if (office !== undefined && isWorkday(day) && rng.chance(human.officeDays / 5))
    return { kind: 'office', ip: hostIn(office.egressCidr, rng.int(0, 5)), place: place(office.asn, true) };
  // The VPN concentrator is in us-east, so only US staff use it: it geolocates where they are.
  if (city.country === 'US' && rng.chance(human.vpnShare))
    return { kind: 'vpn', ip: hostIn(VPN_EGRESS_CIDR, rng.int(0, 13)), place: place(CORPORATE_ASN, true) };
  // Some home connections get a new address half-way through the range, as ISPs reassign them.
  const renumbered = hashString(human.key) % 3 === 0 && day.index >= day.days / 2;
  return { kind: 'home', ip: human.homeIps[renumbered ? 1 : 0]!, place: place(human.isp.asn, false) };
}

function channels(human: Human): (readonly [Channel, number])[] {
  const out: (readonly [Channel, number])[] = [];
  const { aws, azure, gcp } = human.clouds;
  const role = human.role;
  if (aws) {
    out.push(['aws-console', role === 'analyst' ? 1 : 4]);
    if (role !== 'analyst') out.push(['aws-cli', role === 'security' ? 1.5 : 3]);
    if (human.terraform) out.push(['terraform', 0.8]);
    if (role === 'analyst') out.push(['athena', 2]);
  }
  if (azure) {
    out.push(['azure-portal', role === 'admin' ? 1.5 : 1]);
    if (role !== 'security') out.push(['azure-cli', 0.7]);
  }
  if (gcp) {
    out.push(['gcp-console', role === 'analyst' ? 1 : 1.2]);
    if (role !== 'analyst') out.push(['gcloud', 1]);
    if (role === 'analyst') out.push(['bigquery', 4]);
  }
  return out;
}

const SESSIONS_PER_DAY: Record<Human['role'], number> = {
  engineer: 3.5,
  admin: 4,
  analyst: 3,
  security: 3.5,
};

function sessionsWithin(human: Human, day: Day, start: number, end: number, mean: number): WorkSession[] {
  const { rng } = day;
  const options = channels(human);
  if (options.length === 0) return [];
  const n = count(day, mean);
  const out: WorkSession[] = [];
  for (let i = 0; i < n; i++) {
    let s = rng.between(start, end - 15 * MINUTE);
    const lunch = day.midnight + 12.25 * HOUR;
    // People mostly step away at lunch: push a session that would start then to the afternoon.
    if (s > lunch && s < lunch + 45 * MINUTE && rng.chance(0.8)) s += 50 * MINUTE;
    const length = rng.between(6, 45) * MINUTE;
    out.push({
      start: Math.round(s),
      end: Math.round(Math.min(s + length, end + 30 * MINUTE)),
      channel: rng.weighted(options),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A person's day: off on weekends (bar a rare check-in) and on the odd day of leave, otherwise
 * a working window around their usual hours, a few sessions inside it and, now and then, an
 * evening look for those on call.
 */
export function planDay(human: Human, day: Day, mustWork = false): HumanPlan | undefined {
  const { rng } = day;
  const oncall = human.role === 'engineer' || human.role === 'admin';
  if (!isWorkday(day)) {
    if (!oncall || !rng.chance(0.06)) return undefined;
    const start = at(day, rng.between(10, 20));
    const where = whereabouts(human, day);
    return {
      where,
      start,
      end: start + HOUR,
      workday: false,
      sessions: sessionsWithin(human, day, start, start + HOUR, 1.3),
    };
  }
  if (rng.chance(0.04) && !mustWork) return undefined;
  const start = at(day, human.startHour + rng.normal(0, 0.3));
  const end = start + Math.round((human.workHours + rng.normal(0, 0.4)) * HOUR);
  const sessions = sessionsWithin(human, day, start, end, SESSIONS_PER_DAY[human.role]);
  if (oncall && rng.chance(0.07)) {
    const evening = at(day, rng.between(20, 22));
    sessions.push(...sessionsWithin(human, day, evening, evening + 40 * MINUTE, 1));
    sessions.sort((a, b) => a.start - b.start);
  }
  return { where: whereabouts(human, day), start, end, sessions, workday: true };
}
