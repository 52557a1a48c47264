import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { DescribeAutoScalingInstancesCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetLoginProfileCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListRoleTagsCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import { classifyAwsError } from './executor.ts';
import { QUARANTINE_GROUP_NAME } from './playbooks/isolate-instance.ts';
import type { Describer, NetworkAclEntry, SecurityGroupRule } from './playbooks/types.ts';

export interface ResponderClients {
  iam: IAMClient;
  ec2: EC2Client;
  autoscaling: AutoScalingClient;
}

function tagsOf(
  tags: { Key?: string | undefined; Value?: string | undefined }[] | undefined,
): Record<string, string> {
  return Object.fromEntries((tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : [])));
}

function notFound(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? '';
  return name === 'NoSuchEntityException' || name === 'NoSuchEntity' || name.endsWith('.NotFound');
}

async function orUndefined<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (notFound(error)) return undefined;
    throw classifyAwsError(error, 'describe');
  }
}

/** Reads through the responder role's clients; "not found" answers are values, throttling a ThrottledError. */
export function awsDescriber(c: ResponderClients): Describer {
  const read = <T>(p: Promise<T>) => p.catch((e) => Promise.reject(classifyAwsError(e, 'describe')));
  return {
    offline: false,
    async accessKeys(user) {
      const out = await read(c.iam.send(new ListAccessKeysCommand({ UserName: user })));
      return (out.AccessKeyMetadata ?? []).map((k) => ({
        AccessKeyId: k.AccessKeyId ?? '',
        Status: k.Status ?? '',
      }));
    },
    async principalTags(kind, name) {
      const out = await read(
        kind === 'user'
          ? c.iam.send(new ListUserTagsCommand({ UserName: name }))
          : c.iam.send(new ListRoleTagsCommand({ RoleName: name })),
      );
      return tagsOf(out.Tags);
    },
    async inlinePolicy(kind, name, policy) {
      const out = await orUndefined<{ PolicyDocument?: string | undefined }>(
        kind === 'user'
          ? c.iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: policy }))
          : c.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policy })),
      );
      // IAM returns policy documents URL-encoded.
      return out?.PolicyDocument ? decodeURIComponent(out.PolicyDocument) : undefined;
    },
    async loginProfile(user) {
      const out = await orUndefined(c.iam.send(new GetLoginProfileCommand({ UserName: user })));
      const p = out?.LoginProfile;
      if (!p) return undefined;
      return {
        ...(p.CreateDate ? { CreateDate: p.CreateDate.toISOString() } : {}),
        PasswordResetRequired: p.PasswordResetRequired ?? false,
      };
    },
    async groupsForUser(user) {
      const out = await read(c.iam.send(new ListGroupsForUserCommand({ UserName: user })));
      return (out.Groups ?? []).map((g) => g.GroupName ?? '');
    },
    async attachedUserPolicies(user) {
      const out = await read(c.iam.send(new ListAttachedUserPoliciesCommand({ UserName: user })));
      return (out.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? '');
    },
    async userPolicyNames(user) {
      const out = await read(c.iam.send(new ListUserPoliciesCommand({ UserName: user })));
      return out.PolicyNames ?? [];
    },
    async securityGroupRules(groupId) {
      const out = await read(
        c.ec2.send(
          new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
        ),
      );
      return (out.SecurityGroupRules ?? []).map(
        (r): SecurityGroupRule => ({
          SecurityGroupRuleId: r.SecurityGroupRuleId ?? '',
          IpProtocol: r.IpProtocol ?? '',
          FromPort: r.FromPort ?? -1,
          ToPort: r.ToPort ?? -1,
          IsEgress: r.IsEgress ?? false,
          ...(r.CidrIpv4 ? { CidrIpv4: r.CidrIpv4 } : {}),
          ...(r.CidrIpv6 ? { CidrIpv6: r.CidrIpv6 } : {}),
          ...(r.Description ? { Description: r.Description } : {}),
        }),
      );
    },
    async securityGroupTags(groupId) {
      const out = await read(c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })));
      return tagsOf(out.SecurityGroups?.[0]?.Tags);
    },
    async instance(instanceId) {
      const out = await orUndefined(c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })));
      const i = out?.Reservations?.[0]?.Instances?.[0];
      if (!i?.VpcId) return undefined;
      return {
        instanceId,
        vpcId: i.VpcId,
        interfaces: (i.NetworkInterfaces ?? []).map((n) => ({
          id: n.NetworkInterfaceId ?? '',
          groups: (n.Groups ?? []).map((g) => g.GroupId ?? ''),
        })),
        volumes: (i.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.VolumeId ? [b.Ebs.VolumeId] : [])),
        tags: tagsOf(i.Tags),
      };
    },
    async quarantineGroup(vpcId) {
      const out = await read(
        c.ec2.send(
          new DescribeSecurityGroupsCommand({
            Filters: [
              { Name: 'vpc-id', Values: [vpcId] },
              { Name: 'group-name', Values: [QUARANTINE_GROUP_NAME] },
            ],
          }),
        ),
      );
      return out.SecurityGroups?.[0]?.GroupId;
    },
    async autoScalingGroupOf(instanceId) {
      const out = await read(
        c.autoscaling.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [instanceId] })),
      );
      return out.AutoScalingInstances?.[0]?.AutoScalingGroupName;
    },
    async networkInterface(id) {
      const out = await orUndefined(
        c.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] })),
      );
      const n = out?.NetworkInterfaces?.[0];
      return n?.VpcId && n.SubnetId ? { vpcId: n.VpcId, subnetId: n.SubnetId } : undefined;
    },
    async networkAclOf(subnetId) {
      const out = await read(
        c.ec2.send(
          new DescribeNetworkAclsCommand({
            Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }],
          }),
        ),
      );
      const acl = out.NetworkAcls?.[0];
      if (!acl?.NetworkAclId) return undefined;
      return {
        id: acl.NetworkAclId,
        entries: (acl.Entries ?? []).map(
          (e): NetworkAclEntry => ({
            RuleNumber: e.RuleNumber ?? 0,
            Egress: e.Egress ?? false,
            RuleAction: e.RuleAction ?? '',
            Protocol: e.Protocol ?? '',
            ...(e.CidrBlock ? { CidrBlock: e.CidrBlock } : {}),
            ...(e.Ipv6CidrBlock ? { Ipv6CidrBlock: e.Ipv6CidrBlock } : {}),
          }),
        ),
      };
    },
  };
}
