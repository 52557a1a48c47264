import { AWS_REGION, instanceId, s3Transfer } from '../context.ts';
import { roleSession } from '../identity.ts';
import type { AwsCall } from '../record.ts';
import type { AwsPlan, AwsStep } from '../replay-aws.ts';
import { deniedInstanceBurst } from './assume-role.ts';
import { commandInvocations, sendCommand } from './ssm.ts';

const downloadUserData: AwsPlan = (ctx) =>
  deniedInstanceBurst(
    ctx,
    `stratus-red-team-get-user-data-role-${ctx.suffix}`,
    'DescribeInstanceAttribute',
    15,
    (id) => ({ instanceId: id, attribute: 'userData' }),
  );

/** The discovery commands the SSM script runs with the AWS CLI, in order. */
const DISCOVERY: readonly [key: string, command: string, request: unknown][] = [
  ['sts:GetCallerIdentity', 'sts.get-caller-identity', null],
  ['s3:ListBuckets', 's3api.list-buckets', { Host: `s3.${AWS_REGION}.amazonaws.com` }],
  ['iam:GetAccountSummary', 'iam.get-account-summary', null],
  ['iam:ListRoles', 'iam.list-roles', null],
  ['iam:ListUsers', 'iam.list-users', null],
  ['iam:GetAccountAuthorizationDetails', 'iam.get-account-authorization-details', null],
  [
    'ec2:DescribeSnapshots',
    'ec2.describe-snapshots',
    { snapshotSet: {}, ownersSet: {}, restorableBySet: {}, filterSet: {} },
  ],
  ['cloudtrail:DescribeTrails', 'cloudtrail.describe-trails', null],
  ['guardduty:ListDetectors', 'guardduty.list-detectors', null],
];

/**
 * The operator sends one SSM command; the instance then runs the AWS CLI under its instance
 * role (IMDSv2), so the discovery calls come from the instance's own public address.
 */
const enumerateFromInstance: AwsPlan = (ctx) => {
  const instance = instanceId(ctx);
  const commandId = ctx.rng.uuid();
  const instanceIp = `54.${ctx.rng.int(144, 175)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(1, 254)}`;
  const role = roleSession(
    ctx.rng,
    ctx.account,
    `stratus-red-team-ec2-discovery-role-${ctx.suffix}`,
    instance,
    ctx.clock.now() - 900_000,
    { ec2RoleDelivery: '2.0' },
  );
  const discovery: AwsStep[] = DISCOVERY.map(([key, command, request]) => ({
    key,
    gapMs: [400, 1500],
    call: () => ({
      by: role,
      sourceIp: instanceIp,
      userAgent: `aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.167.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off command/${command}`,
      request,
      ...(key === 's3:ListBuckets'
        ? { additionalEventData: s3Transfer(ctx, 0, 1342), host: `s3.${ctx.region}.amazonaws.com` }
        : {}),
    }),
  }));
  return [
    sendCommand(ctx, [instance], commandId),
    ...discovery,
    commandInvocations(ctx, [instance], commandId, 3),
  ];
};

const SES_IDENTITIES = ['contoso.example', 'noreply@contoso.example', 'billing@contoso.example'];

const sesEnumerate: AwsPlan = (ctx) => {
  const call = (request: unknown = null): AwsCall => ({
    by: ctx.operator,
    request,
    host: `email.${ctx.region}.amazonaws.com`,
  });
  return [
    { key: 'ses:GetAccountSendingEnabled', call: () => call() },
    { key: 'ses:GetSendQuota', call: () => call() },
    { key: 'ses:ListIdentities', call: () => call() },
    { key: 'ses:GetIdentityVerificationAttributes', call: () => call({ identities: SES_IDENTITIES }) },
  ];
};

export const discoveryPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.discovery.ec2-download-user-data': downloadUserData,
  'aws.discovery.ec2-enumerate-from-instance': enumerateFromInstance,
  'aws.discovery.ses-enumerate': sesEnumerate,
};
