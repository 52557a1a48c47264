import type { TableName } from '@vigil/store';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { VigilConfig } from '../config.ts';
import { AlarmTopic } from '../constructs/alarm-topic.ts';
import { ArtifactBuckets } from '../constructs/artifact-buckets.ts';
import { CloudTrailIngest } from '../constructs/cloudtrail-ingest.ts';
import { DetectConsumer } from '../constructs/detect-consumer.ts';
import { FindingsBus } from '../constructs/findings-bus.ts';
import { FlowLogDestination } from '../constructs/flow-log-destination.ts';
import { IntegrationSecrets } from '../constructs/integration-secrets.ts';
import { IntelFeeds } from '../constructs/intel-feeds.ts';
import { OperationsDashboard } from '../constructs/operations-dashboard.ts';
import { RawEventStream } from '../constructs/raw-event-stream.ts';
import { StateTables } from '../constructs/state-tables.ts';

export interface VigilStackProps extends StackProps {
  config: VigilConfig;
  /** Detect handler entry; tests may substitute one, deployments never do. */
  detectEntry?: string;
}

/** The detection pipeline in the security account: ingestion, stream, detect, state, findings, operations. */
export class VigilStack extends Stack {
  readonly config: VigilConfig;
  readonly rawEvents: RawEventStream;
  readonly state: StateTables;
  readonly tables: Readonly<Record<TableName, dynamodb.Table>>;
  readonly findingsBus: events.EventBus;
  readonly secrets: IntegrationSecrets;
  readonly buckets: ArtifactBuckets;
  readonly alarmTopic: sns.Topic;
  readonly detect: DetectConsumer;
  readonly cloudTrail?: CloudTrailIngest;
  readonly flowLogs?: FlowLogDestination;
  readonly operations: OperationsDashboard;
  readonly intel: IntelFeeds;

  constructor(scope: Construct, id: string, props: VigilStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    const org = {
      ...(config.organizationId === undefined ? {} : { organizationId: config.organizationId }),
      memberAccounts: config.memberAccounts,
    };

    this.alarmTopic = new AlarmTopic(this, 'Alarms', { emails: config.notificationEmails }).topic;
    this.rawEvents = new RawEventStream(this, 'RawEvents', {
      ...(config.streamShards === undefined ? {} : { shards: config.streamShards }),
    });
    this.state = new StateTables(this, 'State');
    this.tables = this.state.tables;
    this.findingsBus = new FindingsBus(this, 'Findings').bus;
    this.secrets = new IntegrationSecrets(this, 'Secrets');
    this.buckets = new ArtifactBuckets(this, 'Artifacts', {
      archiveRetentionDays: config.archiveRetentionDays,
    });
    this.intel = new IntelFeeds(this, 'Intel', {
      alarmTopic: this.alarmTopic,
      accessLogs: this.buckets.accessLogs,
    });

    if (config.enabledSources.includes('cloudtrail')) {
      this.cloudTrail = new CloudTrailIngest(this, 'CloudTrail', {
        rawEvents: this.rawEvents,
        alarmTopic: this.alarmTopic,
        ...org,
      });
    }
    if (config.enabledSources.includes('vpc-flow')) {
      this.flowLogs = new FlowLogDestination(this, 'FlowLogs', { rawEvents: this.rawEvents, ...org });
    }

    this.detect = new DetectConsumer(this, 'Detect', {
      rawEvents: this.rawEvents,
      tables: this.state,
      findingsBus: this.findingsBus,
      alarmTopic: this.alarmTopic,
      intel: this.intel,
      ...(props.detectEntry === undefined ? {} : { entry: props.detectEntry }),
    });
    this.operations = new OperationsDashboard(this, 'Operations', {
      rawEvents: this.rawEvents,
      detect: this.detect,
      ingestAlarms: this.cloudTrail === undefined ? [] : [this.cloudTrail.deadLetterAlarm],
      alarmTopic: this.alarmTopic,
    });
  }
}
