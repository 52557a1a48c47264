/**
 * Where people work from. Coordinates are the public city centres; every address block is
 * documentation (RFC 5737) or benchmarking (RFC 2544, 198.18.0.0/15) space and every AS number
 * is documentation (RFC 5398) or private-use (RFC 6996), so nothing points at a real network.
 */
export interface City {
  name: string;
  state: string;
  country: string;
  zone: string;
  lat: number;
  long: number;
}

/** A consumer ISP: home addresses are drawn from its block. */
export interface Isp {
  name: string;
  cidr: string;
  asn: number;
}

export interface Office {
  name: string;
  city: City;
  /** Corporate NAT egress: every request from the office leaves from one of these hosts. */
  egressCidr: string;
  asn: number;
}

export interface Location {
  city: City;
  isps: readonly Isp[];
  office?: Office;
}

function city(name: string, state: string, country: string, zone: string, lat: number, long: number): City {
  return { name, state, country, zone, lat, long };
}

const NEW_YORK = city('New York', 'New York', 'US', 'America/New_York', 40.7128, -74.006);
const LONDON = city('London', 'England', 'GB', 'Europe/London', 51.5074, -0.1278);
const BERLIN = city('Berlin', 'Berlin', 'DE', 'Europe/Berlin', 52.52, 13.405);
const BENGALURU = city('Bengaluru', 'Karnataka', 'IN', 'Asia/Kolkata', 12.9716, 77.5946);
const AUSTIN = city('Austin', 'Texas', 'US', 'America/Chicago', 30.2672, -97.7431);
const DENVER = city('Denver', 'Colorado', 'US', 'America/Denver', 39.7392, -104.9903);
const LISBON = city('Lisbon', 'Lisboa', 'PT', 'Europe/Lisbon', 38.7223, -9.1393);

/** Remote staff reach the clouds through the corporate VPN some days; it egresses in us-east. */
export const VPN_EGRESS_CIDR = '198.51.100.128/28';
export const CORPORATE_ASN = 64500;

export const LOCATIONS: readonly Location[] = [
  {
    city: NEW_YORK,
    isps: [
      { name: 'Hudson Fiber', cidr: '198.18.8.0/21', asn: 64601 },
      { name: 'Empire Cable', cidr: '198.18.16.0/21', asn: 64602 },
    ],
    office: { name: 'New York HQ', city: NEW_YORK, egressCidr: '198.51.100.16/29', asn: CORPORATE_ASN },
  },
  {
    city: LONDON,
    isps: [{ name: 'Thames Broadband', cidr: '198.18.32.0/21', asn: 64611 }],
    office: { name: 'London', city: LONDON, egressCidr: '203.0.113.32/29', asn: CORPORATE_ASN },
  },
  {
    city: BERLIN,
    isps: [{ name: 'Spree Netz', cidr: '198.18.48.0/21', asn: 64621 }],
    office: { name: 'Berlin', city: BERLIN, egressCidr: '192.0.2.64/29', asn: CORPORATE_ASN },
  },
  {
    city: BENGALURU,
    isps: [{ name: 'Deccan Net', cidr: '198.18.64.0/21', asn: 64631 }],
    office: { name: 'Bengaluru', city: BENGALURU, egressCidr: '203.0.113.96/29', asn: CORPORATE_ASN },
  },
  { city: AUSTIN, isps: [{ name: 'Lonestar Fiber', cidr: '198.18.80.0/21', asn: 64641 }] },
  { city: DENVER, isps: [{ name: 'Front Range Cable', cidr: '198.18.112.0/21', asn: 64661 }] },
  { city: LISBON, isps: [{ name: 'Tejo Telecom', cidr: '198.18.96.0/21', asn: 64651 }] },
];

/** Addresses of parties outside the organisation (RFC 2544 space, split by use). */
export const INTERNET = {
  /** Customers of the web tier. */
  webClients: '198.19.0.0/17',
  /** Background scanners of the whole IPv4 space. */
  scanners: '198.19.128.0/18',
  /** GitHub-hosted Actions runners. */
  ciRunners: '198.19.224.0/20',
  /** Third-party APIs the apps call out to, and public NTP servers. */
  partners: '198.19.240.0/24',
  ntpServers: '198.19.241.0/28',
  /** Cloud providers' own hosts calling control planes (Azure Automation, Cloud Build workers). */
  azureHosts: '198.19.242.0/24',
  googleHosts: '198.19.243.0/24',
} as const;
