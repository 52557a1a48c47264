import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { RawEventStream } from './raw-event-stream.ts';

/** The EventBridge detail types CloudTrail management events arrive as. */
export const CLOUDTRAIL_DETAIL_TYPES = ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'];

/** Name member accounts target when they forward their CloudTrail events. */
export const INGEST_BUS_NAME = 'vigil-ingest';

/**
 * All of an account's events share one shard: a principal belongs to one account, so its windows,
 * first-seen sets and sequences are evaluated in order by one consumer (parallelization keeps order
 * per partition key) and never split across shards.
 */
export const PARTITION_KEY_PATH = '$.account';

export interface CloudTrailIngestProps {
  rawEvents: RawEventStream;
  /** Every account of this organization may forward to the ingest bus. */
  organizationId?: string;
  /** These accounts may forward to the ingest bus (in addition to the organization, if any). */
  memberAccounts: readonly string[];
  alarmTopic: sns.ITopic;
}

/**
 * CloudTrail management events to the raw-events stream: this account's from the default bus,
 * member accounts' from the `vigil-ingest` bus they forward to. Deliveries that still fail after
 * EventBridge's retries land in an encrypted dead-letter queue instead of being dropped.
 */
export class CloudTrailIngest extends Construct {
  readonly ingestBus: events.EventBus;
  readonly rules: readonly events.Rule[];
  readonly deadLetterQueue: sqs.Queue;
  readonly role: iam.Role;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CloudTrailIngestProps) {
    super(scope, id);
    const { rawEvents } = props;
    const account = Stack.of(this).account;

    this.ingestBus = new events.EventBus(this, 'IngestBus', { eventBusName: INGEST_BUS_NAME });
    if (props.organizationId !== undefined) {
      this.ingestBus.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'OrganizationForwards',
          principals: [new iam.AnyPrincipal()],
          actions: ['events:PutEvents'],
          resources: [this.ingestBus.eventBusArn],
          conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
        }),
      );
    }
    if (props.memberAccounts.length > 0) {
      this.ingestBus.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'MemberAccountsForward',
          principals: props.memberAccounts.map((member) => new iam.AccountPrincipal(member)),
          actions: ['events:PutEvents'],
          resources: [this.ingestBus.eventBusArn],
        }),
      );
    }

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      key: rawEvents.key,
      reason:
        'This queue is the dead-letter queue of the CloudTrail rules targets; a queue behind it would only move the same messages.',
    });
    // EventBridge writes dead letters itself, so the key must let the service encrypt for this account's rules.
    rawEvents.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    this.role = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'EventBridge puts CloudTrail events on the Vigil raw-events stream',
    });
    rawEvents.grantProducer(this.role);

    const target = new StreamTarget(rawEvents, this.role, this.deadLetterQueue);
    const pattern: events.EventPattern = {
      // Only AWS services may use `aws.` sources, so a custom event cannot pose as CloudTrail.
      source: events.Match.prefix('aws.'),
      detailType: CLOUDTRAIL_DETAIL_TYPES,
    };
    const local = new events.Rule(this, 'LocalEvents', {
      description: "This account's CloudTrail management events to Vigil",
      eventPattern: pattern,
      targets: [target],
    });
    const forwarded = new events.Rule(this, 'ForwardedEvents', {
      description: "Member accounts' forwarded CloudTrail management events to Vigil",
      eventBus: this.ingestBus,
      eventPattern: pattern,
      targets: [target],
    });
    this.rules = [local, forwarded];

    this.deadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.rules.map((rule) => rule.ruleArn) } },
      }),
    );
    this.deadLetterAlarm = this.deadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) })
      .createAlarm(this, 'DeadLettersAlarm', {
        alarmDescription: 'CloudTrail events could not be put on the raw-events stream',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.deadLetterAlarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
  }
}

/** A Kinesis target with its own narrow role, instead of the shared role CDK's target grants broadly. */
class StreamTarget implements events.IRuleTarget {
  constructor(
    private readonly rawEvents: RawEventStream,
    private readonly role: iam.IRole,
    private readonly deadLetterQueue: sqs.IQueue,
  ) {}

  bind(): events.RuleTargetConfig {
    return {
      arn: this.rawEvents.stream.streamArn,
      role: this.role,
      kinesisParameters: { partitionKeyPath: PARTITION_KEY_PATH },
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: Duration.hours(24).toSeconds() },
      targetResource: this.rawEvents.stream,
    };
  }
}
