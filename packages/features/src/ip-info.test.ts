import { describe, expect, it } from 'vitest';
import { IpDatabaseError } from './errors.ts';
import { createIpLookup, ipv4ToInt, parseRangeCsv } from './ip-info.ts';
import { userAgentFamily } from './user-agent.ts';

const ASN_CSV = [
  '16777216,16777471,13335,"Cloudflare, Inc."',
  `${ipv4ToInt('8.8.8.0')},${ipv4ToInt('8.8.8.255')},15169,Google LLC`,
  `${ipv4ToInt('104.131.0.0')},${ipv4ToInt('104.131.255.255')},14061,DigitalOcean LLC`,
].join('\n');
const COUNTRY_CSV = [
  `${ipv4ToInt('8.8.8.0')},${ipv4ToInt('8.8.8.255')},US`,
  `${ipv4ToInt('104.131.0.0')},${ipv4ToInt('104.131.127.255')},US`,
  `${ipv4ToInt('104.131.128.0')},${ipv4ToInt('104.131.255.255')},NL`,
].join('\n');

describe('IP → ASN and country', () => {
  const db = { asn: parseRangeCsv(ASN_CSV, true), country: parseRangeCsv(COUNTRY_CSV, false) };

  it('finds the range holding an address by bisection, with the AS holder and country', () => {
    const lookup = createIpLookup(db);
    expect(lookup('1.0.0.7')).toEqual({ asn: 13335, asnName: 'Cloudflare, Inc.' });
    expect(lookup('104.131.200.1')).toEqual({ asn: 14061, asnName: 'DigitalOcean LLC', country: 'NL' });
    expect(lookup('104.131.5.1')?.country).toBe('US');
    expect(lookup('9.9.9.9')).toBeUndefined();
    expect(lookup('not-an-ip')).toBeUndefined();
    expect(lookup('2001:db8::1')).toBeUndefined();
  });

  it('lets given networks override the public tables, the most specific first', () => {
    const lookup = createIpLookup(db, [
      { cidr: '198.18.0.0/15', asn: 64_512, asnName: 'Lab', country: 'US' },
      { cidr: '198.18.192.0/20', asn: 4_200_000_101, asnName: 'Nimbus VPS', country: 'NL' },
      { cidr: '8.8.8.0/28', asn: 64_999, asnName: 'Override' },
    ]);
    expect(lookup('198.18.200.9')).toEqual({ asn: 4_200_000_101, asnName: 'Nimbus VPS', country: 'NL' });
    expect(lookup('198.19.0.1')?.asn).toBe(64_512);
    expect(lookup('8.8.8.8')?.asn).toBe(64_999);
    expect(lookup('8.8.8.200')?.asn).toBe(15169);
  });

  it('refuses unsorted or malformed tables, naming the file and line', () => {
    expect(() => parseRangeCsv('20,30,1,a\n10,15,2,b', true, 'asn.csv')).toThrow(
      /asn\.csv:2: ranges must be sorted/,
    );
    expect(() => parseRangeCsv('garbage', false, 'c.csv')).toThrow(IpDatabaseError);
    expect(ipv4ToInt('256.1.1.1')).toBe(-1);
    expect(ipv4ToInt('1.2.3')).toBe(-1);
    expect(ipv4ToInt('255.255.255.255')).toBe(0xffffffff);
  });
});

describe('user agent families', () => {
  it('keep the product and drop versions, so upgrades are not novelty', () => {
    expect(userAgentFamily('aws-cli/2.18.2 Python/3.12.6 Darwin/24.0.0 exe/arm64 prompt/off')).toBe(
      'aws-cli',
    );
    expect(userAgentFamily('Boto3/1.34.145 md/Botocore#1.34.145')).toBe('boto3');
    expect(userAgentFamily('python-requests/2.31.0')).toBe('python-requests');
    expect(
      userAgentFamily(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0',
      ),
    ).toBe('browser/edg');
    expect(userAgentFamily('google-cloud-sdk gcloud/494.0.0 command/gcloud.compute')).toBe(
      'google-cloud-sdk',
    );
    expect(userAgentFamily(undefined)).toBeUndefined();
  });
});
