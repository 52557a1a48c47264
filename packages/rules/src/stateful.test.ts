import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runRuleTest } from './harness.ts';
import { parseRuleFile } from './rule-file.ts';

let n = 0;
function ct(
  eventName: string,
  eventSource: string,
  time: string,
  extra: Record<string, unknown> = {},
  user = 'alice',
) {
  n++;
  return JSON.stringify({
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${user.toUpperCase()}`,
      arn: `arn:aws:iam::111122223333:user/${user}`,
      accountId: '111122223333',
      userName: user,
    },
    eventTime: time,
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: null,
    responseElements: null,
    requestID: `r-${n}`,
    eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    ...extra,
  });
}

const common = {
  description: 'A test rule for the stateful forms of the engine, with enough words.',
  severity: 'low',
  confidence: 50,
  status: 'experimental',
  attack: { tactics: ['TA0003'], techniques: ['T1136.003'] },
  references: ['https://attack.mitre.org/techniques/T1136/003/'],
  runbook: ['Look.'],
  falsePositives: ['Admins.'],
  classes: [6003, 3001, 3002],
  dedup: { key: ['actor'], periodMinutes: 60 },
  tests: { positive: [{ name: 'p', records: ['{}'] }], negative: [{ name: 'n', records: ['{}'] }] },
};

describe('firstSeen', () => {
  const rule = parseRuleFile(
    stringify({
      ...common,
      id: 'test-new-region',
      title: 'New region for a principal',
      where: { 'cloud.region': { exists: true } },
      firstSeen: { entity: ['actor'], value: ['cloud.region'], learningDays: 1 },
    }),
    'first-seen.yml',
  );
  const region = (r: string, time: string) =>
    ct('DescribeInstances', 'ec2.amazonaws.com', time, { awsRegion: r });

  it('learns during the learning period, then fires once on a never-seen value', async () => {
    const records = [
      region('us-east-1', '2026-11-01T09:00:00Z'),
      region('eu-west-1', '2026-11-01T12:00:00Z'),
      region('us-east-1', '2026-11-03T09:00:00Z'),
      region('ap-south-1', '2026-11-03T10:00:00Z'),
      region('ap-south-1', '2026-11-03T10:05:00Z'),
    ];
    const { findings, eventUids, problems } = await runRuleTest(rule, { name: 'p', records });
    expect(problems).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.finding_info.related_events.map((r) => r.uid)).toEqual([eventUids[3]]);
  });

  it('stays quiet while the entity is still learning', async () => {
    const records = [
      region('us-east-1', '2026-11-01T09:00:00Z'),
      region('ap-south-1', '2026-11-01T20:00:00Z'),
    ];
    expect((await runRuleTest(rule, { name: 'n', records })).findings).toEqual([]);
  });
});

describe('sequence', () => {
  const rule = parseRuleFile(
    stringify({
      ...common,
      id: 'test-admin-backdoor',
      title: 'User created, keyed and made admin',
      where: { 'api.service.name': 'iam.amazonaws.com' },
      sequence: {
        by: ['actor'],
        withinMinutes: 30,
        steps: [
          { 'api.operation': 'CreateUser' },
          { 'api.operation': 'CreateAccessKey' },
          {
            'api.operation': 'AttachUserPolicy',
            'api.request.data.policyArn': { endsWith: '/AdministratorAccess' },
          },
        ],
      },
    }),
    'sequence.yml',
  );
  const iam = (name: string, time: string, params: Record<string, unknown>, user = 'mallory') =>
    ct(name, 'iam.amazonaws.com', time, { requestParameters: params }, user);
  const admin = { userName: 'backdoor', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' };

  it('fires when the steps happen in order by one actor within the window, naming all three events', async () => {
    const records = [
      iam('CreateUser', '2026-11-02T10:00:00Z', { userName: 'backdoor' }),
      iam('ListUsers', '2026-11-02T10:01:00Z', {}),
      iam('CreateAccessKey', '2026-11-02T10:02:00Z', { userName: 'backdoor' }),
      iam('AttachUserPolicy', '2026-11-02T10:03:00Z', admin),
    ];
    const { findings, eventUids } = await runRuleTest(rule, { name: 'p', records });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.finding_info.related_events.map((r) => r.uid)).toEqual([
      eventUids[0],
      eventUids[2],
      eventUids[3],
    ]);
  });

  it.each([
    [
      'out of order',
      [
        iam('CreateAccessKey', '2026-11-02T10:00:00Z', { userName: 'x' }),
        iam('CreateUser', '2026-11-02T10:01:00Z', { userName: 'x' }),
        iam('AttachUserPolicy', '2026-11-02T10:02:00Z', admin),
      ],
    ],
    [
      'a step older than the first, arriving late',
      [
        iam('CreateUser', '2026-11-02T10:05:00Z', { userName: 'x' }),
        iam('CreateAccessKey', '2026-11-02T10:00:00Z', { userName: 'x' }),
        iam('AttachUserPolicy', '2026-11-02T10:06:00Z', admin),
      ],
    ],
    [
      'too slow',
      [
        iam('CreateUser', '2026-11-02T10:00:00Z', { userName: 'x' }),
        iam('CreateAccessKey', '2026-11-02T10:10:00Z', { userName: 'x' }),
        iam('AttachUserPolicy', '2026-11-02T10:45:00Z', admin),
      ],
    ],
    [
      'different actors',
      [
        iam('CreateUser', '2026-11-02T10:00:00Z', { userName: 'x' }, 'alice'),
        iam('CreateAccessKey', '2026-11-02T10:01:00Z', { userName: 'x' }, 'bob'),
        iam('AttachUserPolicy', '2026-11-02T10:02:00Z', admin, 'carol'),
      ],
    ],
    [
      'a non-admin policy',
      [
        iam('CreateUser', '2026-11-02T10:00:00Z', { userName: 'x' }),
        iam('CreateAccessKey', '2026-11-02T10:01:00Z', { userName: 'x' }),
        iam('AttachUserPolicy', '2026-11-02T10:02:00Z', {
          userName: 'x',
          policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ],
    ],
  ])('stays quiet when %s', async (_why, records) => {
    expect((await runRuleTest(rule, { name: 'n', records })).findings).toEqual([]);
  });
});

describe('severityIf', () => {
  it('raises severity when the triggering event matches', async () => {
    const rule = parseRuleFile(
      stringify({
        ...common,
        id: 'test-raise',
        title: 'Trail stopped',
        operations: ['StopLogging'],
        where: { status_id: 1 },
        severityIf: [{ when: { 'actor.user.name': 'root' }, severity: 'critical' }],
      }),
      'raise.yml',
    );
    const root = ct('StopLogging', 'cloudtrail.amazonaws.com', '2026-11-02T10:00:00Z', {
      userIdentity: {
        type: 'Root',
        principalId: '111122223333',
        arn: 'arn:aws:iam::111122223333:root',
        accountId: '111122223333',
      },
    });
    const alice = ct('StopLogging', 'cloudtrail.amazonaws.com', '2026-11-02T10:00:00Z');
    expect((await runRuleTest(rule, { name: 'root', records: [root] })).findings[0]!.severity_id).toBe(5);
    expect((await runRuleTest(rule, { name: 'alice', records: [alice] })).findings[0]!.severity_id).toBe(2);
  });
});

describe('threshold over list values', () => {
  it('counts every element of a list field as a distinct value', async () => {
    const rule = parseRuleFile(
      stringify({
        ...common,
        id: 'test-parameters',
        title: 'Many parameters read',
        operations: ['GetParameters'],
        where: {},
        threshold: { count: 3, windowMinutes: 10, groupBy: ['actor'], distinct: ['api.request.data.names'] },
      }),
      'threshold.yml',
    );
    const read = (names: string[]) =>
      ct('GetParameters', 'ssm.amazonaws.com', '2026-11-02T10:00:00Z', {
        requestParameters: { names, withDecryption: true },
      });
    const one = await runRuleTest(rule, { name: 'p', records: [read(['/a', '/b', '/c'])] });
    expect(one.findings).toHaveLength(1);
    expect(one.findings[0]!.finding_info.related_events).toHaveLength(1);
    expect(
      (await runRuleTest(rule, { name: 'n', records: [read(['/a', '/b']), read(['/a'])] })).findings,
    ).toEqual([]);
  });
});

describe('attack pairs', () => {
  it('maps explicit tactic–technique pairs without crossing them', async () => {
    const rule = parseRuleFile(
      stringify({
        ...common,
        id: 'test-pairs',
        title: 'Paired mapping',
        attack: {
          pairs: [
            ['TA0006', 'T1552'],
            ['TA0010', 'T1537'],
          ],
        },
        operations: ['StopLogging'],
        where: {},
      }),
      'pairs.yml',
    );
    const { findings } = await runRuleTest(rule, {
      name: 'p',
      records: [ct('StopLogging', 'cloudtrail.amazonaws.com', '2026-11-02T10:00:00Z')],
    });
    expect(findings[0]!.finding_info.attacks!.map((a) => `${a.tactic?.uid}/${a.technique?.uid}`)).toEqual([
      'TA0006/T1552',
      'TA0010/T1537',
    ]);
    expect(rule.attack.tactics).toEqual(['TA0006', 'TA0010']);
  });
});
