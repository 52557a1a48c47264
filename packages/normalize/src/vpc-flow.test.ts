import { createHash } from 'node:crypto';
import type { SourceRecord } from '@vigil/decode';
import type { NetworkActivity } from '@vigil/schema';
import { validateEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeVpcFlow } from './vpc-flow.ts';

const V2_FIELDS =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status'.split(
    ' ',
  );
const V5_FIELDS = [
  ...V2_FIELDS,
  ...'vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path'.split(
    ' ',
  ),
];

function flow(line: string, fields = V2_FIELDS): SourceRecord {
  const tokens = line.split(' ');
  const record: Record<string, unknown> = {};
  fields.forEach((name, i) => {
    record[name] = tokens[i];
  });
  return { source: 'vpcflow', variant: `v${tokens[0]}`, record, raw: line, location: { file: 'test.log' } };
}

function normalizeValid(record: SourceRecord): NetworkActivity {
  const result = normalizeVpcFlow(record);
  if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
  const validation = validateEvent(result.event);
  if (!validation.ok) throw new Error(`invalid event: ${validation.issues.join('; ')}`);
  return result.event as NetworkActivity;
}

function reasonFor(record: SourceRecord): string {
  const result = normalizeVpcFlow(record);
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

// From the AWS VPC User Guide flow log record examples.
const ACCEPTED_SSH =
  '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';
const REJECTED_RDP =
  '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK';

describe('normalizeVpcFlow', () => {
  it('maps an accepted v2 flow to Network Activity: Traffic, Allowed', () => {
    // Prepare
    const record = flow(ACCEPTED_SSH);

    // Act
    const event = normalizeValid(record);

    // Assess
    expect(event).toEqual({
      class_uid: 4001,
      class_name: 'Network Activity',
      category_uid: 4,
      category_name: 'Network Activity',
      activity_id: 6,
      activity_name: 'Traffic',
      type_uid: 400106,
      type_name: 'Network Activity: Traffic',
      severity_id: 1,
      severity: 'Informational',
      time: 1418530010000,
      start_time: 1418530010000,
      end_time: 1418530070000,
      metadata: {
        version: '1.8.0',
        product: { name: 'VPC Flow Logs', vendor_name: 'AWS', version: '2' },
        uid: createHash('sha256').update(ACCEPTED_SSH).digest('hex'),
        profiles: ['cloud', 'security_control'],
        log_name: 'VPCFlowLogs',
      },
      cloud: { provider: 'AWS', account: { uid: '123456789010' } },
      src_endpoint: { ip: '172.31.16.139', port: 20641, interface_uid: 'eni-1235b8ca123456789' },
      dst_endpoint: { ip: '172.31.16.21', port: 22 },
      connection_info: { direction_id: 0, direction: 'Unknown', protocol_num: 6, protocol_name: 'tcp' },
      traffic: { bytes: 4249, packets: 20 },
      action_id: 1,
      action: 'Allowed',
      disposition_id: 1,
      disposition: 'Allowed',
      raw_data: ACCEPTED_SSH,
    });
  });

  it('maps a rejected flow to Refuse, Denied and Blocked', () => {
    // Prepare
    const record = flow(REJECTED_RDP);

    // Act
    const event = normalizeValid(record);

    // Assess
    expect(event).toMatchObject({
      activity_id: 5,
      type_uid: 400105,
      action_id: 2,
      action: 'Denied',
      disposition_id: 2,
      disposition: 'Blocked',
    });
  });

  it('maps v5 fields: interface ids, NAT packet address, region, zone, direction and boundary', () => {
    // Prepare
    const line =
      '5 123456789012 eni-0a1b2c3d4e5f6a7b8 10.0.0.220 203.0.113.5 36738 443 6 12 3912 1709647200 1709647260 ACCEPT OK vpc-0a1b2c3d vpc-subnet-1 i-0abc 19 IPv4 10.0.1.5 203.0.113.5 us-east-1 use1-az1 - - - - egress 8';

    // Act
    const event = normalizeValid(flow(line, V5_FIELDS));

    // Assess
    expect(event.src_endpoint).toEqual({
      ip: '10.0.0.220',
      port: 36738,
      intermediate_ips: ['10.0.1.5'],
      interface_uid: 'eni-0a1b2c3d4e5f6a7b8',
      instance_uid: 'i-0abc',
      vpc_uid: 'vpc-0a1b2c3d',
      subnet_uid: 'vpc-subnet-1',
    });
    expect(event.dst_endpoint).toEqual({ ip: '203.0.113.5', port: 443 });
    expect(event.cloud).toEqual({
      provider: 'AWS',
      account: { uid: '123456789012' },
      region: 'us-east-1',
      zone: 'use1-az1',
    });
    expect(event.connection_info).toEqual({
      protocol_num: 6,
      protocol_name: 'tcp',
      tcp_flags: 19,
      direction_id: 2,
      direction: 'Outbound',
      boundary_id: 11,
      boundary: 'Internet Gateway',
    });
  });

  it('names the AWS service on each side and reads ingress as Inbound', () => {
    // Prepare
    const line =
      '5 123456789012 eni-0f1e 52.216.10.21 10.0.1.25 443 49152 6 40 61320 1709647210 1709647265 ACCEPT OK vpc-1 subnet-1 i-1 18 IPv4 52.216.10.21 10.0.1.25 us-east-1 use1-az1 - - S3 - ingress -';

    // Act
    const event = normalizeValid(flow(line, V5_FIELDS));

    // Assess
    expect(event.src_endpoint?.svc_name).toBe('S3');
    expect(event.connection_info).toMatchObject({ direction_id: 1, direction: 'Inbound' });
    expect(event.connection_info?.boundary_id).toBeUndefined();
  });

  it.each([
    [1, 'icmp'],
    [17, 'udp'],
    [58, 'icmpv6'],
  ])('names protocol %i %s', (protocol, name) => {
    // Prepare
    const line = `2 123456789010 eni-1 203.0.113.12 172.31.16.139 0 0 ${protocol} 4 336 1432917027 1432917142 ACCEPT OK`;

    // Act
    const event = normalizeValid(flow(line));

    // Assess
    expect(event.connection_info).toMatchObject({ protocol_num: protocol, protocol_name: name });
  });

  it('keeps an unnamed protocol as its number', () => {
    // Prepare
    const line = '2 123456789010 eni-1 10.0.0.1 10.0.0.2 0 0 47 4 336 1432917027 1432917142 ACCEPT OK';

    // Act
    const event = normalizeValid(flow(line));

    // Assess
    expect(event.connection_info).toEqual({ protocol_num: 47, direction_id: 0, direction: 'Unknown' });
  });

  it('gives the same uid to the same line and different uids to different lines', () => {
    // Act
    const first = normalizeValid(flow(ACCEPTED_SSH)).metadata.uid;
    const again = normalizeValid(flow(ACCEPTED_SSH)).metadata.uid;
    const other = normalizeValid(flow(REJECTED_RDP)).metadata.uid;

    // Assess
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it.each([
    [
      'dstport',
      ACCEPTED_SSH.replace(' 22 6 ', ' ssh 6 '),
      'dstport must be a non-negative integer in range, got "ssh"',
    ],
    [
      'srcport',
      ACCEPTED_SSH.replace(' 20641 ', ' 70000 '),
      'srcport must be a non-negative integer in range, got "70000"',
    ],
    [
      'bytes',
      ACCEPTED_SSH.replace(' 4249 ', ' 4kB '),
      'bytes must be a non-negative integer in range, got "4kB"',
    ],
    [
      'packets',
      ACCEPTED_SSH.replace(' 20 4249 ', ' -20 4249 '),
      'packets must be a non-negative integer in range, got "-20"',
    ],
    [
      'start',
      ACCEPTED_SSH.replace('1418530010', 'yesterday'),
      'start must be a non-negative integer in range, got "yesterday"',
    ],
    ['action', ACCEPTED_SSH.replace('ACCEPT', 'DROP'), 'action must be ACCEPT or REJECT, got "DROP"'],
    [
      'log-status',
      '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA',
      'log-status NODATA carries no flow',
    ],
  ])('fails on a bad %s, naming the field', (_field, line, reason) => {
    // Act
    const got = reasonFor(flow(line));

    // Assess
    expect(got).toContain(reason);
  });

  it('fails when no time is given', () => {
    // Prepare
    const record = flow('2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 - - ACCEPT OK');

    // Act
    const got = reasonFor(record);

    // Assess
    expect(got).toBe('VPC flow record: start (or end) is required to place the flow in time, got neither');
  });

  it('fails on a port that belongs to no address', () => {
    // Prepare
    const record = flow('2 123456789010 eni-1 10.0.0.1 - 1 2 6 1 40 1431280876 1431280934 ACCEPT OK');

    // Act
    const got = reasonFor(record);

    // Assess
    expect(got).toBe('VPC flow record: dstport 2 has no dstaddr to belong to');
  });

  it('fails on a record that is not a field map', () => {
    // Prepare
    const record = { ...flow(ACCEPTED_SSH), record: null as unknown as Record<string, unknown> };

    // Act
    const got = reasonFor(record);

    // Assess
    expect(got).toBe('VPC flow record: expected a field map object');
  });
});
