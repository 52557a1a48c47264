import { TABLES } from '@vigil/store';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { AlarmTopic } from '../src/constructs/alarm-topic.ts';
import { ArtifactBuckets } from '../src/constructs/artifact-buckets.ts';
import {
  CLOUDTRAIL_DETAIL_TYPES,
  CloudTrailIngest,
  INGEST_BUS_NAME,
  PARTITION_KEY_PATH,
} from '../src/constructs/cloudtrail-ingest.ts';
import { FindingsBus } from '../src/constructs/findings-bus.ts';
import { FLOW_LOG_DESTINATION_NAME, FlowLogDestination } from '../src/constructs/flow-log-destination.ts';
import { INTEL_PROVIDERS, IntegrationSecrets } from '../src/constructs/integration-secrets.ts';
import { RawEventStream } from '../src/constructs/raw-event-stream.ts';
import { StateTables } from '../src/constructs/state-tables.ts';
import { FUNCTION_RUNTIME, VigilFunction } from '../src/constructs/vigil-function.ts';
import { REPO_PATHS } from '../src/paths.ts';
import { cdkJsonContext } from './synth.ts';

const ORG = 'o-abcdef1234';
const MEMBERS = ['111111111111', '222222222222'];

/** A bare stack with the app's feature flags, for testing one construct with chosen props. */
function stack(): Stack {
  return new Stack(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } }), 'Test');
}

const policyStatements = (template: Template, type: string, property: string) =>
  Object.values(template.findResources(type)).flatMap(
    (resource) => resource.Properties[property].Statement as Record<string, unknown>[],
  );

describe('RawEventStream', () => {
  it('is KMS-encrypted with its own rotating key and on-demand by default', () => {
    const s = stack();
    new RawEventStream(s, 'Raw');
    const template = Template.fromStack(s);
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0]!;
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamEncryption: { EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      RetentionPeriodHours: 72,
    });
  });

  it('is provisioned with the requested shards', () => {
    const s = stack();
    new RawEventStream(s, 'Raw', { shards: 3 });
    Template.fromStack(s).hasResourceProperties('AWS::Kinesis::Stream', {
      ShardCount: 3,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
  });
});

describe('CloudTrailIngest', () => {
  const build = (org: { organizationId?: string; memberAccounts: string[] }) => {
    const s = stack();
    const rawEvents = new RawEventStream(s, 'Raw');
    new CloudTrailIngest(s, 'Ingest', { rawEvents, alarmTopic: new sns.Topic(s, 'Topic'), ...org });
    return Template.fromStack(s);
  };

  it('sends both CloudTrail detail types from the default and the ingest bus to the stream by account', () => {
    const template = build({ memberAccounts: [] });
    const rules = template.findResources('AWS::Events::Rule');
    expect(Object.keys(rules)).toHaveLength(2);
    const buses = Object.values(rules).map((rule) => rule.Properties.EventBusName);
    expect(buses).toContainEqual(undefined); // the default bus
    expect(buses).toContainEqual({ Ref: Object.keys(template.findResources('AWS::Events::EventBus'))[0] });
    for (const rule of Object.values(rules)) {
      expect(rule.Properties.EventPattern).toEqual({
        source: [{ prefix: 'aws.' }],
        'detail-type': CLOUDTRAIL_DETAIL_TYPES,
      });
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^RawStream/), 'Arn'] },
          KinesisParameters: { PartitionKeyPath: PARTITION_KEY_PATH },
          RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^IngestDeliveryRole/), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^IngestDeadLetters/), 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        }),
      ]);
    }
    template.hasResourceProperties('AWS::Events::EventBus', { Name: INGEST_BUS_NAME });
    template.resourceCountIs('AWS::Events::EventBusPolicy', 0);
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
    });
  });

  it('lets the organization and listed member accounts put events on the ingest bus', () => {
    const template = build({ organizationId: ORG, memberAccounts: MEMBERS });
    const statements = Object.values(template.findResources('AWS::Events::EventBusPolicy')).map(
      (policy) => policy.Properties.Statement,
    );
    expect(statements).toHaveLength(2);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'cdk-OrganizationForwards',
        Principal: { AWS: '*' },
        Action: 'events:PutEvents',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      }),
    );
    const members = statements.find(
      (statement: { Sid: string }) => statement.Sid === 'cdk-MemberAccountsForward',
    );
    expect(JSON.stringify(members.Principal)).toContain(MEMBERS[0]);
    expect(JSON.stringify(members.Principal)).toContain(MEMBERS[1]);
  });

  it('lets only its own rules dead-letter, and EventBridge encrypt for them', () => {
    const template = build({ memberAccounts: [] });
    const [queuePolicy] = policyStatements(template, 'AWS::SQS::QueuePolicy', 'PolicyDocument').filter(
      (statement) => statement.Effect === 'Allow',
    );
    expect(queuePolicy).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': [expect.anything(), expect.anything()] } },
    });
    expect(policyStatements(template, 'AWS::KMS::Key', 'KeyPolicy')).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    );
  });
});

