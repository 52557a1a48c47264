import type { Principal, Target } from '../targets.ts';
import { emptyPlan, isoSeconds } from './plan-base.ts';
import { type AwsCall, isProtectedByTag, type Plan, type PlanContext } from './types.ts';

/** The policy name the IAM console uses for "Revoke active sessions"; reusing it keeps one such policy per principal. */
export const REVOKE_SESSIONS_POLICY = 'AWSRevokeOlderSessions';

/** Denies everything to credentials issued before `issuedBefore`: the AWS pattern for revoking sessions. */
export function revokeSessionsDocument(issuedBefore: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': issuedBefore } },
      },
    ],
  });
}

function putPolicy(p: Principal, document: string): AwsCall {
  return p.kind === 'user'
    ? {
        service: 'iam',
        name: 'PutUserPolicy',
        input: { UserName: p.name, PolicyName: REVOKE_SESSIONS_POLICY, PolicyDocument: document },
      }
    : {
        service: 'iam',
        name: 'PutRolePolicy',
        input: { RoleName: p.name, PolicyName: REVOKE_SESSIONS_POLICY, PolicyDocument: document },
      };
}

/**
 * Sets the access key the finding saw Inactive (never deletes it: the key id is evidence and
 * the change is reversible) and revokes the principal's sessions issued until now.
 */
export async function planRevokeAccessKey(target: Target, ctx: PlanContext): Promise<Plan> {
  const plan = emptyPlan('revoke-access-key', target, ctx);
  if (target.kind !== 'principal')
    throw new TypeError(`revoke-access-key needs a principal, got ${target.kind}`);
  const p = target.principal;
  if (p.kind !== 'user' && p.kind !== 'role')
    throw new TypeError(`revoke-access-key cannot act on ${p.kind}`);
  const tags = await ctx.describe.principalTags(p.kind, p.name);
  const tag = isProtectedByTag(tags, ctx.protectedTags);
  if (tag) return { ...plan, skip: `${p.arn} is protected by tag ${tag}` };

  if (p.kind === 'user' && p.accessKeyId) {
    const keys = await ctx.describe.accessKeys(p.name);
    const key =
      keys.find((k) => k.AccessKeyId === p.accessKeyId) ?? (ctx.describe.offline ? keys[0] : undefined);
    if (key) {
      plan.before.accessKey = { AccessKeyId: p.accessKeyId, Status: key.Status };
      if (key.Status !== 'Inactive') {
        plan.calls.push({
          service: 'iam',
          name: 'UpdateAccessKey',
          input: { UserName: p.name, AccessKeyId: p.accessKeyId, Status: 'Inactive' },
        });
      }
    } else {
      plan.manual = [`access key ${p.accessKeyId} no longer belongs to ${p.name}`];
    }
  }
  const previous = await ctx.describe.inlinePolicy(p.kind, p.name, REVOKE_SESSIONS_POLICY);
  plan.before.sessionPolicy = previous ?? null;
  plan.calls.push(putPolicy(p, revokeSessionsDocument(isoSeconds(ctx.now))));
  return plan;
}

/** Puts the key back in its recorded status and the session policy back as it was (or removes it). */
export function rollbackRevokeAccessKey(plan: Plan): AwsCall[] {
  if (plan.target.kind !== 'principal') return [];
  const p = plan.target.principal;
  const calls: AwsCall[] = [];
  const key = plan.before.accessKey as { AccessKeyId: string; Status: string } | undefined;
  if (key && key.Status === 'Active') {
    calls.push({
      service: 'iam',
      name: 'UpdateAccessKey',
      input: { UserName: p.name, AccessKeyId: key.AccessKeyId, Status: 'Active' },
    });
  }
  const previous = plan.before.sessionPolicy as string | null | undefined;
  if (previous) calls.push(putPolicy(p, previous));
  else if (p.kind === 'user')
    calls.push({
      service: 'iam',
      name: 'DeleteUserPolicy',
      input: { UserName: p.name, PolicyName: REVOKE_SESSIONS_POLICY },
    });
  else
    calls.push({
      service: 'iam',
      name: 'DeleteRolePolicy',
      input: { RoleName: p.name, PolicyName: REVOKE_SESSIONS_POLICY },
    });
  return calls;
}
