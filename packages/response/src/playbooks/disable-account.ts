import type { Target } from '../targets.ts';
import { emptyPlan } from './plan-base.ts';
import { type AwsCall, isProtectedByTag, type Plan, type PlanContext } from './types.ts';

/** AWS managed policy denying every action; the responder role may attach no other policy. */
export const DENY_ALL_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSDenyAll';

/**
 * Deletes the user's console password, deactivates its active keys and attaches AWSDenyAll.
 * Groups and policies are recorded, not removed: deny-all already wins, and the record is
 * what makes the disable reversible.
 */
export async function planDisableAccount(target: Target, ctx: PlanContext): Promise<Plan> {
  const plan = emptyPlan('disable-account', target, ctx);
  if (target.kind !== 'principal' || target.principal.kind !== 'user') {
    throw new TypeError('disable-account needs an IAM user');
  }
  const user = target.principal.name;
  const d = ctx.describe;
  const tag = isProtectedByTag(await d.principalTags('user', user), ctx.protectedTags);
  if (tag) return { ...plan, skip: `${target.principal.arn} is protected by tag ${tag}` };
  const [loginProfile, keys, groups, attached, inline] = await Promise.all([
    d.loginProfile(user),
    d.accessKeys(user),
    d.groupsForUser(user),
    d.attachedUserPolicies(user),
    d.userPolicyNames(user),
  ]);
  plan.before = {
    loginProfile: loginProfile ?? null,
    accessKeys: keys,
    groups,
    attachedPolicies: attached,
    inlinePolicies: inline,
  };
  if (loginProfile) {
    plan.calls.push({ service: 'iam', name: 'DeleteLoginProfile', input: { UserName: user } });
    plan.manual = [`${user}'s console password cannot be restored; an administrator must set a new one`];
  }
  for (const key of keys.filter((k) => k.Status === 'Active')) {
    plan.calls.push({
      service: 'iam',
      name: 'UpdateAccessKey',
      input: { UserName: user, AccessKeyId: key.AccessKeyId, Status: 'Inactive' },
    });
  }
  if (!attached.includes(DENY_ALL_POLICY_ARN)) {
    plan.calls.push({
      service: 'iam',
      name: 'AttachUserPolicy',
      input: { UserName: user, PolicyArn: DENY_ALL_POLICY_ARN },
    });
  }
  if (plan.calls.length === 0) return { ...plan, skip: `${user} is already disabled` };
  return plan;
}

/** Re-activates the keys that were active and detaches the deny-all it attached. */
export function rollbackDisableAccount(plan: Plan): AwsCall[] {
  if (plan.target.kind !== 'principal') return [];
  const user = plan.target.principal.name;
  const before = plan.before as {
    accessKeys: { AccessKeyId: string; Status: string }[];
    attachedPolicies: string[];
  };
  const calls: AwsCall[] = before.accessKeys
    .filter((k) => k.Status === 'Active')
    .map((k) => ({
      service: 'iam',
      name: 'UpdateAccessKey',
      input: { UserName: user, AccessKeyId: k.AccessKeyId, Status: 'Active' },
    }));
  if (!before.attachedPolicies.includes(DENY_ALL_POLICY_ARN)) {
    calls.push({
      service: 'iam',
      name: 'DetachUserPolicy',
      input: { UserName: user, PolicyArn: DENY_ALL_POLICY_ARN },
    });
  }
  return calls;
}
