import { awsDisplayTime } from '../../clock.ts';
import type { AwsContext } from '../context.ts';
import { longTermKey, uniqueId } from '../identity.ts';
import type { AwsPlan, AwsStep } from '../replay-aws.ts';

const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
const DENY_ALL = 'arn:aws:iam::aws:policy/AWSDenyAll';
/** The fictitious attacker account of the IAM backdoor techniques. */
const ATTACKER_ROOT = 'arn:aws:iam::193672423079:root';
const STRATUS_TAGS = [{ key: 'StratusRedTeam', value: 'true' }];

const trustExternalAccount = (services: string[] = []) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      ...services.map((s) => ({ Effect: 'Allow', Principal: { Service: s }, Action: 'sts:AssumeRole' })),
      { Effect: 'Allow', Principal: { AWS: ATTACKER_ROOT }, Action: 'sts:AssumeRole' },
    ],
  });

function createAccessKey(ctx: AwsContext, userName: string): AwsStep {
  return {
    key: 'iam:CreateAccessKey',
    call: () => ({
      by: ctx.operator,
      request: { userName },
      response: {
        accessKey: {
          userName,
          accessKeyId: longTermKey(ctx.rng),
          status: 'Active',
          createDate: awsDisplayTime(ctx.clock.now()),
        },
      },
    }),
  };
}

const backdoorRole: AwsPlan = (ctx) => [
  {
    key: 'iam:UpdateAssumeRolePolicy',
    call: () => ({
      by: ctx.operator,
      request: {
        roleName: `stratus-red-team-backdoor-role-${ctx.suffix}`,
        policyDocument: trustExternalAccount(['ec2.amazonaws.com']),
      },
    }),
  },
];

const backdoorUser: AwsPlan = (ctx) => [createAccessKey(ctx, `stratus-red-team-backdoor-user-${ctx.suffix}`)];

const createAdminUser: AwsPlan = (ctx) => {
  const userName = `stratus-red-team-admin-user-${ctx.suffix}`;
  return [
    {
      key: 'iam:CreateUser',
      call: () => ({
        by: ctx.operator,
        request: { userName, tags: STRATUS_TAGS },
        response: {
          user: {
            path: '/',
            userName,
            userId: uniqueId(ctx.rng, 'AIDA'),
            arn: `arn:aws:iam::${ctx.account}:user/${userName}`,
            createDate: awsDisplayTime(ctx.clock.now()),
            tags: STRATUS_TAGS,
          },
        },
      }),
    },
    {
      key: 'iam:AttachUserPolicy',
      call: () => ({ by: ctx.operator, request: { userName, policyArn: ADMINISTRATOR_ACCESS } }),
    },
    createAccessKey(ctx, userName),
  ];
};

/** The trust policy names the attacker's account; a deny-all boundary keeps the role harmless. */
const createBackdoorRole: AwsPlan = (ctx) => {
  const roleName = `stratus-red-team-malicious-iam-role-${ctx.suffix}`;
  const trust = trustExternalAccount();
  return [
    {
      key: 'iam:CreateRole',
      call: () => ({
        by: ctx.operator,
        request: {
          roleName,
          assumeRolePolicyDocument: trust,
          permissionsBoundary: DENY_ALL,
          tags: STRATUS_TAGS,
        },
        response: {
          role: {
            path: '/',
            roleName,
            roleId: uniqueId(ctx.rng, 'AROA'),
            arn: `arn:aws:iam::${ctx.account}:role/${roleName}`,
            createDate: awsDisplayTime(ctx.clock.now()),
            assumeRolePolicyDocument: encodeURIComponent(trust),
            permissionsBoundary: { permissionsBoundaryType: 'Policy', permissionsBoundaryArn: DENY_ALL },
            tags: STRATUS_TAGS,
          },
        },
      }),
    },
    {
      key: 'iam:AttachRolePolicy',
      call: () => ({ by: ctx.operator, request: { roleName, policyArn: ADMINISTRATOR_ACCESS } }),
    },
  ];
};

/**
 * CloudTrail never logs the password. The measured run also recorded the revert's
 * DeleteLoginProfile, which is replayed with it.
 */
const createLoginProfile: AwsPlan = (ctx) => {
  const userName = `stratus-red-team-login-profile-user-${ctx.suffix}`;
  return [
    {
      key: 'iam:CreateLoginProfile',
      call: () => ({
        by: ctx.operator,
        request: { userName, passwordResetRequired: false },
        response: {
          loginProfile: {
            userName,
            createDate: awsDisplayTime(ctx.clock.now()),
            passwordResetRequired: false,
          },
        },
      }),
    },
    {
      key: 'sts:GetCallerIdentity',
      call: () => ({ by: ctx.operator, host: `sts.${ctx.region}.amazonaws.com` }),
    },
    {
      key: 'iam:DeleteLoginProfile',
      gapMs: [20_000, 60_000],
      call: () => ({ by: ctx.operator, request: { userName } }),
    },
  ];
};

const updateLoginProfile: AwsPlan = (ctx) => [
  {
    key: 'iam:UpdateLoginProfile',
    call: () => ({
      by: ctx.operator,
      request: {
        userName: `stratus-red-team-update-login-profile-user-${ctx.suffix}`,
        passwordResetRequired: false,
      },
    }),
  },
];

export const iamPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.persistence.iam-backdoor-role': backdoorRole,
  'aws.persistence.iam-backdoor-user': backdoorUser,
  'aws.persistence.iam-create-admin-user': createAdminUser,
  'aws.persistence.iam-create-backdoor-role': createBackdoorRole,
  'aws.persistence.iam-create-user-login-profile': createLoginProfile,
  'aws.privilege-escalation.iam-update-user-login-profile': updateLoginProfile,
};