describe('FlowLogDestination', () => {
  it('is a Logs destination on the stream that the organization and member accounts may subscribe to', () => {
    const s = stack();
    const rawEvents = new RawEventStream(s, 'Raw');
    new FlowLogDestination(s, 'Flow', { rawEvents, organizationId: ORG, memberAccounts: MEMBERS });
    const template = Template.fromStack(s);
    const [id, destination] = Object.entries(template.findResources('AWS::Logs::Destination'))[0]!;
    expect(destination.Properties.DestinationName).toBe(FLOW_LOG_DESTINATION_NAME);
    expect(destination.Properties.TargetArn).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^RawStream/), 'Arn'],
    });
    expect(destination.DependsOn).toEqual(
      expect.arrayContaining([expect.stringMatching(/^FlowDeliveryRoleDefaultPolicy/)]),
    );
    const policy = JSON.stringify(Stack.of(s).resolve(destination.Properties.DestinationPolicy));
    expect(policy).toContain('aws:PrincipalOrgID');
    expect(policy).toContain(ORG);
    for (const member of MEMBERS) expect(policy).toContain(member);
    expect(policy).toContain('logs:PutSubscriptionFilter');
    expect(id).toMatch(/^FlowDestination/);

    const role = Object.values(template.findResources('AWS::IAM::Role'))[0]!;
    const trust = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(2);
    expect(trust[0].Principal).toEqual({ Service: 'logs.amazonaws.com' });
    expect(JSON.stringify(trust[0].Condition.StringLike['aws:SourceArn'])).toContain(MEMBERS[1]);
    expect(trust[1].Condition).toEqual({ StringEquals: { 'aws:SourceOrgID': ORG } });
  });

  it('admits only this account when there is no organization and no member list', () => {
    const s = stack();
    new FlowLogDestination(s, 'Flow', { rawEvents: new RawEventStream(s, 'Raw'), memberAccounts: [] });
    const template = Template.fromStack(s);
    const destination = Object.values(template.findResources('AWS::Logs::Destination'))[0]!;
    const policy = JSON.stringify(destination.Properties.DestinationPolicy);
    expect(policy).not.toContain('PrincipalOrgID');
    expect(policy).toContain('AWS::AccountId');
    const trust = Object.values(template.findResources('AWS::IAM::Role'))[0]!.Properties
      .AssumeRolePolicyDocument;
    expect(trust.Statement).toHaveLength(1);
  });
});

describe('StateTables', () => {
  const s = stack();
  const state = new StateTables(s, 'State');
  const template = Template.fromStack(s);

  it.each(Object.entries(TABLES))('builds %s from its shared definition', (name, def) => {
    const logicalId = s.getLogicalId(state.tables[name as keyof typeof TABLES].node.defaultChild as never);
    const table = template.toJSON().Resources[logicalId];
    expect(table.DeletionPolicy).toBe('Retain');
    const keys = [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      ...('sortKey' in def ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
    ];
    expect(table.Properties).toMatchObject({
      KeySchema: keys,
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table.Properties.TimeToLiveSpecification).toEqual(
      'timeToLiveAttribute' in def ? { AttributeName: def.timeToLiveAttribute, Enabled: true } : undefined,
    );
    const indexes = 'globalIndexes' in def ? def.globalIndexes : [];
    expect(
      (table.Properties.GlobalSecondaryIndexes ?? []).map((index: { IndexName: string }) => index.IndexName),
    ).toEqual(indexes.map((index) => index.name));
  });

  it('grants read on named indexes and write without them', () => {
    const s2 = stack();
    const tables = new StateTables(s2, 'State');
    const role = new iam.Role(s2, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    tables.grant(role, 'findings', 'read');
    tables.grant(role, 'audit', 'write');
    const statements = policyStatements(Template.fromStack(s2), 'AWS::IAM::Policy', 'PolicyDocument');
    const json = JSON.stringify(statements);
    expect(json).toContain('/index/byDay');
    expect(json).not.toContain('index/*');
    const write = statements.find((statement) =>
      (statement.Action as string[]).includes('dynamodb:PutItem'),
    )!;
    expect(write.Action).not.toContain('dynamodb:GetItem');
  });
});

describe('FindingsBus', () => {
  it('is the vigil-findings bus with a 90-day archive', () => {
    const s = stack();
    new FindingsBus(s, 'Findings');
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'vigil-findings' });
    template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 90 });
  });
});

