import { type AuditEvent, type AuditTarget, auditRecord } from '../../formats/azure-audit.ts';
import type { AwsCall } from '../../formats/cloudtrail.ts';
import { MS_APPS, MS_RESOURCES } from '../../org/azure.ts';
import type { Human } from '../../org/people.ts';
import { consoleDate, MINUTE, SECOND } from '../../time.ts';
import { type AwsActor, act } from '../aws-emit.ts';
import { emitGcp, projectIamChange } from '../gcp-calls.ts';
import { consoleRole, consoleSelf } from './aws-access.ts';
import { type HumanContext, rotatedKey } from './context.ts';
import { entraSignIn } from './entra.ts';

const IAM = 'iam.amazonaws.com';
const GROUPS: Record<Human['role'], string> = {
  engineer: 'Engineers',
  admin: 'PlatformAdmins',
  analyst: 'Analysts',
  security: 'SecurityTeam',
};
const CHANGE_PASSWORD_POLICY = 'arn:aws:iam::aws:policy/IAMUserChangePassword';

function iam(
  name: string,
  request: Record<string, unknown> | null,
  response?: Record<string, unknown>,
): AwsCall {
  return { source: IAM, name, readOnly: false, request, response: response ?? null };
}

function mfaSerial(account: string, person: Human): string {
  return `arn:aws:iam::${account}:mfa/${person.key}`;
}

/** Runs calls one after the other, a few seconds apart, as someone clicking through the console. */
function sequence(actor: AwsActor, time: number, calls: readonly AwsCall[]): number {
  const { rng } = actor.day;
  let t = time;
  for (const call of calls) {
    act(actor, t, call);
    t += rng.int(4, 40) * SECOND;
  }
  return t;
}

function directory(
  ctx: HumanContext,
  time: number,
  event: Omit<AuditEvent, 'tenantId' | 'initiatedBy' | 'correlationId' | 'service'>,
): void {
  const { rng, org } = ctx.day;
  ctx.day.emit(
    'azure',
    time,
    ctx.human.entraId,
    auditRecord(rng, time, {
      tenantId: org.azure.tenantId,
      service: 'Core Directory',
      initiatedBy: { user: { id: ctx.human.entraId, upn: ctx.human.upn, ip: ctx.plan.where.ip } },
      correlationId: rng.uuid(),
      ...event,
    }),
  );
}

function userTarget(person: Human, modified: AuditTarget['modifiedProperties'] = []): AuditTarget {
  return {
    id: person.entraId,
    displayName: null,
    type: 'User',
    userPrincipalName: person.upn,
    modifiedProperties: modified,
  };
}

function groupChange(ctx: HumanContext, time: number, person: Human, groupName: string, add: boolean): void {
  const group = ctx.day.org.azure.groups.find((g) => g.name === groupName)!;
  directory(ctx, time, {
    activity: add ? 'Add member to group' : 'Remove member from group',
    category: 'GroupManagement',
    operationType: add ? 'Assign' : 'Unassign',
    targets: [
      userTarget(person, [
        {
          displayName: 'Group.ObjectID',
          oldValue: add ? null : `"${group.id}"`,
          newValue: add ? `"${group.id}"` : null,
        },
        {
          displayName: 'Group.DisplayName',
          oldValue: add ? null : `"${group.name}"`,
          newValue: add ? `"${group.name}"` : null,
        },
      ]),
      { id: group.id, displayName: group.name, type: 'Group' },
    ],
  });
}

const TEAM_GROUP: Record<Human['role'], string> = {
  engineer: 'sg-engineering',
  admin: 'sg-platform-admins',
  analyst: 'sg-data-analysts',
  security: 'sg-security',
};

/**
 * Onboarding a new starter: an IAM user with a console password that must be changed, the
 * change-password policy and the team group, and an MFA device enrolled with them; an Entra
 * account in the staff and team groups; read access in Google Cloud for analysts.
 */
