import { SEVERITY_NAME } from '@vigil/schema';
import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../src/constructs/operations-dashboard.ts';
import { IamAnalysis, type StackTemplate } from './iam-analysis.ts';
import { everySetObject } from './set-objects.ts';
import { bareVigilApp, type Synthesized, synthVigil } from './synth.ts';

const ORG_CONTEXT = {
  'vigil:organizationId': 'o-abcdef1234',
  'vigil:memberAccounts': ['111111111111'],
  'vigil:notificationEmails': ['soc@example.com'],
};

let synth: Synthesized;
let core: Template;
let analysis: IamAnalysis;
const templates = new Map<string, StackTemplate>();

beforeAll(() => {
  synth = synthVigil({ context: ORG_CONTEXT });
  core = synth.templates.get('Vigil')!;
  for (const [name, template] of synth.templates) templates.set(name, template.toJSON() as StackTemplate);
  analysis = new IamAnalysis(templates);
});
afterAll(() => synth.cleanup());

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  synth.vigil.core.getLogicalId(construct.node.defaultChild as never);

describe('the Vigil app', () => {
  it('synthesizes with cdk-nag AwsSolutions finding nothing unacknowledged', () => {
    // app.synth() throws on any unacknowledged violation, so reaching here is the assertion; the
    // report is absent when nothing was reported.
    expect(synth.assembly.stacks.map((stack) => stack.stackName)).toContain('Vigil');
  });

  it('acknowledges each cdk-nag rule on the resource it concerns, with a specific reason', () => {
    const acknowledgments = synth.app.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.entries(entry.data as Record<string, string>).map(([key, reason]) => ({
            path: construct.node.path,
            id: key.replace(/^Annotation::/, ''),
            reason,
          })),
        ),
    );
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const acknowledgment of acknowledgments) {
      expect(acknowledgment.path).not.toBe('Vigil'); // never stack-wide
      expect(acknowledgment.id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(acknowledgment.reason.length).toBeGreaterThan(60);
    }
  });

  it('fails synthesis when a resource breaks an AwsSolutions rule', () => {
    const { app, vigil, cleanup } = bareVigilApp();
    try {
      new sqs.Queue(vigil.core, 'Unencrypted', { encryption: sqs.QueueEncryption.UNENCRYPTED });
      expect(() => app.synth()).toThrow(/SQS Queue does not have server-side encryption/);
    } finally {
      cleanup();
    }
  });

  it('is environment-agnostic: no account, region or lookup in the templates', () => {
    for (const stack of synth.stacks) {
      expect(stack.environment).toBe('aws://unknown-account/unknown-region');
    }
    expect(synth.assembly.manifest.missing ?? []).toEqual([]);
  });
});

describe('least privilege (every stack, every role)', () => {
  it('allows no wildcard action in any identity policy', () => {
    expect(analysis.identityViolations()).toEqual([]);
  });

  it('allows no wildcard action in any resource policy beyond a key delegating to its account', () => {
    expect(analysis.resourcePolicyViolations()).toEqual([]);
  });

  it('catches a function granted a table it does not name, so the checks above can fail', () => {
    const { vigil, cleanup } = bareVigilApp();
    const stack = vigil.core;
    stack.state.grant(stack.detect.role, 'audit', 'read');
    const template = Template.fromStack(stack).toJSON() as StackTemplate;
    cleanup();
    const problems = new IamAnalysis(new Map([['Vigil', template]])).identityViolations();
    expect(problems).toEqual([
      expect.objectContaining({
        problem: expect.stringMatching(/reaches Vigil\/Stateaudit.* which none of its functions names/),
      }),
    ]);
  });

  it('gives detect exactly its own tables, its queue, the findings bus and the stream', () => {
    const { core: stack } = synth.vigil;
    const role = `Vigil/${stack.getLogicalId(stack.detect.role.node.defaultChild as never)}`;
    const tables = [...analysis.allowedFor(role)].map((ref) =>
      ref.replace(/^Vigil\/State/, '').replace(/[0-9A-F]{8}$/, ''),
    );
    expect(tables.sort()).toEqual(['detectstate', 'findings', 'idempotency', 'profiles']);
  });
});

describe('the triage enrich step in the app', () => {
  it('is the only function that may read the intel provider secrets and the verdict cache', () => {
    const { core: stack, response } = synth.vigil;
    const coreRef = (c: { node: { defaultChild?: unknown } }) =>
      `Vigil/${stack.getLogicalId(c.node.defaultChild as never)}`;
    const secrets = Object.values(stack.secrets.intel).map(coreRef);
    expect(secrets).toHaveLength(5);
    const cache = coreRef(stack.tables.intelCache);
    const readers: string[] = [];
    for (const [name, template] of templates)
      for (const [id, resource] of Object.entries(template.Resources)) {
        if (resource.Type !== 'AWS::IAM::Role') continue;
        const allowed = analysis.allowedFor(`${name}/${id}`);
        if ([...secrets, cache].some((ref) => allowed.has(ref))) readers.push(`${name}/${id}`);
      }
    const enrichRole = response.functions.functions.enrich.role!;
    const enrich = `VigilResponse/${response.getLogicalId(enrichRole.node.defaultChild as never)}`;
    expect(readers).toEqual([enrich]);
    expect([...analysis.allowedFor(enrich)]).toEqual(expect.arrayContaining([...secrets, cache]));
  });

  it('reads the refreshed intel sets under sets/ only, and no other respond task can', () => {
    const { response } = synth.vigil;
    const policies = Object.values(templates.get('VigilResponse')!.Resources).filter(
      (r) => r.Type === 'AWS::IAM::Policy',
    );
    const getObject = policies.filter((p) => JSON.stringify(p.Properties).includes('s3:GetObject'));
    expect(getObject).toHaveLength(1);
    const enrichRole = response.getLogicalId(
      response.functions.functions.enrich.role!.node.defaultChild as never,
    );
    expect(JSON.stringify(getObject[0]!.Properties?.Roles)).toContain(enrichRole);
    const document = JSON.stringify(getObject[0]!.Properties?.PolicyDocument);
    expect(document).toContain('/sets/tor_exit.txt');
    expect(document).not.toContain('/sets/*');
  });
});

