import { DescribeAutoScalingInstancesCommand } from '@aws-sdk/client-auto-scaling';
import {
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  GetLoginProfileCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListRoleTagsCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import { fixtureFinding } from '@vigil/response/testing';
import type { DetectionFinding } from '@vigil/schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalRun } from './local-machines.test-helper.ts';
import { busEvent, type Harness, startHarness } from './response-harness.test-helper.ts';

const DENY_ALL = 'arn:aws:iam::aws:policy/AWSDenyAll';
const REVOKE_DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Action: ['*'],
      Resource: ['*'],
      Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-11-22T10:00:00Z' } },
    },
  ],
});
const notFound = () =>
  Object.assign(new Error('The user policy cannot be found.'), { name: 'NoSuchEntityException' });

describe('playbooks and their rollbacks (synthesized definitions, real task code)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => h?.stop());
  beforeEach(() => h.reset());

  /** Runs triage for the finding, approving if asked, and returns the runner and audit store. */
  async function respond(finding: DetectionFinding, overrides = {}) {
    const { audit, local, answer } = await h.setup(overrides);
    let finished = false;
    const running = local.run('vigil-triage', busEvent(finding)).finally(() => {
      finished = true;
    });
    const approving = (async () => {
      while (!finished && local.approver.requested.length === 0) await new Promise((r) => setTimeout(r, 5));
      if (local.approver.requested.length > 0)
        await answer(finding.finding_info.uid, true, 'analyst@contoso.example');
    })();
    const out = (await running) as { outcome: { status: string } };
    await approving;
    return { audit, local, out };
  }

  async function rollback(local: LocalRun, finding: DetectionFinding, playbook: string) {
    h.reset();
    return local.run('vigil-rollback', {
      findingUid: finding.finding_info.uid,
      playbook,
      requestedBy: 'analyst@contoso.example',
    });
  }

  describe('revoke-access-key', () => {
    it('deactivates the user key (never deletes it) and revokes sessions; rollback restores both', async () => {
      h.iam.on(ListUserTagsCommand).resolves({ Tags: [] });
      h.iam.on(ListAccessKeysCommand, { UserName: 'carol' }).resolves({
        AccessKeyMetadata: [{ UserName: 'carol', AccessKeyId: 'AKIAY34FZKBOCAROLK01', Status: 'Active' }],
      });
      h.iam.on(GetUserPolicyCommand).rejects(notFound());
      const finding = fixtureFinding('aws-sts-federation-token-issued');
      const { audit, local, out } = await respond(finding);
      expect(out.outcome.status).toBe('succeeded');
      expect(h.mutations()).toEqual([
        ['UpdateAccessKey', { UserName: 'carol', AccessKeyId: 'AKIAY34FZKBOCAROLK01', Status: 'Inactive' }],
        [
          'PutUserPolicy',
          { UserName: 'carol', PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: REVOKE_DOC },
        ],
      ]);
      expect((await audit.get(finding.finding_info.uid, 'revoke-access-key'))?.plan).toMatchObject({
        before: { accessKey: { AccessKeyId: 'AKIAY34FZKBOCAROLK01', Status: 'Active' }, sessionPolicy: null },
      });

      await rollback(local, finding, 'revoke-access-key');
      expect(h.mutations()).toEqual([
        ['UpdateAccessKey', { UserName: 'carol', AccessKeyId: 'AKIAY34FZKBOCAROLK01', Status: 'Active' }],
        ['DeleteUserPolicy', { UserName: 'carol', PolicyName: 'AWSRevokeOlderSessions' }],
      ]);
      expect(await audit.get(finding.finding_info.uid, 'revoke-access-key')).toMatchObject({
        status: 'rolled-back',
        actor: 'analyst@contoso.example',
      });
    });

    it('revokes a role session with the role inline policy and puts the previous policy back on rollback', async () => {
      const previous = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
      });
      h.iam.on(ListRoleTagsCommand, { RoleName: 'ci-runner' }).resolves({ Tags: [] });
      h.iam.on(GetRolePolicyCommand).resolves({
        RoleName: 'ci-runner',
        PolicyName: 'AWSRevokeOlderSessions',
        PolicyDocument: encodeURIComponent(previous),
      });
      const finding = fixtureFinding('aws-sts-federation-token-issued');
      const arn = 'arn:aws:sts::123456789012:assumed-role/ci-runner/build-42';
      finding.actor = {
        user: { uid: arn, name: 'build-42', type: 'AssumedRole', credential_uid: 'ASIAY34FZKBOCIRUN042' },
      };
      const { local } = await respond(finding);
      expect(h.mutations()).toEqual([
        [
          'PutRolePolicy',
          { RoleName: 'ci-runner', PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: REVOKE_DOC },
        ],
      ]);
      await rollback(local, finding, 'revoke-access-key');
      expect(h.mutations()).toEqual([
        [
          'PutRolePolicy',
          { RoleName: 'ci-runner', PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: previous },
        ],
      ]);
    });
  });

  it('block-sg-exposure: rollback authorizes the revoked rule again exactly as it was', async () => {
    const sg = 'sg-0a1b2c3d4e5f60718';
    h.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: sg, Tags: [] }] });
    h.ec2.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: 'sgr-rdp',
          GroupId: sg,
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 3389,
          ToPort: 3389,
          CidrIpv6: '::/0',
          Description: 'temp',
        },
        {
          SecurityGroupRuleId: 'sgr-high',
          GroupId: sg,
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 8000,
          ToPort: 8080,
          CidrIpv4: '0.0.0.0/0',
        },
      ],
    });
    const finding = fixtureFinding('aws-security-group-admin-port-open');
    const { local } = await respond(finding);
    expect(h.mutations()).toEqual([
      ['RevokeSecurityGroupIngress', { GroupId: sg, SecurityGroupRuleIds: ['sgr-rdp'] }],
    ]);
    await rollback(local, finding, 'block-sg-exposure');
    expect(h.mutations()).toEqual([
      [
        'AuthorizeSecurityGroupIngress',
        {
          GroupId: sg,
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 3389,
              ToPort: 3389,
              Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'temp' }],
            },
          ],
        },
      ],
    ]);
  });

  it('block-ip: denies the scanner both ways at free Vigil rule numbers, and removes exactly those entries when the block expires', async () => {
    h.ec2.on(DescribeNetworkInterfacesCommand, { NetworkInterfaceIds: ['eni-0f1e2d3c4b5a69788'] }).resolves({
      NetworkInterfaces: [
        { NetworkInterfaceId: 'eni-0f1e2d3c4b5a69788', VpcId: 'vpc-0aa1', SubnetId: 'subnet-0bb2' },
      ],
    });
    h.ec2.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-0cc3',
          Entries: [
            {
              RuleNumber: 10,
              Egress: false,
              Protocol: '-1',
              RuleAction: 'deny',
              CidrBlock: '198.51.100.9/32',
            },
            { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
            { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
            { RuleNumber: 32767, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
          ],
        },
      ],
    });
    const finding = fixtureFinding('vpc-port-scan');
    const { audit, local } = await respond(finding);
    // The block schedules its own removal; the test runs the wait at once.
    expect(local.started).toHaveLength(1);
    await local.started[0];
    const entry = {
      NetworkAclId: 'acl-0cc3',
      Protocol: '-1',
      RuleAction: 'deny',
      CidrBlock: '203.0.113.66/32',
    };
    expect(h.mutations()).toEqual([
      ['CreateNetworkAclEntry', { ...entry, RuleNumber: 11, Egress: false }],
      ['CreateNetworkAclEntry', { ...entry, RuleNumber: 10, Egress: true }],
      ['DeleteNetworkAclEntry', { NetworkAclId: 'acl-0cc3', RuleNumber: 11, Egress: false }],
      ['DeleteNetworkAclEntry', { NetworkAclId: 'acl-0cc3', RuleNumber: 10, Egress: true }],
    ]);
    expect(h.callsOf(h.ec2).find(([name]) => name === 'DescribeNetworkAcls')?.[1]).toEqual({
      Filters: [{ Name: 'association.subnet-id', Values: ['subnet-0bb2'] }],
    });
    expect(await audit.get(finding.finding_info.uid, 'block-ip')).toMatchObject({
      status: 'rolled-back',
      actor: 'vigil:expiry',
      plan: { expiresAt: '2026-11-23T10:00:00Z' },
    });
  });

  it('isolate-instance: detaches, snapshots, quarantines every interface and tags; rollback restores groups and the group membership', async () => {
    h.ec2.on(DescribeInstancesCommand, { InstanceIds: ['i-0abc1234def567890'] }).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-0abc1234def567890',
              VpcId: 'vpc-0aa1',
              NetworkInterfaces: [
                { NetworkInterfaceId: 'eni-a1', Groups: [{ GroupId: 'sg-web' }, { GroupId: 'sg-ssh' }] },
                { NetworkInterfaceId: 'eni-b2', Groups: [{ GroupId: 'sg-db' }] },
              ],
              BlockDeviceMappings: [{ Ebs: { VolumeId: 'vol-root' } }, { Ebs: { VolumeId: 'vol-data' } }],
              Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web-asg' }],
            },
          ],
        },
      ],
    });
    h.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    h.ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-quarantine' });
    h.ec2.on(CreateSnapshotCommand).resolves({ SnapshotId: 'snap-1' });
    h.autoscaling.on(DescribeAutoScalingInstancesCommand).resolves({
      AutoScalingInstances: [{ InstanceId: 'i-0abc1234def567890', AutoScalingGroupName: 'web-asg' } as never],
    });
    const finding = fixtureFinding('aws-ec2-instance-credentials-used-from-another-ip');
    const uid = finding.finding_info.uid;
    const { audit, local, out } = await respond(finding);
    expect(out.outcome.status).toBe('succeeded');
    const snapshot = (volume: string) => [
      'CreateSnapshot',
      {
        VolumeId: volume,
        Description: `Vigil forensics of i-0abc1234def567890 for finding ${uid}`,
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'vigil:finding', Value: uid }] }],
      },
    ];
    expect(h.mutations()).toEqual([
      [
        'CreateSecurityGroup',
        {
          GroupName: 'vigil-quarantine',
          Description: 'Vigil quarantine: no inbound or outbound traffic',
          VpcId: 'vpc-0aa1',
          TagSpecifications: [
            { ResourceType: 'security-group', Tags: [{ Key: 'vigil:managed', Value: 'true' }] },
          ],
        },
      ],
      [
        'RevokeSecurityGroupEgress',
        {
          GroupId: 'sg-quarantine',
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
      [
        'DetachInstances',
        {
          AutoScalingGroupName: 'web-asg',
          InstanceIds: ['i-0abc1234def567890'],
          ShouldDecrementDesiredCapacity: false,
        },
      ],
      snapshot('vol-root'),
      snapshot('vol-data'),
      ['ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: 'eni-a1', Groups: ['sg-quarantine'] }],
      ['ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: 'eni-b2', Groups: ['sg-quarantine'] }],
      ['CreateTags', { Resources: ['i-0abc1234def567890'], Tags: [{ Key: 'vigil:isolated', Value: uid }] }],
    ]);
    expect(await audit.get(uid, 'isolate-instance')).toMatchObject({
      status: 'succeeded',
      actor: 'analyst@contoso.example',
    });

    await rollback(local, finding, 'isolate-instance');
    expect(h.mutations()).toEqual([
      ['ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: 'eni-a1', Groups: ['sg-web', 'sg-ssh'] }],
      ['ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: 'eni-b2', Groups: ['sg-db'] }],
      ['DeleteTags', { Resources: ['i-0abc1234def567890'], Tags: [{ Key: 'vigil:isolated' }] }],
      ['AttachInstances', { AutoScalingGroupName: 'web-asg', InstanceIds: ['i-0abc1234def567890'] }],
    ]);
  });

  it('disable-account: deletes the console login, deactivates active keys, attaches deny-all; records groups and policies; rollback undoes what it can', async () => {
    h.iam.on(ListUserTagsCommand).resolves({ Tags: [] });
    h.iam
      .on(GetLoginProfileCommand)
      .resolves({ LoginProfile: { UserName: 'ci-deploy', CreateDate: new Date('2025-01-02T03:04:05Z') } });
    h.iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [
        { UserName: 'ci-deploy', AccessKeyId: 'AKIAY34FZKBOCIDEPLOY', Status: 'Active' },
        { UserName: 'ci-deploy', AccessKeyId: 'AKIAY34FZKBOOLDKEY01', Status: 'Inactive' },
      ],
    });
    h.iam.on(ListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'deployers' } as never] });
    h.iam
      .on(ListAttachedUserPoliciesCommand)
      .resolves({ AttachedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }] });
    h.iam.on(ListUserPoliciesCommand).resolves({ PolicyNames: ['deploy-inline'] });
    // One throttled attach: the retry resumes after the calls already made, repeating none.
    h.iam
      .on(AttachUserPolicyCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .resolves({});
    const finding = fixtureFinding('aws-cloudtrail-logging-disabled');
    const { audit, local, out } = await respond(finding);
    expect(out.outcome.status).toBe('succeeded');
    expect(h.mutations()).toEqual([
      ['DeleteLoginProfile', { UserName: 'ci-deploy' }],
      ['UpdateAccessKey', { UserName: 'ci-deploy', AccessKeyId: 'AKIAY34FZKBOCIDEPLOY', Status: 'Inactive' }],
      ['AttachUserPolicy', { UserName: 'ci-deploy', PolicyArn: DENY_ALL }],
      ['AttachUserPolicy', { UserName: 'ci-deploy', PolicyArn: DENY_ALL }],
    ]);
    expect((await audit.get(finding.finding_info.uid, 'disable-account'))?.plan).toMatchObject({
      before: {
        loginProfile: { CreateDate: '2025-01-02T03:04:05.000Z', PasswordResetRequired: false },
        groups: ['deployers'],
        attachedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        inlinePolicies: ['deploy-inline'],
      },
      manual: ["ci-deploy's console password cannot be restored; an administrator must set a new one"],
    });

    await rollback(local, finding, 'disable-account');
    expect(h.mutations()).toEqual([
      ['UpdateAccessKey', { UserName: 'ci-deploy', AccessKeyId: 'AKIAY34FZKBOCIDEPLOY', Status: 'Active' }],
      ['DetachUserPolicy', { UserName: 'ci-deploy', PolicyArn: DENY_ALL }],
    ]);
  });
});
