import { type AwsContext, instanceId } from '../context.ts';
import { roleSession } from '../identity.ts';
import type { AwsPlan, AwsStep } from '../replay-aws.ts';
import { deniedInstanceBurst } from './assume-role.ts';
import { commandInvocations, sendCommand, waitForSsm } from './ssm.ts';

const STRATUS_TAG_FILTER = [{ key: 'tag-key', values: ['StratusRedTeam'] }];

const secretArn = (ctx: AwsContext, name: string) =>
  `arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${name}-${ctx.rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 6)}`;

const getPasswordData: AwsPlan = (ctx) =>
  deniedInstanceBurst(
    ctx,
    `stratus-red-team-get-password-data-role-${ctx.suffix}`,
    'GetPasswordData',
    30,
    (id) => ({ instanceId: id }),
  );

/**
 * SSM runs `curl` against IMDSv1 on the instance; the operator then calls AWS with the instance
 * role's credentials from its own address, so the session named after the instance id calls
 * from outside AWS.
 */
const stealInstanceCredentials: AwsPlan = (ctx) => {
  const instance = instanceId(ctx);
  const commandId = ctx.rng.uuid();
  const stolen = roleSession(
    ctx.rng,
    ctx.account,
    `stratus-red-team-ec2-steal-credentials-role-${ctx.suffix}`,
    instance,
    ctx.clock.now() - 1_800_000,
    { ec2RoleDelivery: '1.0' },
  );
  return [
    waitForSsm(ctx, [instance], 30),
    sendCommand(ctx, [instance], commandId),
    commandInvocations(ctx, [instance], commandId, 4),
    { key: 'sts:GetCallerIdentity', call: () => ({ by: stolen }) },
    {
      key: 'ec2:DescribeInstances',
      call: () => ({ by: stolen, request: { instancesSet: {}, filterSet: {} } }),
    },
  ];
};

const batchRetrieveSecrets: AwsPlan = (ctx) => [
  {
    key: 'secretsmanager:BatchGetSecretValue',
    count: 5,
    call: (i) => ({
      by: ctx.operator,
      request:
        i === 0
          ? { filters: STRATUS_TAG_FILTER, maxResults: 10 }
          : { filters: STRATUS_TAG_FILTER, maxResults: 10, nextToken: ctx.rng.base64(96) },
    }),
  },
];

const retrieveSecrets: AwsPlan = (ctx) => [
  {
    key: 'secretsmanager:ListSecrets',
    call: () => ({ by: ctx.operator, request: { filters: STRATUS_TAG_FILTER } }),
  },
  {
    key: 'secretsmanager:GetSecretValue',
    count: 20,
    gapMs: [100, 600],
    call: (i) => ({
      by: ctx.operator,
      request: { secretId: secretArn(ctx, `stratus-red-team-retrieve-secret-${i}`) },
    }),
  },
];

/**
 * DescribeParameters pages of 10, each followed by GetParameters with decryption of the page's
 * Stratus parameters (30 in all; the pages also list other parameters of the region).
 */
const retrieveSsmParameters: AwsPlan = (ctx) => {
  const steps: AwsStep[] = [];
  for (let page = 0; page < 5; page++) {
    steps.push({
      key: 'ssm:DescribeParameters',
      call: () => ({
        by: ctx.operator,
        request: page === 0 ? { maxResults: 10 } : { maxResults: 10, nextToken: ctx.rng.base64(160) },
      }),
    });
    steps.push({
      key: 'ssm:GetParameters',
      call: () => ({
        by: ctx.operator,
        request: {
          names: Array.from(
            { length: 6 },
            (_, k) => `/credentials/stratus-red-team/credentials-${page * 6 + k}`,
          ),
          withDecryption: true,
        },
      }),
    });
  }
  return steps;
};

export const credentialAccessPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.credential-access.ec2-get-password-data': getPasswordData,
  'aws.credential-access.ec2-steal-instance-credentials': stealInstanceCredentials,
  'aws.credential-access.secretsmanager-batch-retrieve-secrets': batchRetrieveSecrets,
  'aws.credential-access.secretsmanager-retrieve-secrets': retrieveSecrets,
  'aws.credential-access.ssm-retrieve-securestring-parameters': retrieveSsmParameters,
};
