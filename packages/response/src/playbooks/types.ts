import type { PlaybookName } from '../guardrails.ts';
import type { Target } from '../targets.ts';

export type Service = 'iam' | 'ec2' | 'autoscaling';

/**
 * One AWS call, named exactly as the SDK v3 command (without `Command`) and with its input.
 * `saveAs` keeps a field of the output under a name later inputs refer to as `{{name}}`.
 */
export interface AwsCall {
  service: Service;
  name: string;
  input: Record<string, unknown>;
  saveAs?: { name: string; field: string };
}

/** What a playbook will do, computed before anything changes; it travels through the state machines as JSON. */
export interface Plan {
  playbook: PlaybookName;
  findingUid: string;
  account: string;
  region: string;
  target: Target;
  /** Mutating calls, in order. Empty when there is nothing to do (see `skip`). */
  calls: AwsCall[];
  /** What the calls will change, as read before them: rollback restores it. */
  before: Record<string, unknown>;
  /** Why nothing will be done (already in the wanted state, protected by tag…). */
  skip?: string;
  /** Things a rollback cannot restore and a human must. */
  manual?: string[];
  /** ISO time after which the action is undone (block-ip). */
  expiresAt?: string;
}

export interface SecurityGroupRule {
  SecurityGroupRuleId: string;
  IpProtocol: string;
  FromPort: number;
  ToPort: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  Description?: string;
  IsEgress: boolean;
}

export interface NetworkAclEntry {
  RuleNumber: number;
  Egress: boolean;
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
  RuleAction: string;
  Protocol: string;
}

export interface InstanceView {
  instanceId: string;
  vpcId: string;
  interfaces: { id: string; groups: string[] }[];
  volumes: string[];
  tags: Record<string, string>;
}

/**
 * The reads a playbook needs to plan. The AWS implementation calls Describe/List/Get APIs
 * through the responder role; the offline one answers from the finding alone with symbolic
 * values, so `pnpm detect --respond plan` shows the calls without an AWS account.
 */
export interface Describer {
  readonly offline: boolean;
  accessKeys(user: string): Promise<{ AccessKeyId: string; Status: string }[]>;
  principalTags(kind: 'user' | 'role', name: string): Promise<Record<string, string>>;
  inlinePolicy(kind: 'user' | 'role', name: string, policy: string): Promise<string | undefined>;
  loginProfile(user: string): Promise<{ CreateDate?: string; PasswordResetRequired?: boolean } | undefined>;
  groupsForUser(user: string): Promise<string[]>;
  attachedUserPolicies(user: string): Promise<string[]>;
  userPolicyNames(user: string): Promise<string[]>;
  securityGroupRules(groupId: string): Promise<SecurityGroupRule[]>;
  securityGroupTags(groupId: string): Promise<Record<string, string>>;
  instance(instanceId: string): Promise<InstanceView | undefined>;
  quarantineGroup(vpcId: string): Promise<string | undefined>;
  autoScalingGroupOf(instanceId: string): Promise<string | undefined>;
  networkInterface(id: string): Promise<{ vpcId: string; subnetId: string } | undefined>;
  networkAclOf(subnetId: string): Promise<{ id: string; entries: NetworkAclEntry[] } | undefined>;
}

export interface PlanContext {
  findingUid: string;
  account: string;
  region: string;
  describe: Describer;
  /** Epoch ms, from the caller's clock. */
  now: number;
  protectedTags: Record<string, string>;
}

/** True when the tags carry any protected key with its protected value. */
export function isProtectedByTag(
  tags: Record<string, string>,
  protectedTags: Record<string, string>,
): string | undefined {
  return Object.entries(protectedTags)
    .filter(([k, v]) => tags[k] === v)
    .map(([k, v]) => `${k}=${v}`)[0];
}