describe('ArtifactBuckets', () => {
  const s = stack();
  const buckets = new ArtifactBuckets(s, 'Artifacts', { archiveRetentionDays: 400 });
  const template = Template.fromStack(s);
  const resources = template.toJSON().Resources;
  const bucket = (b: object) =>
    resources[s.getLogicalId((b as { node: { defaultChild: never } }).node.defaultChild)];

  it.each([
    ['archive', buckets.archive],
    ['models', buckets.models],
  ])('%s is KMS-encrypted, versioned, private, access-logged and expires old versions', (name, b) => {
    const props = bucket(b).Properties;
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
      BucketKeyEnabled: true,
    });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: s.getLogicalId(buckets.accessLogs.node.defaultChild as never) },
      LogFilePrefix: `${name}/`,
    });
    expect(props.LifecycleConfiguration.Rules[0]).toMatchObject({ Status: 'Enabled' });
    expect(bucket(b).DeletionPolicy).toBe('Retain');
  });

  it('moves archived events to cheaper storage and expires them after the retention', () => {
    const [rule] = bucket(buckets.archive).Properties.LifecycleConfiguration.Rules;
    expect(rule.ExpirationInDays).toBe(400);
    expect(rule.Transitions.map((t: { StorageClass: string }) => t.StorageClass)).toEqual([
      'STANDARD_IA',
      'GLACIER_IR',
    ]);
  });

  it('denies every request without TLS on all three buckets', () => {
    const denials = policyStatements(template, 'AWS::S3::BucketPolicy', 'PolicyDocument').filter(
      (statement) => statement.Effect === 'Deny',
    );
    expect(
      denials.filter((d) => JSON.stringify(d.Condition).includes('"aws:SecureTransport":"false"')),
    ).toHaveLength(3);
  });
});

describe('IntegrationSecrets', () => {
  it('keeps one secret per intel provider and one for Slack, with no value in the template', () => {
    const s = stack();
    new IntegrationSecrets(s, 'Secrets');
    const template = Template.fromStack(s);
    const names = Object.values(template.findResources('AWS::SecretsManager::Secret')).map((secret) => {
      expect(secret.Properties.SecretString).toBeUndefined();
      return secret.Properties.Name;
    });
    expect(names.sort()).toEqual([...INTEL_PROVIDERS.map((p) => `vigil/intel/${p}`), 'vigil/slack'].sort());
  });
});

describe('AlarmTopic', () => {
  it('is encrypted, SSL-only, usable by CloudWatch and subscribes the configured addresses', () => {
    const s = stack();
    new AlarmTopic(s, 'Alarms', { emails: ['soc@example.com'] });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'soc@example.com',
    });
    expect(policyStatements(template, 'AWS::KMS::Key', 'KeyPolicy')).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' } }),
    );
    expect(JSON.stringify(policyStatements(template, 'AWS::SNS::TopicPolicy', 'PolicyDocument'))).toContain(
      'aws:SecureTransport',
    );
  });
});

describe('VigilFunction', () => {
  it('is an arm64 Node 22+ ESM function with X-Ray, its own log group and a role with no managed policy', () => {
    const s = stack();
    const fn = new VigilFunction(s, 'Fn', {
      entry: REPO_PATHS.detectEntry,
      description: 'test function',
      environment: { VIGIL_X: 'x' },
      memorySize: 512,
      timeout: Duration.seconds(30),
    });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: FUNCTION_RUNTIME.name,
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 30,
      Environment: { Variables: { VIGIL_X: 'x', NODE_OPTIONS: '--enable-source-maps' } },
      LoggingConfig: {
        LogFormat: 'JSON',
        LogGroup: { Ref: s.getLogicalId(fn.logGroup.node.defaultChild as never) },
      },
    });
    expect(FUNCTION_RUNTIME.name).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0]!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = policyStatements(template, 'AWS::IAM::Policy', 'PolicyDocument');
    expect(statements.map((statement) => statement.Action)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    ]);
  });
});
