import type { SourceRecord } from '@vigil/decode';
import { validateEvent } from '@vigil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeVpcFlow } from './vpc-flow.ts';

/** A well-formed token, `-`, a wrong token, or a value of the wrong type. */
function token(good: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: good },
    { weight: 1, arbitrary: fc.constant('-') },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.anything() },
  );
}

const digits = (max: number) => fc.integer({ min: 0, max }).map(String);
const address = fc.oneof(fc.ipV4(), fc.ipV6());

const flowFields = fc.record(
  {
    version: token(fc.constantFrom('2', '3', '4', '5')),
    'account-id': token(fc.stringMatching(/^\d{12}$/)),
    'interface-id': token(fc.constantFrom('eni-1235b8ca123456789', 'eni-0f1e2d3c4b5a69788')),
    srcaddr: token(address),
    dstaddr: token(address),
    srcport: token(digits(65_535)),
    dstport: token(digits(65_535)),
    protocol: token(fc.constantFrom('1', '6', '17', '58', '47')),
    packets: token(digits(1_000_000)),
    bytes: token(digits(1_000_000_000)),
    start: token(digits(2_000_000_000)),
    end: token(digits(2_000_000_000)),
    action: token(fc.constantFrom('ACCEPT', 'REJECT')),
    'log-status': token(fc.constantFrom('OK', 'OK', 'OK', 'NODATA', 'SKIPDATA')),
    'vpc-id': token(fc.constant('vpc-0a1b2c3d4e5f60718')),
    'subnet-id': token(fc.constant('subnet-0c1d2e3f4a5b6c7d8')),
    'instance-id': token(fc.constant('i-0abcd1234efgh5678')),
    'tcp-flags': token(fc.constantFrom('0', '2', '3', '18', '19')),
    'pkt-srcaddr': token(address),
    'pkt-dstaddr': token(address),
    region: token(fc.constantFrom('us-east-1', 'eu-west-3')),
    'az-id': token(fc.constantFrom('use1-az1', 'euw3-az2')),
    'pkt-src-aws-service': token(fc.constantFrom('S3', 'AMAZON', 'EC2')),
    'pkt-dst-aws-service': token(fc.constantFrom('S3', 'DYNAMODB')),
    'flow-direction': token(fc.constantFrom('ingress', 'egress')),
    'traffic-path': token(fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8')),
  },
  { requiredKeys: [] },
);

function source(record: unknown, raw: string): SourceRecord {
  return {
    source: 'vpcflow',
    variant: 'v5',
    record: record as Record<string, unknown>,
    raw,
    location: { file: 'property' },
  };
}

describe('normalizeVpcFlow properties', () => {
  it('never throws on partial and wrong-typed field maps: a valid event keyed by the line hash, or a reason', () => {
    let valid = 0;
    fc.assert(
      fc.property(flowFields, fc.string(), (record, raw) => {
        const result = normalizeVpcFlow(source(record, raw));
        if (!result.ok) return result.reason.length > 0;
        valid++;
        const validation = validateEvent(result.event);
        expect(validation.ok ? [] : validation.issues).toEqual([]);
        return /^[0-9a-f]{64}$/.test(result.event.metadata.uid);
      }),
      { numRuns: 2000 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = normalizeVpcFlow(source(value, 'raw'));
        return result.ok ? validateEvent(result.event).ok : result.reason.length > 0;
      }),
      { numRuns: 1000 },
    );
  });
});
