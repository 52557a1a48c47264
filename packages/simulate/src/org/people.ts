import type { Random } from '../random.ts';
import { iamId } from './aws.ts';
import { type ClientProfile, clientProfile } from './clients.ts';
import { hostCount, hostIn } from './ip.ts';
import { type Isp, LOCATIONS, type Location } from './places.ts';

export type HumanRole = 'engineer' | 'admin' | 'analyst' | 'security';

export interface Human {
  /** `maya.okafor`: IAM user name and mail local part. */
  key: string;
  display: string;
  given: string;
  family: string;
  upn: string;
  role: HumanRole;
  location: Location;
  /** Days a week in the office; 0 for staff without an office in their city. */
  officeDays: number;
  isp: Isp;
  /** Home addresses: the ISP hands out a new one now and then. */
  homeIps: readonly string[];
  /** Share of remote days spent on the corporate VPN. */
  vpnShare: number;
  /** Local hour the working day starts, and its length in hours. */
  startHour: number;
  workHours: number;
  clouds: { aws: boolean; azure: boolean; gcp: boolean };
  terraform: boolean;
  devBox: boolean;
  client: ClientProfile;
  aws: { principalId: string; accessKeyId: string };
  entraId: string;
  /** Fraction of the simulated range at which the person joins or leaves, when they do. */
  joinsAt?: number;
  leavesAt?: number;
}

/** Made-up name parts, combined at random: no real person is described. */
const GIVEN = `
  Maya Liam Priya Jonas Amara Diego Hana Tomasz Leila Marcus Ines Kenji Sofia Arjun Clara Mateo Aisha
  Noah Freya Ravi Elena Oskar Zara Felix Nadia Samuel Yara Lukas Meera Theo Lucia Omar Ingrid Kofi
  Beatriz Anil Greta Julian Rosa Victor Anya Hugo Mira Ethan Leona
`
  .trim()
  .split(/\s+/);
const FAMILY = `
  Okafor Brennan Raman Keller Nwosu Alvarez Sato Nowak Haddad Lindqvist Moreau Tanaka Rossi Iyer
  Fischer Costa Mensah Walsh Berg Kapoor Petrova Hansen Qureshi Vogel Farouk Osei Duarte Novak Menon
  Byrne Silva Karim Holm Adeyemi Pires Reddy Schulz Marsh Ortega Lund Ivanova Dubois Kaur Fleming
  Strand
`
  .trim()
  .split(/\s+/);

const LOCATION_WEIGHTS = [12, 8, 6, 6, 3, 2, 3];
/** New York, London, Bengaluru: admins cover three time zones. */
const ADMIN_LOCATIONS = [0, 1, 3, 0, 1, 3];

interface Spec {
  role: HumanRole;
  joinsAt?: number;
  leavesAt?: number;
}

const SPECS: Spec[] = [
  ...Array.from({ length: 6 }, () => ({ role: 'admin' as const })),
  ...Array.from({ length: 22 }, () => ({ role: 'engineer' as const })),
  ...Array.from({ length: 8 }, () => ({ role: 'analyst' as const })),
  ...Array.from({ length: 4 }, () => ({ role: 'security' as const })),
  { role: 'engineer', joinsAt: 0.2 },
  { role: 'analyst', joinsAt: 0.55 },
];

function uniqueName(rng: Random, taken: Set<string>): [string, string] {
  for (;;) {
    const given = rng.pick(GIVEN);
    const family = rng.pick(FAMILY);
    const key = `${given}.${family}`.toLowerCase();
    if (!taken.has(key)) {
      taken.add(key);
      return [given, family];
    }
  }
}

function cloudsFor(rng: Random, role: HumanRole): Human['clouds'] {
  switch (role) {
    case 'admin':
      return { aws: true, azure: rng.chance(0.7), gcp: rng.chance(0.5) };
    case 'engineer':
      return { aws: true, azure: rng.chance(0.2), gcp: rng.chance(0.3) };
    case 'analyst':
      return { aws: rng.chance(0.5), azure: false, gcp: true };
    case 'security':
      return { aws: true, azure: true, gcp: true };
  }
}

/**
 * The people of the organisation: 40 staff plus two who join during the simulated range; one
 * engineer leaves. Admins are spread over three time zones, as platform teams following the
 * sun are.
 */
export function buildPeople(rng: Random, domain: string): Human[] {
  const taken = new Set<string>();
  const people: Human[] = [];
  let leaverChosen = false;
  for (const spec of SPECS) {
    const [given, family] = uniqueName(rng, taken);
    const key = `${given}.${family}`.toLowerCase();
    const location =
      spec.role === 'admin'
        ? LOCATIONS[ADMIN_LOCATIONS[people.length % ADMIN_LOCATIONS.length]!]!
        : rng.weighted(LOCATIONS.map((l, i) => [l, LOCATION_WEIGHTS[i]!] as const));
    const isp = rng.pick(location.isps);
    const homeIps = [rng.int(0, hostCount(isp.cidr) - 1), rng.int(0, hostCount(isp.cidr) - 1)].map((i) =>
      hostIn(isp.cidr, i),
    );
    const late = location.city.zone === 'Asia/Kolkata' ? 0.8 : 0;
    const role = spec.role;
    const human: Human = {
      key,
      given,
      family,
      display: `${given} ${family}`,
      upn: `${key}@${domain}`,
      role,
      location,
      officeDays: location.office === undefined ? 0 : rng.int(2, 4),
      isp,
      homeIps,
      vpnShare: rng.between(0.1, 0.5),
      startHour: Math.min(10.5, Math.max(7, rng.normal(8.7 + late, 0.6))),
      workHours: Math.min(10, Math.max(7, rng.normal(8.5, 0.6))),
      clouds: cloudsFor(rng, role),
      terraform: role === 'admin' || (role === 'engineer' && rng.chance(0.2)),
      devBox: role === 'engineer' && rng.chance(0.25),
      client: clientProfile(rng),
      aws: { principalId: iamId(rng, 'AIDA'), accessKeyId: iamId(rng, 'AKIA', 16) },
      entraId: rng.uuid(),
    };
    if (spec.joinsAt !== undefined) human.joinsAt = spec.joinsAt;
    if (!leaverChosen && role === 'engineer' && location.office !== undefined && people.length > 12) {
      human.leavesAt = 0.4;
      leaverChosen = true;
    }
    people.push(human);
  }
  return people;
}