export function onboard(ctx: HumanContext, joiner: Human, time: number): number {
  const { rng, org } = ctx.day;
  const account = org.aws.security;
  const { actor, time: ready } = consoleRole(ctx, account, 'PlatformAdmin', 'us-east-1', time);
  const arn = `arn:aws:iam::${account.id}:user/${joiner.key}`;
  const serial = mfaSerial(account.id, joiner);
  let t = sequence({ ...actor, caller: { ...actor.caller, userAgent: 'AWS Internal' } }, ready, [
    iam(
      'CreateUser',
      { userName: joiner.key, tags: [{ key: 'team', value: GROUPS[joiner.role] }] },
      {
        user: {
          path: '/',
          userName: joiner.key,
          userId: joiner.aws.principalId,
          arn,
          createDate: consoleDate(ready),
        },
      },
    ),
    iam(
      'CreateLoginProfile',
      { userName: joiner.key, passwordResetRequired: true },
      {
        loginProfile: { userName: joiner.key, createDate: consoleDate(ready), passwordResetRequired: true },
      },
    ),
    iam('AddUserToGroup', { groupName: GROUPS[joiner.role], userName: joiner.key }),
    iam('AttachUserPolicy', { userName: joiner.key, policyArn: CHANGE_PASSWORD_POLICY }),
    iam(
      'CreateVirtualMFADevice',
      { virtualMFADeviceName: joiner.key, path: '/' },
      {
        virtualMFADevice: { serialNumber: serial },
      },
    ),
    iam('EnableMFADevice', { userName: joiner.key, serialNumber: serial }),
  ]);
  t = entraSignIn(ctx, t + rng.int(2, 10) * MINUTE, MS_APPS.azurePortal, MS_RESOURCES.management);
  directory(ctx, t, {
    activity: 'Add user',
    category: 'UserManagement',
    operationType: 'Add',
    targets: [
      userTarget(joiner, [
        { displayName: 'AccountEnabled', oldValue: '[]', newValue: '[true]' },
        { displayName: 'DisplayName', oldValue: '[]', newValue: `["${joiner.display}"]` },
        { displayName: 'UserPrincipalName', oldValue: '[]', newValue: `["${joiner.upn}"]` },
        { displayName: 'UserType', oldValue: '[]', newValue: '["Member"]' },
      ]),
    ],
  });
  t += rng.int(20, 90) * SECOND;
  groupChange(ctx, t, joiner, 'sg-all-staff', true);
  t += rng.int(10, 60) * SECOND;
  groupChange(ctx, t, joiner, TEAM_GROUP[joiner.role], true);
  if (joiner.clouds.gcp) {
    t += rng.int(1, 5) * MINUTE;
    const role = joiner.role === 'analyst' ? 'roles/bigquery.dataViewer' : 'roles/viewer';
    emitGcp(
      ctx.day,
      t,
      {
        principal: ctx.human.upn,
        callerIp: ctx.plan.where.ip,
        userAgent: `${ctx.human.client.browser},gzip(gfe)`,
      },
      projectIamChange(rng, org.gcp.data, `user:${joiner.upn}`, role, 'ADD'),
    );
  }
  return t + rng.int(1, 5) * MINUTE;
}

/**
 * Offboarding a leaver, in the order IAM requires: keys, console password and MFA device,
 * group and policies, then the user; the Entra account is disabled and taken out of its groups.
 */
