import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CidrError, parseCidr } from './cidr.ts';

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['0.0.0.0/0', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.8', false],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::/32', '2001:db9::5', false],
    ['::/0', '::1', true],
    ['::ffff:0:0/96', '::ffff:192.0.2.1', true],
    ['64:ff9b::/96', '64:ff9b::198.51.100.1', true],
    ['10.0.0.0/8', '2001:db8::1', false],
    ['10.0.0.0/8', 'ec2.amazonaws.com', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(parseCidr(cidr).contains(ip)).toBe(expected);
  });

  it.each(['10.0.0.0/33', '10.0.0/8', 'x/1', '2001:db8:::1/64', '1.2.3.4/-1'])('rejects %s', (text) => {
    expect(() => parseCidr(text)).toThrow(CidrError);
  });

  it('agrees with integer arithmetic on random IPv4 prefixes', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (net, ip, bits) => {
        const toInt = (s: string) => s.split('.').reduce((n, p) => n * 256 + Number(p), 0);
        const block = 2 ** (32 - bits);
        const same = Math.floor(toInt(net) / block) === Math.floor(toInt(ip) / block);
        expect(parseCidr(`${net}/${bits}`).contains(ip)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });
});
