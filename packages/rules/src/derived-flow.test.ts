import { normalizeCloudTrail, normalizeVpcFlow } from '@vigil/normalize';
import type { OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.ts';
import {
  adminGrant,
  adminUserStep,
  apiVerb,
  bytesMagnitude,
  clientToServer,
  FLOW_DERIVED,
  floodPacketRate,
  ipPrefix,
  ipScope,
  principalOf,
  tcpScanType,
  trailChanges,
  userAgentFamily,
  weakPasswordPolicy,
} from './derived-flow.ts';
import { runRuleTest } from './harness.ts';

const ACCOUNT = '111122223333';

/** A CloudTrail record normalized as the pipeline does it; `fields` override the defaults. */
function trailEvent(fields: Record<string, unknown>): OcsfEvent {
  const record = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEALICE0001',
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      accessKeyId: 'AKIAEXAMPLEALICE0001',
      userName: 'alice',
    },
    eventTime: '2026-11-02T10:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64',
    requestParameters: null,
    responseElements: null,
    requestID: 'a0000001-0000-4000-8000-000000000000',
    eventID: 'e0000001-0000-4000-8000-000000000000',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...fields,
  };
  const result = normalizeCloudTrail({
    source: 'cloudtrail',
    variant: 'cloudtrail',
    record,
    raw: JSON.stringify(record),
    location: { file: 'derived-flow.test.ts' },
  });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

const iamCall = (eventName: string, requestParameters: unknown) =>
  trailEvent({ eventName, requestParameters });

/** A v5 flow record normalized as the pipeline does it; `fields` override the defaults. */
function flowEvent(fields: Record<string, string>): OcsfEvent {
  const record: Record<string, string> = {
    version: '5',
    'account-id': ACCOUNT,
    'interface-id': 'eni-0f1e2d3c4b5a69788',
    srcaddr: '203.0.113.66',
    dstaddr: '10.0.1.25',
    srcport: '61523',
    dstport: '22',
    protocol: '6',
    packets: '1',
    bytes: '40',
    start: '1793613600',
    end: '1793613600',
    action: 'REJECT',
    'log-status': 'OK',
    'tcp-flags': '0',
    'flow-direction': 'ingress',
    ...fields,
  };
  const raw = Object.values(record).join(' ');
  const result = normalizeVpcFlow({
    source: 'vpcflow',
    variant: 'v5',
    record,
    raw,
    location: { file: 'test' },
  });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

describe('ipScope', () => {
  it.each([
    ['10.0.1.17', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.10.4', 'private'],
    ['100.64.3.2', 'private'],
    ['169.254.169.254', 'private'],
    ['127.0.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['203.0.113.10', 'public'],
    ['fd12:3456::1', 'private'],
    ['fe80::1ff:fe23:4567:890a', 'private'],
    ['::1', 'private'],
    ['::ffff:10.0.0.5', 'private'],
    ['::ffff:198.51.100.7', 'public'],
    ['2001:db8:1234:a102::25', 'public'],
  ])('%s is %s', (ip, scope) => {
    expect(ipScope(ip)).toBe(scope);
  });

  it.each(['ec2.amazonaws.com', '10.0.1', '10.0.1.256', '1.2.3.4.5', '2001:db8::1::2', ''])(
    'is undefined for %j, which is not an address',
    (text) => {
      expect(ipScope(text)).toBeUndefined();
    },
  );
});

describe('ipPrefix', () => {
  it('reduces IPv4 to its /16 and IPv6 to its /48', () => {
    expect(ipPrefix('198.51.100.23')).toBe('198.51.0.0/16');
    expect(ipPrefix('2001:db8:1234:a102::25')).toBe('2001:db8:1234::/48');
    expect(ipPrefix('2001:db8::7')).toBe('2001:db8:0::/48');
  });

  it('reads IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(ipPrefix('::ffff:198.51.100.7')).toBe('198.51.0.0/16');
  });

  it('is undefined for service names and missing addresses', () => {
    expect(ipPrefix('AWS Internal')).toBeUndefined();
    expect(ipPrefix(undefined)).toBeUndefined();
  });
});

describe('userAgentFamily', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
      'Chrome on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    ['aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64', 'aws-cli'],
    ['Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.8.0-1008-aws', 'boto3'],
    ['[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.488]', 's3console'],
    ['AWS Internal', 'aws internal'],
  ])('%s → %s', (ua, family) => {
    expect(userAgentFamily(ua)).toBe(family);
  });

  it('gives the same family across browser versions', () => {
    const older = userAgentFamily('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0.0.0 Safari/537.36');
    const newer = userAgentFamily('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36');
    expect(older).toBe(newer);
  });

  it('is undefined for a missing or blank user agent', () => {
    expect(userAgentFamily(undefined)).toBeUndefined();
    expect(userAgentFamily('  ')).toBeUndefined();
  });
});