export function offboard(ctx: HumanContext, leaver: Human, time: number): number {
  const { rng, org } = ctx.day;
  const account = org.aws.security;
  const { actor, time: ready } = consoleRole(ctx, account, 'PlatformAdmin', 'us-east-1', time);
  const serial = mfaSerial(account.id, leaver);
  act(actor, ready, {
    source: IAM,
    name: 'ListAccessKeys',
    readOnly: true,
    request: { userName: leaver.key },
  });
  let t = sequence(
    { ...actor, caller: { ...actor.caller, userAgent: 'AWS Internal' } },
    ready + 20 * SECOND,
    [
      iam('UpdateAccessKey', {
        userName: leaver.key,
        accessKeyId: leaver.aws.accessKeyId,
        status: 'Inactive',
      }),
      iam('DeleteAccessKey', { userName: leaver.key, accessKeyId: leaver.aws.accessKeyId }),
      iam('DeleteLoginProfile', { userName: leaver.key }),
      iam('DeactivateMFADevice', { userName: leaver.key, serialNumber: serial }),
      iam('DeleteVirtualMFADevice', { serialNumber: serial }),
      iam('RemoveUserFromGroup', { groupName: GROUPS[leaver.role], userName: leaver.key }),
      iam('DetachUserPolicy', { userName: leaver.key, policyArn: CHANGE_PASSWORD_POLICY }),
      iam('DeleteUser', { userName: leaver.key }),
    ],
  );
  t = entraSignIn(ctx, t + rng.int(2, 10) * MINUTE, MS_APPS.azurePortal, MS_RESOURCES.management);
  directory(ctx, t, {
    activity: 'Disable account',
    category: 'UserManagement',
    operationType: 'Update',
    targets: [
      userTarget(leaver, [{ displayName: 'AccountEnabled', oldValue: '[true]', newValue: '[false]' }]),
    ],
  });
  t += rng.int(20, 90) * SECOND;
  groupChange(ctx, t, leaver, TEAM_GROUP[leaver.role], false);
  t += rng.int(10, 60) * SECOND;
  groupChange(ctx, t, leaver, 'sg-all-staff', false);
  if (leaver.clouds.gcp) {
    t += rng.int(1, 5) * MINUTE;
    emitGcp(
      ctx.day,
      t,
      {
        principal: ctx.human.upn,
        callerIp: ctx.plan.where.ip,
        userAgent: `${ctx.human.client.browser},gzip(gfe)`,
      },
      projectIamChange(rng, org.gcp.data, `user:${leaver.upn}`, 'roles/viewer', 'REMOVE'),
    );
  }
  return t + rng.int(1, 5) * MINUTE;
}

/** A new starter's first sign-ins: the temporary console password replaced, MFA registered in Entra. */
export function firstLogin(ctx: HumanContext, time: number): number {
  const { rng } = ctx.day;
  const { actor, time: t } = consoleSelf(ctx, time);
  act(actor, t + rng.int(10, 40) * SECOND, iam('ChangePassword', null));
  let u = entraSignIn(ctx, t + rng.int(2, 8) * MINUTE, MS_APPS.officeHome, MS_RESOURCES.graph);
  u += rng.int(1, 3) * MINUTE;
  ctx.day.emit(
    'azure',
    u,
    ctx.human.entraId,
    auditRecord(rng, u, {
      tenantId: ctx.day.org.azure.tenantId,
      activity: 'User registered security info',
      category: 'UserManagement',
      operationType: 'Add',
      service: 'Authentication Methods',
      initiatedBy: { user: { id: ctx.human.entraId, upn: ctx.human.upn, ip: ctx.plan.where.ip } },
      targets: [userTarget(ctx.human)],
      additionalDetails: [{ key: 'Method', value: 'Authenticator app' }],
      correlationId: rng.uuid(),
    }),
  );
  return u;
}

/** Rotating one's own access key in the console: create the new one, retire the old one. */
export function rotateOwnKey(ctx: HumanContext, time: number): number {
  const { rng } = ctx.day;
  const { actor, time: ready } = consoleSelf(ctx, time);
  const old = ctx.accessKey;
  const fresh = rotatedKey(ctx.human, ctx.day);
  const userName = ctx.human.key;
  act(
    actor,
    ready,
    iam(
      'CreateAccessKey',
      { userName },
      {
        accessKey: { userName, accessKeyId: fresh, status: 'Active', createDate: consoleDate(ready) },
      },
    ),
  );
  ctx.accessKey = fresh;
  const later = ready + rng.int(10, 40) * MINUTE;
  return sequence(actor, later, [
    iam('UpdateAccessKey', { userName, accessKeyId: old, status: 'Inactive' }),
    iam('DeleteAccessKey', { userName, accessKeyId: old }),
  ]);
}
