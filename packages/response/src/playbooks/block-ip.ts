import { PlanError } from '../errors.ts';
import type { Target } from '../targets.ts';
import { emptyPlan, isoSeconds } from './plan-base.ts';
import type { AwsCall, Plan, PlanContext } from './types.ts';

export interface BlockIpSettings {
  ruleNumbers: { from: number; to: number };
  expiresAfterHours: number;
}

function cidrOf(ip: string): { CidrBlock: string } | { Ipv6CidrBlock: string } {
  return ip.includes(':') ? { Ipv6CidrBlock: `${ip}/128` } : { CidrBlock: `${ip}/32` };
}

/**
 * Adds inbound and outbound deny entries for the address to the network ACL of the subnet
 * the finding's interface is in, at the lowest free rule numbers of Vigil's range (low
 * numbers are evaluated first, so the deny wins over the VPC's allows).
 */
export async function planBlockIp(
  target: Target,
  ctx: PlanContext,
  settings: BlockIpSettings,
): Promise<Plan> {
  const plan = emptyPlan('block-ip', target, ctx);
  if (target.kind !== 'ip') throw new TypeError(`block-ip needs an address, got ${target.kind}`);
  if (!target.networkInterfaceId)
    throw new PlanError(`block-ip: the finding names no network interface for ${target.ip}`);
  const eni = await ctx.describe.networkInterface(target.networkInterfaceId);
  if (!eni) throw new PlanError(`block-ip: network interface ${target.networkInterfaceId} not found`);
  const acl = await ctx.describe.networkAclOf(eni.subnetId);
  if (!acl) throw new PlanError(`block-ip: no network ACL is associated with subnet ${eni.subnetId}`);
  const cidr = cidrOf(target.ip);
  const cidrValue = Object.values(cidr)[0];
  plan.before = { vpcId: eni.vpcId, subnetId: eni.subnetId, networkAclId: acl.id, entries: acl.entries };
  plan.expiresAt = isoSeconds(ctx.now + settings.expiresAfterHours * 3_600_000);
  for (const egress of [false, true]) {
    const same = acl.entries.filter((e) => e.Egress === egress);
    if (same.some((e) => e.RuleAction === 'deny' && (e.CidrBlock ?? e.Ipv6CidrBlock) === cidrValue)) continue;
    const used = new Set(same.map((e) => e.RuleNumber));
    let ruleNumber = settings.ruleNumbers.from;
    while (used.has(ruleNumber) && ruleNumber <= settings.ruleNumbers.to) ruleNumber++;
    if (ruleNumber > settings.ruleNumbers.to) {
      throw new PlanError(
        `block-ip: ${acl.id} has no free ${egress ? 'outbound' : 'inbound'} rule number in ${settings.ruleNumbers.from}-${settings.ruleNumbers.to}`,
      );
    }
    plan.calls.push({
      service: 'ec2',
      name: 'CreateNetworkAclEntry',
      input: {
        NetworkAclId: acl.id,
        RuleNumber: ruleNumber,
        Egress: egress,
        Protocol: '-1',
        RuleAction: 'deny',
        ...cidr,
      },
    });
  }
  if (plan.calls.length === 0) return { ...plan, skip: `${target.ip} is already denied by ${acl.id}` };
  return plan;
}

/** Deletes the entries the plan created; the expiry path runs this too. */
export function rollbackBlockIp(plan: Plan): AwsCall[] {
  return plan.calls
    .filter((c) => c.name === 'CreateNetworkAclEntry')
    .map((c) => ({
      service: 'ec2',
      name: 'DeleteNetworkAclEntry',
      input: { NetworkAclId: c.input.NetworkAclId, RuleNumber: c.input.RuleNumber, Egress: c.input.Egress },
    }));
}
