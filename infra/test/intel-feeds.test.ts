import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { INTEL_SETS_PREFIX, IntelFeeds } from '../src/constructs/intel-feeds.ts';
import { everySetObject } from './set-objects.ts';
import { cdkJsonContext } from './synth.ts';

/** The construct in a stack of its own, checked by cdk-nag the way the app is. */
function build() {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'IntelTest');
  const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED });
  Validations.of(logs).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'Test stand-in for the artifact buckets access-log bucket, which is the log target itself.',
  });
  const feeds = new IntelFeeds(stack, 'Intel', {
    alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }),
    accessLogs: logs,
  });
  const reader = new iam.Role(stack, 'Reader', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  feeds.grantRead(reader);
  return { app, stack, feeds, template: Template.fromStack(stack) };
}

const statements = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[],
  );

describe('IntelFeeds', () => {
  it('passes cdk-nag AwsSolutions with only its specific acknowledgments', () => {
    const { app } = build();
    expect(() => app.synth()).not.toThrow();
  });

  it('keeps the sets in a private, versioned, SSL-only bucket that logs access', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'intel-sets/', DestinationBucketName: Match.anyValue() },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
  });

  it('runs the refresh daily with retries, on arm64, told where to write', () => {
    const { template, stack, feeds } = build();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 day)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [stack.getLogicalId(feeds.function.node.defaultChild as never), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      Environment: {
        Variables: Match.objectLike({
          VIGIL_INTEL_SETS_BUCKET: { Ref: stack.getLogicalId(feeds.bucket.node.defaultChild as never) },
          VIGIL_INTEL_SETS_PREFIX: INTEL_SETS_PREFIX,
          POWERTOOLS_SERVICE_NAME: 'vigil-intel-refresh',
        }),
      },
    });
  });

  it('lets the scheduler invoke the refresh and nothing else', () => {
    const { template, stack, feeds } = build();
    const fnArn = { 'Fn::GetAtt': [stack.getLogicalId(feeds.function.node.defaultChild as never), 'Arn'] };
    const invoke = statements(template).filter((s) => s.Action === 'lambda:InvokeFunction');
    expect(invoke).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [fnArn, { 'Fn::Join': ['', [fnArn, ':*']] }],
      },
    ]);
  });

  it('grants the refresh PutObject under sets/ only, and readers GetObject on the set objects only', () => {
    const { template, stack, feeds } = build();
    const bucketArn = { 'Fn::GetAtt': [stack.getLogicalId(feeds.bucket.node.defaultChild as never), 'Arn'] };
    const s3Statements = statements(template).filter((s) => JSON.stringify(s.Action).includes('s3:'));
    expect(s3Statements).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [bucketArn, '/sets/*']] } },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: everySetObject(bucketArn),
      },
    ]);
  });

  it('alarms on a failed refresh and on a refresh that stopped running', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Invocations',
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 2,
      TreatMissingData: 'breaching',
      AlarmActions: [Match.anyValue()],
    });
  });
});
