import type { Target } from '../targets.ts';
import { emptyPlan } from './plan-base.ts';
import {
  type AwsCall,
  isProtectedByTag,
  type Plan,
  type PlanContext,
  type SecurityGroupRule,
} from './types.ts';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

function opensPort(rule: SecurityGroupRule, ports: readonly number[]): boolean {
  if (rule.IpProtocol === '-1') return true;
  if (rule.IpProtocol !== 'tcp' && rule.IpProtocol !== '6') return false;
  return ports.some((p) => rule.FromPort <= p && p <= rule.ToPort);
}

/**
 * Revokes exactly the ingress rules that open an administrative port to 0.0.0.0/0 or ::/0,
 * by rule id, and keeps each rule as it was so a rollback can authorize it again.
 */
export async function planBlockSgExposure(target: Target, ctx: PlanContext): Promise<Plan> {
  const plan = emptyPlan('block-sg-exposure', target, ctx);
  if (target.kind !== 'security-group')
    throw new TypeError(`block-sg-exposure needs a security group, got ${target.kind}`);
  const tag = isProtectedByTag(await ctx.describe.securityGroupTags(target.groupId), ctx.protectedTags);
  if (tag) return { ...plan, skip: `${target.groupId} is protected by tag ${tag}` };
  const described = await ctx.describe.securityGroupRules(target.groupId);
  // Offline, the rules are one symbolic stand-in: there is nothing to filter yet.
  const rules = ctx.describe.offline
    ? described
    : described.filter(
        (r) => !r.IsEgress && WORLD.has(r.CidrIpv4 ?? r.CidrIpv6 ?? '') && opensPort(r, target.ports),
      );
  plan.before.rules = rules;
  if (rules.length === 0)
    return { ...plan, skip: `${target.groupId} no longer opens an admin port to the internet` };
  plan.calls.push({
    service: 'ec2',
    name: 'RevokeSecurityGroupIngress',
    input: { GroupId: target.groupId, SecurityGroupRuleIds: rules.map((r) => r.SecurityGroupRuleId) },
  });
  return plan;
}

/** Authorizes the revoked rules again, with their original ranges and descriptions. */
export function rollbackBlockSgExposure(plan: Plan): AwsCall[] {
  if (plan.target.kind !== 'security-group') return [];
  const rules = (plan.before.rules ?? []) as SecurityGroupRule[];
  if (rules.length === 0) return [];
  return [
    {
      service: 'ec2',
      name: 'AuthorizeSecurityGroupIngress',
      input: {
        GroupId: plan.target.groupId,
        IpPermissions: rules.map((r) => ({
          IpProtocol: r.IpProtocol,
          FromPort: r.FromPort,
          ToPort: r.ToPort,
          ...(r.CidrIpv4
            ? { IpRanges: [{ CidrIp: r.CidrIpv4, ...(r.Description ? { Description: r.Description } : {}) }] }
            : {}),
          ...(r.CidrIpv6
            ? {
                Ipv6Ranges: [
                  { CidrIpv6: r.CidrIpv6, ...(r.Description ? { Description: r.Description } : {}) },
                ],
              }
            : {}),
        })),
      },
    },
  ];
}
