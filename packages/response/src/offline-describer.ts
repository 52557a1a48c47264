import type { Describer } from './playbooks/types.ts';

/** Marks a value the AWS run would look up. */
const lookup = (what: string) => `⟨${what}⟩`;

/**
 * Answers a playbook's reads from nothing but the request, with symbolic values, so a plan
 * can be shown without AWS. Tags are unknown offline, so tag protection is never applied here.
 */
export function offlineDescriber(): Describer {
  return {
    offline: true,
    accessKeys: async (user) => [
      { AccessKeyId: lookup(`each active access key of ${user}`), Status: 'Active' },
    ],
    principalTags: async () => ({}),
    inlinePolicy: async () => undefined,
    loginProfile: async () => ({}),
    groupsForUser: async (user) => [lookup(`groups of ${user}`)],
    attachedUserPolicies: async (user) => [lookup(`managed policies of ${user}`)],
    userPolicyNames: async (user) => [lookup(`inline policies of ${user}`)],
    securityGroupRules: async (groupId) => [
      {
        SecurityGroupRuleId: lookup(`ingress rules of ${groupId} open to the internet on an admin port`),
        IpProtocol: lookup('protocol'),
        FromPort: -1,
        ToPort: -1,
        CidrIpv4: lookup('0.0.0.0/0 or ::/0'),
        Description: lookup('as recorded before the revoke'),
        IsEgress: false,
      },
    ],
    securityGroupTags: async () => ({}),
    instance: async (instanceId) => ({
      instanceId,
      vpcId: lookup(`VPC of ${instanceId}`),
      interfaces: [
        { id: lookup(`each network interface of ${instanceId}`), groups: [lookup('its security groups')] },
      ],
      volumes: [lookup(`each EBS volume of ${instanceId}`)],
      tags: {},
    }),
    quarantineGroup: async (vpcId) => lookup(`vigil-quarantine group of ${vpcId}, created if missing`),
    autoScalingGroupOf: async (instanceId) => lookup(`Auto Scaling group of ${instanceId}, if any`),
    networkInterface: async (id) => ({ vpcId: lookup(`VPC of ${id}`), subnetId: lookup(`subnet of ${id}`) }),
    networkAclOf: async (subnetId) => ({
      id: lookup(`network ACL of the ${subnetId.slice(1, -1)}`),
      entries: [],
    }),
  };
}
