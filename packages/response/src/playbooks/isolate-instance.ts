import { PlanError } from '../errors.ts';
import type { Target } from '../targets.ts';
import { emptyPlan } from './plan-base.ts';
import { type AwsCall, isProtectedByTag, type Plan, type PlanContext } from './types.ts';

export const QUARANTINE_GROUP_NAME = 'vigil-quarantine';
export const ISOLATED_TAG = 'vigil:isolated';
const QUARANTINE_REF = '{{quarantineGroupId}}';

/**
 * Detaches the instance from its Auto Scaling group (so it is not replaced and terminated,
 * losing evidence), snapshots its volumes for forensics, swaps every interface's security
 * groups for a quarantine group with no rules, and tags it.
 */
export async function planIsolateInstance(target: Target, ctx: PlanContext): Promise<Plan> {
  const plan = emptyPlan('isolate-instance', target, ctx);
  if (target.kind !== 'instance')
    throw new TypeError(`isolate-instance needs an instance, got ${target.kind}`);
  const instance = await ctx.describe.instance(target.instanceId);
  if (!instance) throw new PlanError(`isolate-instance: instance ${target.instanceId} not found`);
  const tag = isProtectedByTag(instance.tags, ctx.protectedTags);
  if (tag) return { ...plan, skip: `${target.instanceId} is protected by tag ${tag}` };
  if (instance.tags[ISOLATED_TAG]) return { ...plan, skip: `${target.instanceId} is already isolated` };
  const asg = await ctx.describe.autoScalingGroupOf(target.instanceId);
  let quarantine = await ctx.describe.quarantineGroup(instance.vpcId);
  plan.before = { interfaces: instance.interfaces, autoScalingGroup: asg ?? null, volumes: instance.volumes };

  if (!quarantine) {
    plan.calls.push(
      {
        service: 'ec2',
        name: 'CreateSecurityGroup',
        input: {
          GroupName: QUARANTINE_GROUP_NAME,
          Description: 'Vigil quarantine: no inbound or outbound traffic',
          VpcId: instance.vpcId,
          TagSpecifications: [
            { ResourceType: 'security-group', Tags: [{ Key: 'vigil:managed', Value: 'true' }] },
          ],
        },
        saveAs: { name: 'quarantineGroupId', field: 'GroupId' },
      },
      {
        service: 'ec2',
        name: 'RevokeSecurityGroupEgress',
        input: {
          GroupId: QUARANTINE_REF,
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      },
    );
    quarantine = QUARANTINE_REF;
  }
  if (asg) {
    plan.calls.push({
      service: 'autoscaling',
      name: 'DetachInstances',
      input: {
        AutoScalingGroupName: asg,
        InstanceIds: [target.instanceId],
        ShouldDecrementDesiredCapacity: false,
      },
    });
  }
  for (const volume of instance.volumes) {
    plan.calls.push({
      service: 'ec2',
      name: 'CreateSnapshot',
      input: {
        VolumeId: volume,
        Description: `Vigil forensics of ${target.instanceId} for finding ${ctx.findingUid}`,
        TagSpecifications: [
          { ResourceType: 'snapshot', Tags: [{ Key: 'vigil:finding', Value: ctx.findingUid }] },
        ],
      },
    });
  }
  for (const eni of instance.interfaces) {
    plan.calls.push({
      service: 'ec2',
      name: 'ModifyNetworkInterfaceAttribute',
      input: { NetworkInterfaceId: eni.id, Groups: [quarantine] },
    });
  }
  plan.calls.push({
    service: 'ec2',
    name: 'CreateTags',
    input: { Resources: [target.instanceId], Tags: [{ Key: ISOLATED_TAG, Value: ctx.findingUid }] },
  });
  return plan;
}

/** Gives every interface its groups back, removes the tag and re-attaches to the Auto Scaling group; snapshots stay as evidence. */
export function rollbackIsolateInstance(plan: Plan): AwsCall[] {
  if (plan.target.kind !== 'instance') return [];
  const instanceId = plan.target.instanceId;
  const before = plan.before as {
    interfaces: { id: string; groups: string[] }[];
    autoScalingGroup: string | null;
  };
  const calls: AwsCall[] = before.interfaces.map((eni) => ({
    service: 'ec2',
    name: 'ModifyNetworkInterfaceAttribute',
    input: { NetworkInterfaceId: eni.id, Groups: eni.groups },
  }));
  calls.push({
    service: 'ec2',
    name: 'DeleteTags',
    input: { Resources: [instanceId], Tags: [{ Key: ISOLATED_TAG }] },
  });
  if (before.autoScalingGroup) {
    calls.push({
      service: 'autoscaling',
      name: 'AttachInstances',
      input: { AutoScalingGroupName: before.autoScalingGroup, InstanceIds: [instanceId] },
    });
  }
  return calls;
}
