import { fileURLToPath } from 'node:url';
import { SET_DEFINITIONS } from '@vigil/intel';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { VigilFunction } from './vigil-function.ts';

/** Key prefix of the set objects (`sets/tor_exit.txt`); readers are granted this prefix only. */
export const INTEL_SETS_PREFIX = 'sets/';
const REFRESH_ENTRY = fileURLToPath(
  new URL('../../../functions/intel-refresh/src/handler.ts', import.meta.url),
);

export interface IntelFeedsProps {
  alarmTopic: sns.ITopic;
  /** Bucket receiving the sets bucket's S3 access logs (the artifact buckets' log bucket). */
  accessLogs: s3.IBucket;
  /** When the feeds are downloaded; daily by default (the Tor and abuse.ch lists change daily). */
  schedule?: scheduler.ScheduleExpression;
  /** Handler entry; the real function unless a test substitutes one. */
  entry?: string;
}

/**
 * The offline threat-intelligence sets: a bucket holding them, the intel-refresh function that
 * downloads the feeds on a schedule and may only put objects under `sets/`, and alarms for a
 * failing or silent refresh. Readers (enrich, detect) get `grantRead` and `readerEnvironment`.
 */
export class IntelFeeds extends Construct {
  readonly bucket: s3.Bucket;
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly schedule: scheduler.Schedule;
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: IntelFeedsProps) {
    super(scope, id);
    // Public feed data, nothing confidential: S3-managed encryption, no key to manage or grant.
    this.bucket = new s3.Bucket(this, 'Sets', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'intel-sets/',
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const fn = new VigilFunction(this, 'Refresh', {
      entry: props.entry ?? REFRESH_ENTRY,
      description: 'Vigil intel-refresh: download Tor, abuse.ch and Spamhaus feeds to the intel sets bucket',
      memorySize: 512,
      timeout: Duration.minutes(5),
      environment: {
        VIGIL_INTEL_SETS_BUCKET: this.bucket.bucketName,
        VIGIL_INTEL_SETS_PREFIX: INTEL_SETS_PREFIX,
        POWERTOOLS_SERVICE_NAME: 'vigil-intel-refresh',
        POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
      },
    });
    this.function = fn.function;
    this.role = fn.role;
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${INTEL_SETS_PREFIX}*`)],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: this.setsWildcardFinding(),
      reason:
        'The refresh writes one object per set (sets/<name>.txt); the wildcard is the sets/ key prefix of its own bucket, and the only action is PutObject.',
    });

    // EventBridge Scheduler invokes with a role of our own, allowed to invoke this function only.
    const invoker = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Vigil: lets EventBridge Scheduler start the intel refresh',
    });
    this.schedule = new scheduler.Schedule(this, 'Daily', {
      description: 'Vigil: refresh the offline intel sets',
      schedule: props.schedule ?? scheduler.ScheduleExpression.rate(Duration.days(1)),
      target: new LambdaInvoke(this.function, {
        role: invoker,
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
      }),
    });
    const fnId = Stack.of(this).resolve(
      (this.function.node.defaultChild as lambda.CfnFunction).logicalId,
    ) as string;
    Validations.of(invoker).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason:
        'CDK grants invoke on the refresh function and its versions (arn:*); the role can invoke nothing else and only the scheduler can assume it.',
    });

    const alarm = (alarmId: string, metric: cloudwatch.Metric, options: cloudwatch.CreateAlarmOptions) => {
      const created = metric.createAlarm(this, alarmId, options);
      created.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      return created;
    };
    this.alarms = [
      alarm('Errors', this.function.metricErrors({ period: Duration.hours(1) }), {
        alarmDescription: 'Intel refresh failed: every feed failed, or the function errored',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      // Stale intelligence fails silently: no run for two days means the schedule or the function is broken.
      alarm('NotRunning', this.function.metricInvocations({ period: Duration.days(1), statistic: 'Sum' }), {
        alarmDescription: 'Intel refresh has not run for two days; the offline sets are going stale',
        threshold: 1,
        evaluationPeriods: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    ];
  }

  /**
   * Lets a reader fetch the set objects (`sets/<name>.txt` of every set `@vigil/intel` knows) and
   * nothing else in the bucket. Named keys, no wildcard: the grant holds as well when the reader
   * is in another stack, where a cross-stack ARN would make a wildcard finding unnameable.
   */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject'],
      resourceArns: SET_DEFINITIONS.map((set) =>
        this.bucket.arnForObjects(`${INTEL_SETS_PREFIX}${set.name}.txt`),
      ),
    });
  }

  /** cdk-nag's id for a grant on `sets/*` of this bucket, naming the bucket's logical id. */
  private setsWildcardFinding(): string {
    const logicalId = Stack.of(this).resolve(
      (this.bucket.node.defaultChild as s3.CfnBucket).logicalId,
    ) as string;
    return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${INTEL_SETS_PREFIX}*]`;
  }

  /** Environment a reader needs to find the sets (`setsFromTexts` over the objects under the prefix). */
  readerEnvironment(): Record<string, string> {
    return { VIGIL_INTEL_SETS_BUCKET: this.bucket.bucketName, VIGIL_INTEL_SETS_PREFIX: INTEL_SETS_PREFIX };
  }
}
