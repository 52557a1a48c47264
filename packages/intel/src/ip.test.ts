import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp, isPublicIp, parseCidrRange, parseIp } from './ip.ts';
import { IpSet } from './ip-set.ts';

describe('parseIp', () => {
  it('reads IPv4, IPv6, embedded IPv4 and rejects junk', () => {
    expect(parseIp('185.220.101.1')).toEqual({
      version: 4,
      value: 185 * 2 ** 24 + 220 * 2 ** 16 + 101 * 256 + 1,
    });
    expect(parseIp('2001:db8::1')).toEqual({ version: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('::ffff:1.2.3.4')).toEqual({ version: 6, value: (0xffffn << 32n) | 0x01020304n });
    for (const bad of ['256.1.1.1', '1.2.3', '1..2.3', 'a.b.c.d', '1:2:3', ':::', 'ec2.amazonaws.com', ''])
      expect(parseIp(bad)).toBeUndefined();
  });

  it('canonicalizes IPv6 per RFC 5952', () => {
    expect(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonicalIp('2a00:1450:4001:0:0:0:0:200e')).toBe('2a00:1450:4001::200e');
    expect(canonicalIp('1.2.3.4')).toBe('1.2.3.4');
  });
});

describe('isPublicIp', () => {
  it('keeps private, loopback, link-local, shared, documentation and multicast space inside', () => {
    for (const ip of [
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '198.51.100.7',
      '224.0.0.5',
      '::1',
      'fe80::1',
      'fd00::1',
      '2001:db8::5',
      '::ffff:10.0.0.1',
    ])
      expect(isPublicIp(ip), ip).toBe(false);
    for (const ip of ['185.220.101.1', '8.8.8.8', '172.32.0.1', '2a00:1450:4001::200e'])
      expect(isPublicIp(ip), ip).toBe(true);
    expect(isPublicIp('not-an-ip')).toBe(false);
  });
});

describe('IpSet', () => {
  it('matches addresses in CIDRs of either family, and domains with their subdomains', () => {
    const set = new IpSet('t', ['1.10.16.0/20', '185.220.101.1', '2a0b:f4c0::/32', 'nanopool.org']);
    expect(set.contains('1.10.31.255')).toBe(true);
    expect(set.contains('1.10.32.0')).toBe(false);
    expect(set.contains('185.220.101.1')).toBe(true);
    expect(set.contains('185.220.101.2')).toBe(false);
    expect(set.contains('2a0b:f4c0:1::9')).toBe(true);
    expect(set.contains('2a0b:f4c1::9')).toBe(false);
    expect(set.contains('xmr-eu1.nanopool.org')).toBe(true);
    expect(set.contains('nanopool.org.evil.example')).toBe(false);
    expect(set.contains('')).toBe(false);
  });

  it('rejects an entry that is neither address, CIDR nor domain, naming the set', () => {
    expect(() => new IpSet('tor_exit', ['1.2.3.4/33'])).toThrow(/tor_exit.*1\.2\.3\.4\/33/);
  });

  it('agrees with a linear scan over random IPv4 ranges (binary search over merged ranges)', () => {
    const cidr = fc.tuple(fc.nat(2 ** 32 - 1), fc.integer({ min: 8, max: 32 }));
    const toText = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    fc.assert(
      fc.property(
        fc.array(cidr, { maxLength: 30 }),
        fc.array(fc.nat(2 ** 32 - 1), { maxLength: 30 }),
        (cidrs, probes) => {
          const texts = cidrs.map(([n, bits]) => `${toText(n)}/${bits}`);
          const ranges = texts.map((t) => parseCidrRange(t) as { start: number; end: number });
          const set = new IpSet('p', texts);
          for (const p of [...probes, ...ranges.map((r) => r.start), ...ranges.map((r) => r.end + 1)]) {
            if (p > 2 ** 32 - 1) continue;
            const expected = ranges.some((r) => p >= r.start && p <= r.end);
            expect(set.contains(toText(p))).toBe(expected);
          }
        },
      ),
    );
  });
});