describe('principalOf', () => {
  it('baselines a role session as its role', () => {
    // Prepare
    const event = trailEvent({
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEDEPLOY001:build-1290',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/build-1290`,
        accountId: ACCOUNT,
        sessionContext: {
          sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/deploy`, userName: 'deploy' },
          attributes: { creationDate: '2026-11-02T09:00:00Z', mfaAuthenticated: 'false' },
        },
      },
    });

    // Act
    const principal = principalOf(event);

    // Assess
    expect(principal).toBe(`arn:aws:iam::${ACCOUNT}:role/deploy`);
  });

  it('keeps an IAM user as itself', () => {
    expect(principalOf(trailEvent({}))).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });
});

describe('apiVerb', () => {
  it.each([
    ['CreateAccessKey', 'Create'],
    ['BatchGetSecretValue', 'Get'],
    ['ListFunctions20150331', 'List'],
    ['Decrypt', 'Decrypt'],
    ['Batch', 'Batch'],
  ])('%s → %s', (operation, verb) => {
    expect(apiVerb(operation)).toBe(verb);
  });

  it('is undefined without an operation', () => {
    expect(apiVerb(undefined)).toBeUndefined();
    expect(apiVerb('')).toBeUndefined();
  });
});

describe('weakPasswordPolicy', () => {
  it('finds nothing weak in a CIS-compliant policy', () => {
    const event = iamCall('UpdateAccountPasswordPolicy', {
      minimumPasswordLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      passwordReusePrevention: 24,
    });
    expect(weakPasswordPolicy(event)).toEqual([]);
  });

  it("reads omitted settings as IAM's defaults", () => {
    expect(weakPasswordPolicy(iamCall('UpdateAccountPasswordPolicy', {}))).toEqual([
      'minimum length 8',
      'symbols not required',
      'numbers not required',
      'upper-case letters not required',
      'lower-case letters not required',
      'reuse allowed',
    ]);
  });

  it('names the settings below the baseline', () => {
    const event = iamCall('UpdateAccountPasswordPolicy', {
      minimumPasswordLength: 12,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: false,
      passwordReusePrevention: 5,
    });
    expect(weakPasswordPolicy(event)).toEqual([
      'minimum length 12',
      'lower-case letters not required',
      'reuse prevention 5',
    ]);
  });

  it('reports a deleted policy and ignores other calls', () => {
    expect(weakPasswordPolicy(iamCall('DeleteAccountPasswordPolicy', null))).toEqual([
      'password policy deleted',
    ]);
    expect(weakPasswordPolicy(iamCall('GetAccountPasswordPolicy', null))).toEqual([]);
  });
});

describe('trailChanges', () => {
  const update = (requestParameters: unknown) =>
    trailEvent({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'UpdateTrail', requestParameters });

  it('names every setting turned off or redirected', () => {
    const event = update({
      name: 'org-trail',
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      enableLogFileValidation: false,
      isOrganizationTrail: false,
      cloudWatchLogsLogGroupArn: '',
      s3BucketName: 'elsewhere',
    });
    expect(trailChanges(event)).toEqual([
      'multi-region logging off',
      'global service events off',
      'log file validation off',
      'organization trail off',
      'CloudWatch Logs delivery removed',
      'logs delivered to bucket elsewhere',
    ]);
  });

  it('finds nothing in a request that turns settings on', () => {
    const event = update({ name: 'org-trail', isMultiRegionTrail: true, enableLogFileValidation: true });
    expect(trailChanges(event)).toEqual([]);
  });

  it('reads only UpdateTrail', () => {
    const event = trailEvent({
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'CreateTrail',
      requestParameters: { name: 'org-trail', isMultiRegionTrail: false },
    });
    expect(trailChanges(event)).toEqual([]);
  });
});

describe('adminGrant', () => {
  const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

  it('recognizes the AdministratorAccess managed policy', () => {
    const event = iamCall('AttachUserPolicy', {
      userName: 'x',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    expect(adminGrant(event)).toBe('AdministratorAccess');
  });

  it.each([
    ['a statement list', JSON.stringify(allowAll)],
    [
      'a single statement and *:*',
      JSON.stringify({ Statement: { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] } }),
    ],
    ['URL-encoded text', encodeURIComponent(JSON.stringify(allowAll))],
  ])('recognizes an inline policy allowing everything, as %s', (_name, policyDocument) => {
    const event = iamCall('PutRolePolicy', { roleName: 'r', policyName: 'p', policyDocument });
    expect(adminGrant(event)).toBe('inline policy allowing * on *');
  });

  it.each([
    ['a scoped policy', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })],
    ['a deny', JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })],
    ['text that is not JSON', '{"Statement": ['],
    ['a malformed escape', '%E0%A4%A'],
  ])('ignores %s', (_name, policyDocument) => {
    const event = iamCall('PutUserPolicy', { userName: 'x', policyName: 'p', policyDocument });
    expect(adminGrant(event)).toBeUndefined();
  });

  it('ignores other managed policies and other calls', () => {
    expect(
      adminGrant(
        iamCall('AttachUserPolicy', { userName: 'x', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
      ),
    ).toBeUndefined();
    expect(
      adminGrant(
        iamCall('DetachUserPolicy', {
          userName: 'x',
          policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
    ).toBeUndefined();
  });
});

describe('adminUserStep', () => {
  it('names the step each call plays', () => {
    expect(adminUserStep(iamCall('CreateUser', { userName: 'x' }))).toBe('user created');
    expect(adminUserStep(iamCall('CreateAccessKey', { userName: 'x' }))).toBe('credentials issued');
    expect(adminUserStep(iamCall('CreateLoginProfile', { userName: 'x' }))).toBe('credentials issued');
    expect(
      adminUserStep(
        iamCall('AttachUserPolicy', {
          userName: 'x',
          policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
    ).toBe('administrator access granted');
  });

  it('plays no part for a non-admin grant or an unrelated call', () => {
    expect(
      adminUserStep(
        iamCall('AttachUserPolicy', { userName: 'x', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
      ),
    ).toBeUndefined();
    expect(
      adminUserStep(
        iamCall('AttachRolePolicy', {
          roleName: 'r',
          policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
    ).toBeUndefined();
    expect(adminUserStep(iamCall('DeleteUser', { userName: 'x' }))).toBeUndefined();
  });
});

describe('tcpScanType', () => {
  it.each([
    ['NULL', { 'tcp-flags': '0' }],
    ['FIN', { 'tcp-flags': '1' }],
    ['XMAS', { 'tcp-flags': '41' }],
    ['SYN', { 'tcp-flags': '2', bytes: '44' }],
  ])('reads a %s probe', (type, fields) => {
    expect(tcpScanType(flowEvent(fields))).toBe(type);
  });

  it.each([
    ['an accepted SYN (a connection attempt that was answered)', { 'tcp-flags': '2', action: 'ACCEPT' }],
    ['a complete short connection', { 'tcp-flags': '19', packets: '3', bytes: '120', action: 'ACCEPT' }],
    ['a keep-alive from a service port to a client', { srcport: '443', dstport: '51000', action: 'ACCEPT' }],
    ['a segment carrying data', { packets: '2', bytes: '900', action: 'ACCEPT' }],
    ['a flow of many packets', { packets: '12', bytes: '480', action: 'ACCEPT' }],
    ['UDP', { protocol: '17', 'tcp-flags': '-' }],
    ['a record without tcp-flags', { 'tcp-flags': '-' }],
  ])('ignores %s', (_name, fields) => {
    expect(tcpScanType(flowEvent(fields))).toBeUndefined();
  });
});

describe('clientToServer', () => {
  it.each([
    ['an ephemeral source port', { srcport: '50112', dstport: '3333' }, true],
    ['a source port above the destination port', { srcport: '2000', dstport: '443' }, true],
    [
      'a reply from a service to a client port in the ephemeral range',
      { srcport: '443', dstport: '45700' },
      undefined,
    ],
    ['a reply from a service to a low client port', { srcport: '443', dstport: '6667' }, undefined],
  ])('%s', (_name, fields, expected) => {
    expect(clientToServer(flowEvent({ ...fields, action: 'ACCEPT' }))).toBe(expected);
  });

  it('is undefined for protocols without ports', () => {
    expect(
      clientToServer(flowEvent({ protocol: '1', srcport: '-', dstport: '-', 'tcp-flags': '-' })),
    ).toBeUndefined();
  });
});

describe('floodPacketRate', () => {
  it('divides packets by the flow duration for UDP and ICMP', () => {
    const udp = flowEvent({
      protocol: '17',
      'tcp-flags': '-',
      packets: '900000',
      bytes: '54000000',
      end: '1793613660',
    });
    const icmp = flowEvent({
      protocol: '1',
      'tcp-flags': '-',
      packets: '5000',
      bytes: '420000',
      end: '1793613610',
    });
    expect(floodPacketRate(udp)).toBe(15000);
    expect(floodPacketRate(icmp)).toBe(500);
  });

  it('counts a same-second flow as one second', () => {
    const event = flowEvent({ protocol: '17', 'tcp-flags': '-', packets: '30000', bytes: '1800000' });
    expect(floodPacketRate(event)).toBe(30000);
  });

  it('reads TCP only when the flags never went past SYN', () => {
    const syn = {
      'tcp-flags': '2',
      packets: '1200000',
      bytes: '48000000',
      end: '1793613660',
      action: 'ACCEPT',
    };
    expect(floodPacketRate(flowEvent(syn))).toBe(20000);
    expect(floodPacketRate(flowEvent({ ...syn, 'tcp-flags': '19' }))).toBeUndefined();
    expect(floodPacketRate(flowEvent({ ...syn, 'tcp-flags': '-' }))).toBeUndefined();
  });

  it('ignores other classes', () => {
    expect(floodPacketRate(trailEvent({}))).toBeUndefined();
  });
});

describe('bytesMagnitude', () => {
  it.each([
    ['5000000', 'under 64 MiB'],
    [String(64 * 1024 * 1024 - 1), 'under 64 MiB'],
    [String(64 * 1024 * 1024), '64 MiB-256 MiB'],
    ['300000000', '256 MiB-1 GiB'],
    ['2500000000', '1 GiB-4 GiB'],
    ['20000000000', '16 GiB-64 GiB'],
  ])('%s bytes → %s', (bytes, magnitude) => {
    expect(bytesMagnitude(flowEvent({ bytes, packets: '100', action: 'ACCEPT' }))).toBe(magnitude);
  });

  it('is undefined without a byte count', () => {
    expect(bytesMagnitude(flowEvent({ bytes: '-', packets: '-' }))).toBeUndefined();
  });
});

describe('FLOW_DERIVED', () => {
  it('reads the source and destination scopes of a flow', () => {
    const event = flowEvent({ srcaddr: '10.0.1.17', dstaddr: '198.51.100.80' });
    expect(FLOW_DERIVED.flowSrcScope!(event)).toBe('private');
    expect(FLOW_DERIVED.flowDstScope!(event)).toBe('public');
  });

  it("reads a CloudTrail caller's network and user agent family", () => {
    const event = trailEvent({});
    expect(FLOW_DERIVED.gdIpPrefix!(event)).toBe('203.0.0.0/16');
    expect(FLOW_DERIVED.gdUserAgentFamily!(event)).toBe('aws-cli');
    expect(FLOW_DERIVED.gdApiVerb!(event)).toBe('List');
  });

  it('yields nothing, not an empty list, when nothing is weak or changed', () => {
    const event = trailEvent({});
    expect(FLOW_DERIVED.gdWeakPasswordPolicy!(event)).toBeUndefined();
    expect(FLOW_DERIVED.gdTrailChanges!(event)).toBeUndefined();
  });
});

const V5_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status tcp-flags flow-direction';
const v5 = (
  src: string,
  dst: string,
  sport: number,
  dport: number,
  proto: number,
  packets: number,
  bytes: number,
  start: number,
  end: number,
  action: string,
  flags: number,
  direction: string,
) =>
  `5 ${ACCOUNT} eni-0f1e2d3c4b5a69788 ${src} ${dst} ${sport} ${dport} ${proto} ${packets} ${bytes} ${start} ${end} ${action} OK ${flags} ${direction}`;
const T0 = 1793613600;
const PORTS = [
  21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1723, 3306, 3389, 5900, 8080,
];

/**
 * Look-alikes that need v3+ fields. The catalog's inline negative cases cannot hold them: a
 * flow header line is a record of the case that yields no event.
 */
describe('flow rules on v5 look-alikes', async () => {
  const catalog = await loadCatalog();
  const rule = (id: string) => {
    const found = catalog.find((r) => r.id === id);
    if (!found) throw new Error(`rule ${id} is not in the catalog`);
    return found;
  };

  it('vpc-tcp-flag-scan stays quiet on keep-alives a server sends to 20 pooled client ports', async () => {
    // Prepare
    const lines = PORTS.map((_, i) =>
      v5('10.0.2.30', '10.0.1.25', 5432, 40000 + i, 6, 1, 52, T0 + i, T0 + i, 'ACCEPT', 0, 'egress'),
    );

    // Act
    const outcome = await runRuleTest(rule('vpc-tcp-flag-scan'), {
      name: 'keep-alives',
      records: [V5_HEADER, ...lines],
    });

    // Assess
    expect(outcome.problems).toEqual([]);
    expect(outcome.eventUids).toHaveLength(20);
    expect(outcome.findings).toEqual([]);
  });

  it('vpc-tcp-flag-scan stays quiet on short complete connections to 20 ports', async () => {
    const lines = PORTS.map((port, i) =>
      v5('203.0.113.66', '10.0.1.25', 61523 + i, port, 6, 3, 132, T0 + i, T0 + i, 'ACCEPT', 19, 'ingress'),
    );
    const outcome = await runRuleTest(rule('vpc-tcp-flag-scan'), {
      name: 'connections',
      records: [V5_HEADER, ...lines],
    });
    expect(outcome.eventUids).toHaveLength(20);
    expect(outcome.findings).toEqual([]);
  });

  it('vpc-flood-packet-rate stays quiet on the ACK stream of a bulk download', async () => {
    const line = v5(
      '10.0.1.25',
      '198.51.100.80',
      51000,
      443,
      6,
      1_200_000,
      62_400_000,
      T0,
      T0 + 60,
      'ACCEPT',
      19,
      'egress',
    );
    const outcome = await runRuleTest(rule('vpc-flood-packet-rate'), {
      name: 'acks',
      records: [V5_HEADER, line],
    });
    expect(outcome.eventUids).toHaveLength(1);
    expect(outcome.findings).toEqual([]);
  });

  it('vpc-outbound-mining-pool-port stays quiet on an inbound session to a public IPv6 service on 3333', async () => {
    const line = v5(
      '2001:db8:ffff::77',
      '2001:db8:1234:a102::25',
      50112,
      3333,
      6,
      52,
      7400,
      T0,
      T0 + 60,
      'ACCEPT',
      3,
      'ingress',
    );
    const outcome = await runRuleTest(rule('vpc-outbound-mining-pool-port'), {
      name: 'ingress',
      records: [V5_HEADER, line],
    });
    expect(outcome.eventUids).toHaveLength(1);
    expect(outcome.findings).toEqual([]);
  });
});

/** The catalog test checks that each positive case fires; these check the severity it fires with. */
describe('severity raised by context', async () => {
  const catalog = await loadCatalog();

  it.each([
    ['aws-gd-cloudtrail-trail-weakened', 'multi-region logging and log file validation turned off', 3],
    ['aws-gd-cloudtrail-trail-weakened', 'logs redirected to another bucket', 2],
    ['aws-gd-password-policy-weakened', 'length 8 without symbols or reuse prevention', 2],
    ['aws-gd-password-policy-weakened', 'policy deleted', 3],
    ['aws-gd-console-login-failures-user', 'ten failures for bob within five minutes', 3],
    ['aws-gd-console-login-failures-user', 'ten failures for the root user', 4],
    ['aws-gd-console-login-without-mfa', 'IAM user with a password only', 2],
    ['aws-gd-console-login-without-mfa', 'root with a password only', 4],
    ['vpc-port-sweep', '25 addresses probed on port 22 from the internet', 2],
    ['vpc-port-sweep', 'an instance sweeping SMB across its subnet', 3],
    ['vpc-ssh-rdp-brute-force', '30 short SSH connections from the internet in 4.5 minutes', 2],
    ['vpc-ssh-rdp-brute-force', 'an instance guessing RDP passwords on another', 3],
    ['vpc-tcp-flag-scan', 'NULL scan of 15 ports', 3],
    ['vpc-tcp-flag-scan', 'refused SYN-only probes to 15 ports', 2],
    ['vpc-flood-packet-rate', 'an instance sending a UDP flood to a DNS server on the internet', 3],
    ['vpc-ddos-many-sources', 'one-packet flows from 100 sources within 25 s', 2],
    ['vpc-ddos-many-sources', 'SYN-only flows from 100 sources', 3],
    ['vpc-flood-packet-rate', 'a SYN flood with a fixed source port', 2],
  ])('%s on "%s" has severity %i', async (id, name, severity) => {
    // Prepare
    const rule = catalog.find((r) => r.id === id)!;
    const testCase = rule.tests.positive.find((c) => c.name === name)!;

    // Act
    const { findings } = await runRuleTest(rule, testCase);

    // Assess
    expect(findings.map((f) => f.severity_id)).toEqual([severity]);
  });
});
