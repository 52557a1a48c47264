import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export const RESPONDER_ROLE_NAME = 'vigil-responder';
const DENY_ALL_POLICY = 'arn:aws:iam::aws:policy/AWSDenyAll';

export interface ResponderRoleProps {
  /** The security account where Vigil's playbook tasks run. */
  securityAccountId: string;
  /** Name of the role the playbook tasks run as there (`vigil-playbook-tasks`). */
  trustedRoleName: string;
  externalId: string;
}

/**
 * The role Vigil's playbooks assume in a member account. Only the playbook tasks' role in the
 * security account may assume it (with the ExternalId), and it may make only the calls the
 * playbooks make, never on Vigil's own roles.
 */
export class ResponderRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ResponderRoleProps) {
    super(scope, id);
    const trusted = `arn:aws:iam::${props.securityAccountId}:role/${props.trustedRoleName}`;
    this.role = new iam.Role(this, 'Role', {
      roleName: RESPONDER_ROLE_NAME,
      description: 'Assumed by Vigil playbooks to contain threats in this account',
      // The account principal plus aws:PrincipalArn, rather than the role ARN as principal, so
      // the trust survives the role being recreated and the stack deploys before the role exists.
      assumedBy: new iam.AccountPrincipal(props.securityAccountId).withConditions({
        StringEquals: { 'sts:ExternalId': props.externalId, 'aws:PrincipalArn': trusted },
      }),
    });
    const account = (resource: string) => `arn:aws:iam::*:${resource}`;
    const statements = [
      new iam.PolicyStatement({
        sid: 'ReadIdentities',
        actions: [
          'iam:ListAccessKeys',
          'iam:ListUserTags',
          'iam:ListRoleTags',
          'iam:GetUserPolicy',
          'iam:GetRolePolicy',
          'iam:GetLoginProfile',
          'iam:ListGroupsForUser',
          'iam:ListAttachedUserPolicies',
          'iam:ListUserPolicies',
        ],
        resources: [account('user/*'), account('role/*')],
      }),
      new iam.PolicyStatement({
        sid: 'ContainUsers',
        actions: ['iam:UpdateAccessKey', 'iam:DeleteLoginProfile'],
        resources: [account('user/*')],
      }),
      new iam.PolicyStatement({
        sid: 'RevokeSessions',
        actions: ['iam:PutUserPolicy', 'iam:DeleteUserPolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
        resources: [account('user/*'), account('role/*')],
      }),
      new iam.PolicyStatement({
        sid: 'DenyAllOnly',
        actions: ['iam:AttachUserPolicy', 'iam:DetachUserPolicy'],
        resources: [account('user/*')],
        conditions: { ArnEquals: { 'iam:PolicyARN': DENY_ALL_POLICY } },
      }),
      new iam.PolicyStatement({
        sid: 'NeverTouchVigil',
        effect: iam.Effect.DENY,
        notActions: ['iam:Get*', 'iam:List*'],
        resources: [account('role/vigil-*'), account('user/vigil-*')],
      }),
      new iam.PolicyStatement({
        sid: 'Describe',
        actions: [
          'ec2:DescribeSecurityGroupRules',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeInstances',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeNetworkAcls',
          'autoscaling:DescribeAutoScalingInstances',
        ],
        // EC2 and Auto Scaling Describe calls support no resource-level permissions.
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'SecurityGroups',
        actions: [
          'ec2:RevokeSecurityGroupIngress',
          'ec2:AuthorizeSecurityGroupIngress',
          'ec2:RevokeSecurityGroupEgress',
          'ec2:CreateSecurityGroup',
        ],
        resources: ['arn:aws:ec2:*:*:security-group/*', 'arn:aws:ec2:*:*:vpc/*'],
      }),
      new iam.PolicyStatement({
        sid: 'NetworkAcls',
        actions: ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAclEntry'],
        resources: ['arn:aws:ec2:*:*:network-acl/*'],
      }),
      new iam.PolicyStatement({
        sid: 'Isolate',
        actions: ['ec2:ModifyNetworkInterfaceAttribute'],
        resources: ['arn:aws:ec2:*:*:network-interface/*', 'arn:aws:ec2:*:*:security-group/*'],
      }),
      new iam.PolicyStatement({
        sid: 'Forensics',
        actions: ['ec2:CreateSnapshot'],
        resources: ['arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:*::snapshot/*'],
      }),
      new iam.PolicyStatement({
        sid: 'VigilTagsOnly',
        actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
        resources: [
          'arn:aws:ec2:*:*:instance/*',
          'arn:aws:ec2:*::snapshot/*',
          'arn:aws:ec2:*:*:security-group/*',
        ],
        conditions: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['vigil:*'] } },
      }),
      new iam.PolicyStatement({
        sid: 'AutoScaling',
        actions: ['autoscaling:DetachInstances', 'autoscaling:AttachInstances'],
        resources: ['arn:aws:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/*'],
      }),
    ];
    const policy = new iam.Policy(this, 'Playbooks', { statements });
    policy.attachToRole(this.role);
  }
}
