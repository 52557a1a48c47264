import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REPO_PATHS } from '../paths.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { detectAfterBundling } from './detect-bundle.ts';
import type { IntelFeeds } from './intel-feeds.ts';
import type { RawEventStream } from './raw-event-stream.ts';
import type { StateTables } from './state-tables.ts';
import { VigilFunction } from './vigil-function.ts';

/**
 * How detect reads the stream. Batches of up to 500 records or 5 s keep latency low while
 * amortizing model loading; four concurrent batches per shard (order kept per account, the
 * partition key); a failing batch is halved until the bad record is isolated, retried three times,
 * and given up after six hours, when its metadata goes to the dead-letter queue. TRIM_HORIZON: a new
 * or re-created mapping reads everything still retained rather than skipping events.
 */
export const DETECT_STREAM_SETTINGS = {
  batchSize: 500,
  maxBatchingWindow: Duration.seconds(5),
  parallelizationFactor: 4,
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
  retryAttempts: 3,
  maxRecordAge: Duration.hours(6),
  startingPosition: lambda.StartingPosition.TRIM_HORIZON,
} as const;

export interface DetectConsumerProps {
  rawEvents: RawEventStream;
  tables: StateTables;
  findingsBus: events.IEventBus;
  alarmTopic: sns.ITopic;
  /** The refreshed intel sets: detect reads them at cold start (its bundled copy is the fallback). */
  intel: Pick<IntelFeeds, 'grantRead' | 'readerEnvironment'>;
  /** Handler entry; the real function unless a test substitutes one. */
  entry?: string;
}

/** Points CDK's event source mapping at the queue without its broad grant; the construct grants narrowly. */
class FailedBatchDestination implements lambda.IEventSourceDlq {
  constructor(private readonly queue: sqs.IQueue) {}
  bind(): lambda.DlqDestinationConfig {
    return { destination: this.queue.queueArn };
  }
}

/**
 * The detect function on the raw-events stream, with its dead-letter queue, its alarms and only the
 * grants it uses: item read/write on findings and its state tables, PutEvents on the findings bus,
 * GetObject on the refreshed intel sets.
 */
export class DetectConsumer extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: DetectConsumerProps) {
    super(scope, id);
    const { rawEvents, tables } = props;
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      key: rawEvents.key,
      reason:
        'This queue is the on-failure destination of the detect event source mapping and the quarantine for malformed records: it is the dead-letter queue.',
    });
    const fn = new VigilFunction(this, 'Detect', {
      entry: props.entry ?? REPO_PATHS.detectEntry,
      description: 'Vigil detect: raw events to OCSF, rules and models, findings',
      memorySize: 1769, // one full vCPU: ONNX inference and rule matching are CPU-bound
      timeout: Duration.minutes(2),
      externalModules: ['onnxruntime-node'],
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir, outputDir) => detectAfterBundling(outputDir),
      },
      environment: {
        VIGIL_FINDINGS_TABLE: tables.tables.findings.tableName,
        VIGIL_STATE_TABLE: tables.tables.detectState.tableName,
        VIGIL_PROFILES_TABLE: tables.tables.profiles.tableName,
        VIGIL_IDEMPOTENCY_TABLE: tables.tables.idempotency.tableName,
        VIGIL_FINDINGS_BUS: props.findingsBus.eventBusName,
        VIGIL_DLQ_URL: this.deadLetterQueue.queueUrl,
        ...props.intel.readerEnvironment(),
        POWERTOOLS_SERVICE_NAME: 'vigil-detect',
        POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
      },
    });
    this.function = fn.function;
    this.role = fn.role;

    tables.grant(this.role, 'findings', 'readWrite'); // writeFindings merges into the stored finding: read, then a conditional put
    tables.grant(this.role, 'detectState', 'readWrite');
    tables.grant(this.role, 'profiles', 'readWrite');
    tables.grant(this.role, 'idempotency', 'readWrite');
    props.findingsBus.grantPutEventsTo(this.role);
    props.intel.grantRead(this.role); // GetObject on each sets/<name>.txt, nothing else in the bucket
    // Lambda (failed-batch metadata) and the handler (quarantined records) both send with this role.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [rawEvents.key.keyArn],
      }),
    );

    this.function.addEventSource(
      new KinesisEventSource(rawEvents.stream, {
        ...DETECT_STREAM_SETTINGS,
        onFailure: new FailedBatchDestination(this.deadLetterQueue),
      }),
    );

    const alarm = (id: string, metric: cloudwatch.Metric, options: cloudwatch.CreateAlarmOptions) => {
      const created = metric.createAlarm(this, id, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      return created;
    };
    this.alarms = [
      alarm(
        'IteratorAge',
        this.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
        {
          alarmDescription: 'Detect is more than 5 minutes behind the raw-events stream',
          threshold: Duration.minutes(5).toMilliseconds(),
          evaluationPeriods: 5,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        },
      ),
      alarm(
        'DeadLettersAlarm',
        this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: Duration.minutes(5),
        }),
        {
          alarmDescription: 'Records reached the detect dead-letter queue',
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        },
      ),
      alarm('Errors', this.function.metricErrors({ period: Duration.minutes(5) }), {
        alarmDescription: 'Detect invocations failed',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      }),
      alarm('Throttles', this.function.metricThrottles({ period: Duration.minutes(5) }), {
        alarmDescription: 'Detect was throttled for 15 minutes',
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      }),
    ];
  }
}
