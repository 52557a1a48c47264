import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { machinesOf } from '../constructs/response/local-machines.test-helper.ts';
import { ResponderRoleStack } from './responder-role-stack.ts';
import { ResponseStack } from './response-stack.ts';

function build() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const base = new Stack(app, 'Base');
  const audit = new Table(base, 'Audit', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const response = new ResponseStack(app, 'Response', {
    findingsBus: new EventBus(base, 'Findings'),
    auditTable: audit,
    responderExternalId: 'vigil-responder-external-id',
  });
  const responder = new ResponderRoleStack(app, 'Responder', { externalId: 'vigil-responder-external-id' });
  return {
    app,
    response,
    responder,
    template: Template.fromStack(response),
    roleTemplate: Template.fromStack(responder),
  };
}

describe('ResponseStack', () => {
  it('passes cdk-nag AwsSolutions with only specific acknowledgments', () => {
    const { app } = build();
    expect(() => app.synth()).not.toThrow();
  });

  it('starts one triage execution per Detection Finding on the findings bus', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['vigil.detect'], 'detail-type': ['Detection Finding'] },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('TriageStateMachine') } })],
    });
    const names = Object.values(template.findResources('AWS::StepFunctions::StateMachine')).map(
      (r) => r.Properties.StateMachineName,
    );
    expect(names.sort()).toEqual([
      'vigil-playbook-block-ip',
      'vigil-playbook-block-sg-exposure',
      'vigil-playbook-disable-account',
      'vigil-playbook-isolate-instance',
      'vigil-playbook-revoke-access-key',
      'vigil-rollback',
      'vigil-triage',
    ]);
    template.allResourcesProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('waits for approval as long as the guardrails say, then records the timeout', () => {
    const { template } = build();
    const triage = machinesOf(template.toJSON() as never).definitions.get('vigil-triage') as {
      States: Record<
        string,
        { TimeoutSeconds?: number; Resource?: string; Catch?: { ErrorEquals: string[]; Next: string }[] }
      >;
    };
    const approval = triage.States.RequestApproval;
    expect(approval?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(approval?.TimeoutSeconds).toBe(3600);
    expect(approval?.Catch?.map((c) => [c.ErrorEquals, c.Next])).toEqual([
      [['Vigil.ApprovalDenied'], 'RecordDenied'],
      [['States.Timeout'], 'RecordTimedOut'],
    ]);
  });

  it('lets only the playbook tasks role assume vigil-responder, and only that role', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'vigil-playbook-tasks' });
    const assumeStatements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]).filter(
        (s) => s.Action === 'sts:AssumeRole',
      ),
    );
    expect(assumeStatements).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Resource: 'arn:aws:iam::*:role/vigil-responder' },
    ]);
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.map((f) => f.Properties.Handler).sort()).toEqual(
      ['decide', 'enrich', 'execute', 'plan', 'record', 'requestApproval', 'rollback']
        .map((h) => `index.${h}`)
        .sort(),
    );
    template.allResourcesProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      Runtime: 'nodejs22.x',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({ VIGIL_RESPONDER_EXTERNAL_ID: 'vigil-responder-external-id' }),
      },
    });
  });
});

describe('ResponderRoleStack', () => {
  it('trusts only the playbook tasks role of the security account, with the ExternalId', () => {
    const { roleTemplate } = build();
    roleTemplate.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'vigil-responder',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: {
              AWS: {
                'Fn::Join': [
                  '',
                  ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'SecurityAccountId' }, ':root'],
                ],
              },
            },
            Condition: {
              StringEquals: {
                'sts:ExternalId': 'vigil-responder-external-id',
                'aws:PrincipalArn': {
                  'Fn::Join': [
                    '',
                    ['arn:aws:iam::', { Ref: 'SecurityAccountId' }, ':role/vigil-playbook-tasks'],
                  ],
                },
              },
            },
          },
        ],
      },
    });
  });

  it('grants exactly the calls the playbooks make, deny-all as the only attachable policy, nothing on Vigil itself', () => {
    const { roleTemplate } = build();
    const statements = Object.values(roleTemplate.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        p.Properties.PolicyDocument.Statement as {
          Sid: string;
          Action?: string | string[];
          Condition?: unknown;
          Effect: string;
        }[],
    );
    const allowed = statements
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => [s.Action ?? []].flat())
      .sort();
    expect(allowed).toEqual(
      [
        'autoscaling:AttachInstances',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DetachInstances',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:CreateNetworkAclEntry',
        'ec2:CreateSecurityGroup',
        'ec2:CreateSnapshot',
        'ec2:CreateTags',
        'ec2:DeleteNetworkAclEntry',
        'ec2:DeleteTags',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkAcls',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSecurityGroupRules',
        'ec2:DescribeSecurityGroups',
        'ec2:ModifyNetworkInterfaceAttribute',
        'ec2:RevokeSecurityGroupEgress',
        'ec2:RevokeSecurityGroupIngress',
        'iam:AttachUserPolicy',
        'iam:DeleteLoginProfile',
        'iam:DeleteRolePolicy',
        'iam:DeleteUserPolicy',
        'iam:DetachUserPolicy',
        'iam:GetLoginProfile',
        'iam:GetRolePolicy',
        'iam:GetUserPolicy',
        'iam:ListAccessKeys',
        'iam:ListAttachedUserPolicies',
        'iam:ListGroupsForUser',
        'iam:ListRoleTags',
        'iam:ListUserPolicies',
        'iam:ListUserTags',
        'iam:PutRolePolicy',
        'iam:PutUserPolicy',
        'iam:UpdateAccessKey',
      ].sort(),
    );
    expect(statements.find((s) => s.Sid === 'DenyAllOnly')?.Condition).toEqual({
      ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AWSDenyAll' },
    });
    expect(statements.find((s) => s.Sid === 'VigilTagsOnly')?.Condition).toEqual({
      'ForAllValues:StringLike': { 'aws:TagKeys': ['vigil:*'] },
    });
    expect(statements.find((s) => s.Sid === 'NeverTouchVigil')).toMatchObject({ Effect: 'Deny' });
  });
});