describe('DetectConsumer in the app', () => {
  it('reads the stream with batching, parallelization, bisection, partial failures, bounded retries and a DLQ', () => {
    const { detect, rawEvents } = synth.vigil.core;
    core.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [idOf(rawEvents.stream), 'Arn'] },
      FunctionName: { Ref: idOf(detect.function) },
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 4,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [idOf(detect.deadLetterQueue), 'Arn'] } },
      },
    });
    core.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [idOf(rawEvents.key), 'Arn'] },
    });
  });

  it('runs Node.js 22+ on arm64 with X-Ray and the environment the handler reads', () => {
    const fn = core.toJSON().Resources[idOf(synth.vigil.core.detect.function)];
    expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    expect(fn.Properties).toMatchObject({
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      LoggingConfig: { LogFormat: 'JSON' },
    });
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual([
      'NODE_OPTIONS',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'VIGIL_DLQ_URL',
      'VIGIL_FINDINGS_BUS',
      'VIGIL_FINDINGS_TABLE',
      'VIGIL_IDEMPOTENCY_TABLE',
      'VIGIL_INTEL_SETS_BUCKET',
      'VIGIL_INTEL_SETS_PREFIX',
      'VIGIL_PROFILES_TABLE',
      'VIGIL_STATE_TABLE',
    ]);
    expect(fn.Properties.Environment.Variables.VIGIL_STATE_TABLE).toEqual({
      Ref: idOf(synth.vigil.core.tables.detectState),
    });
    expect(fn.Properties.Environment.Variables).toMatchObject({
      VIGIL_INTEL_SETS_BUCKET: { Ref: idOf(synth.vigil.core.intel.bucket) },
      VIGIL_INTEL_SETS_PREFIX: 'sets/',
    });
  });

  it('may read each refreshed intel set object by name, and nothing else in S3', () => {
    const { detect, intel } = synth.vigil.core;
    const role = { Ref: idOf(detect.role) };
    const statements = Object.values(core.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(JSON.stringify(role)))
      .flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
      )
      .filter((statement) => JSON.stringify(statement.Action).includes('s3:'));
    const bucketArn = { 'Fn::GetAtt': [idOf(intel.bucket), 'Arn'] };
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: everySetObject(bucketArn),
      },
    ]);
  });

  it('alarms on iterator age, dead letters, errors and throttles to the alarm topic', () => {
    const topic = { Ref: idOf(synth.vigil.core.alarmTopic) };
    for (const metric of ['IteratorAge', 'ApproximateNumberOfMessagesVisible', 'Errors', 'Throttles']) {
      core.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, AlarmActions: [topic] });
    }
  });
});

describe('OperationsDashboard in the app', () => {
  it('alarms on any High, Critical or Fatal finding from the detect EMF metric', () => {
    core.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith(
        ['High', 'Critical', 'Fatal'].map((severity) =>
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: 'Vigil',
                MetricName: 'Findings',
                Dimensions: Match.arrayWith([
                  { Name: 'service', Value: 'vigil-detect' },
                  { Name: 'severity', Value: severity },
                ]),
              },
            }),
          }),
        ),
      ),
      AlarmActions: [{ Ref: idOf(synth.vigil.core.alarmTopic) }],
    });
  });

  it('names severities exactly as the detect function puts them in the metric dimension', () => {
    for (const severity of SEVERITIES) expect(Object.values(SEVERITY_NAME)).toContain(severity);
  });

  it('charts findings by every severity, lag, errors and dead letters', () => {
    const dashboard = Object.values(core.findResources('AWS::CloudWatch::Dashboard'))[0]!;
    const body = JSON.stringify(Stack.of(synth.vigil.core).resolve(dashboard.Properties.DashboardBody));
    for (const severity of SEVERITIES) expect(body).toContain(`\\"severity\\",\\"${severity}\\"`);
    for (const title of [
      'Detect iterator age',
      'Detect dead letters',
      'Detect invocations, errors, throttles',
    ]) {
      expect(body).toContain(title);
    }
  });
});

describe('organization forwarding in the app', () => {
  it('opens the ingest bus and the flow-log destination to the configured organization', () => {
    core.resourceCountIs('AWS::Events::EventBusPolicy', 2);
    core.resourceCountIs('AWS::Logs::Destination', 1);
    core.resourceCountIs('AWS::SNS::Subscription', 1);
  });

  it('leaves out a source that is not enabled', () => {
    const only = synthVigil({ context: { 'vigil:enabledSources': 'cloudtrail' } });
    try {
      const template = only.templates.get('Vigil')!;
      template.resourceCountIs('AWS::Logs::Destination', 0);
      template.resourceCountIs('AWS::Events::Rule', 2);
    } finally {
      only.cleanup();
    }
  });
});
