import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { DetectConsumer } from './detect-consumer.ts';
import type { RawEventStream } from './raw-event-stream.ts';

/** OCSF severity names, as the detect function puts them in the `severity` dimension. */
export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High', 'Critical', 'Fatal'] as const;
const URGENT: readonly (typeof SEVERITIES)[number][] = ['High', 'Critical', 'Fatal'];

/** The EMF metric detect emits per finding (Powertools adds the `service` dimension). */
export function findingsMetric(severity: string, period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'Vigil',
    metricName: 'Findings',
    dimensionsMap: { service: 'vigil-detect', severity },
    statistic: 'Sum',
    period,
    label: severity,
  });
}

export interface OperationsDashboardProps {
  rawEvents: RawEventStream;
  detect: DetectConsumer;
  /** Dead-letter queue alarms of the ingestion paths, shown next to detect's. */
  ingestAlarms: readonly cloudwatch.IAlarm[];
  alarmTopic: sns.ITopic;
}

/**
 * The `Vigil` dashboard (ingest volume, detect lag, errors and throttles, dead letters, findings by
 * severity) and the alarm that fires on any High, Critical or Fatal finding.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly urgentFindingsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { detect, rawEvents } = props;
    const urgent = Object.fromEntries(
      URGENT.map((severity) => [severity.toLowerCase(), findingsMetric(severity)]),
    );
    this.urgentFindingsAlarm = new cloudwatch.MathExpression({
      expression: Object.keys(urgent).join(' + '),
      usingMetrics: urgent,
      label: 'High, Critical and Fatal findings',
      period: Duration.minutes(5),
    }).createAlarm(this, 'UrgentFindings', {
      alarmDescription: 'Vigil raised a High, Critical or Fatal finding',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.urgentFindingsAlarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: 'Vigil',
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Findings by severity',
        left: SEVERITIES.map((severity) => findingsMetric(severity)),
        stacked: true,
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [this.urgentFindingsAlarm, ...detect.alarms, ...props.ingestAlarms],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Raw events in',
        left: [rawEvents.stream.metricIncomingRecords({ statistic: 'Sum', period: Duration.minutes(5) })],
        right: [rawEvents.stream.metricIncomingBytes({ statistic: 'Sum', period: Duration.minutes(5) })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Detect iterator age (ms)',
        left: [detect.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Detect invocations, errors, throttles',
        left: [
          detect.function.metricInvocations({ period: Duration.minutes(5) }),
          detect.function.metricErrors({ period: Duration.minutes(5) }),
          detect.function.metricThrottles({ period: Duration.minutes(5) }),
        ],
        right: [detect.function.metricDuration({ statistic: 'p99', period: Duration.minutes(5) })],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Detect dead letters',
        left: [
          detect.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            period: Duration.minutes(5),
          }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Detect concurrency',
        left: [
          detect.function.metric('ConcurrentExecutions', {
            statistic: 'Maximum',
            period: Duration.minutes(1),
          }),
        ],
        width: 12,
      }),
    );
  }
}
