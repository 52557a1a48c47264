import { CORPORATE_ASN, INTERNET, LOCATIONS, VPN_EGRESS_CIDR } from '../org/places.ts';

/** A block of the simulated internet and who announces it (made up, like every address here). */
export interface SimulatedNetwork {
  cidr: string;
  asn: number;
  asnName: string;
  country: string;
}

/**
 * Hosting providers attackers rent machines from: the "new network" of a stolen credential.
 * Benchmarking space (RFC 2544) and private-use AS numbers (RFC 6996), like the rest of the org.
 */
export const ATTACKER_NETWORKS: readonly SimulatedNetwork[] = [
  { cidr: '198.18.192.0/20', asn: 4_200_000_101, asnName: 'Nimbus VPS', country: 'NL' },
  { cidr: '198.18.208.0/20', asn: 4_200_000_102, asnName: 'Stratocast Hosting', country: 'SG' },
  { cidr: '198.18.224.0/20', asn: 4_200_000_103, asnName: 'Cirrus Compute', country: 'BR' },
  { cidr: '198.18.240.0/20', asn: 4_200_000_104, asnName: 'Halo Dedicated', country: 'RO' },
];

/**
 * Every network the simulator's addresses come from, with the AS and country a public IP
 * database would give them if they were real. Vigil's features layer this table over the
 * public database for simulated data, since no public database maps reserved space.
 */
export function simulatedNetworks(): SimulatedNetwork[] {
  const out: SimulatedNetwork[] = [
    // Documentation space the org's own public endpoints sit in (NAT gateways, the SIEM's egress).
    { cidr: '192.0.2.0/24', asn: CORPORATE_ASN, asnName: 'Kestrel Labs', country: 'US' },
    { cidr: '198.51.100.0/24', asn: CORPORATE_ASN, asnName: 'Kestrel Labs', country: 'US' },
    { cidr: '203.0.113.0/24', asn: 64_510, asnName: 'Amazon Web Services (simulated)', country: 'US' },
    { cidr: VPN_EGRESS_CIDR, asn: CORPORATE_ASN, asnName: 'Kestrel Labs VPN', country: 'US' },
  ];
  for (const location of LOCATIONS) {
    for (const isp of location.isps)
      out.push({ cidr: isp.cidr, asn: isp.asn, asnName: isp.name, country: location.city.country });
    if (location.office)
      out.push({
        cidr: location.office.egressCidr,
        asn: CORPORATE_ASN,
        asnName: `Kestrel Labs ${location.office.name}`,
        country: location.city.country,
      });
  }
  out.push(
    { cidr: INTERNET.webClients, asn: 64_801, asnName: 'Customer ISPs', country: 'US' },
    { cidr: INTERNET.scanners, asn: 64_802, asnName: 'Scanning networks', country: 'CN' },
    { cidr: INTERNET.ciRunners, asn: 64_803, asnName: 'GitHub Actions runners (simulated)', country: 'US' },
    { cidr: INTERNET.partners, asn: 64_804, asnName: 'Partner APIs', country: 'US' },
    { cidr: INTERNET.ntpServers, asn: 64_805, asnName: 'Public NTP', country: 'US' },
    { cidr: INTERNET.azureHosts, asn: 64_806, asnName: 'Microsoft Azure (simulated)', country: 'US' },
    { cidr: INTERNET.googleHosts, asn: 64_807, asnName: 'Google Cloud (simulated)', country: 'US' },
    ...ATTACKER_NETWORKS,
  );
  return out;
}
