import { Stack, Validations } from 'aws-cdk-lib';
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
    const here = Stack.of(this).account;
    const account = (resource: string) => `arn:aws:iam::${here}:${resource}`;
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
        resources: [`arn:aws:ec2:*:${here}:security-group/*`, `arn:aws:ec2:*:${here}:vpc/*`],
      }),
      new iam.PolicyStatement({
        sid: 'NetworkAcls',
        actions: ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAclEntry'],
        resources: [`arn:aws:ec2:*:${here}:network-acl/*`],
      }),
      new iam.PolicyStatement({
        sid: 'Isolate',
        actions: ['ec2:ModifyNetworkInterfaceAttribute'],
        resources: [`arn:aws:ec2:*:${here}:network-interface/*`, `arn:aws:ec2:*:${here}:security-group/*`],
      }),
      new iam.PolicyStatement({
        sid: 'Forensics',
        actions: ['ec2:CreateSnapshot'],
        resources: [`arn:aws:ec2:*:${here}:volume/*`, 'arn:aws:ec2:*::snapshot/*'],
      }),
      new iam.PolicyStatement({
        sid: 'VigilTagsOnly',
        actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
        resources: [
          `arn:aws:ec2:*:${here}:instance/*`,
          'arn:aws:ec2:*::snapshot/*',
          `arn:aws:ec2:*:${here}:security-group/*`,
        ],
        conditions: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['vigil:*'] } },
      }),
      new iam.PolicyStatement({
        sid: 'AutoScaling',
        actions: ['autoscaling:DetachInstances', 'autoscaling:AttachInstances'],
        resources: [`arn:aws:autoscaling:*:${here}:autoScalingGroup:*:autoScalingGroupName/*`],
      }),
    ];
    const policy = new iam.Policy(this, 'Playbooks', { statements });
    policy.attachToRole(this.role);
    const wildcards = new Set(
      statements
        .filter((st) => st.effect === iam.Effect.ALLOW)
        .flatMap((st) => st.resources)
        .filter((r) => r.includes('*'))
        .map((r) => r.replace(/\$\{Token\[AWS\.AccountId\.\d+\]\}/g, '<AWS::AccountId>')),
    );
    for (const resource of wildcards) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          resource === '*'
            ? 'EC2 and Auto Scaling Describe calls support no resource-level permissions; the statement allows only the Describe calls the playbooks make.'
            : 'A playbook acts on whichever resource of this type in this account a finding names; the statement allows only the exact calls the playbooks make on it (deny-all as the only attachable policy, vigil:* tags only, Vigil roles denied).',
      });
    }
  }
}
