import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export const FINDINGS_BUS_NAME = 'vigil-findings';

/**
 * The `vigil-findings` EventBridge bus: detect publishes every finding here and triage, alerting
 * and any later consumer subscribe with rules. The archive lets a new consumer replay recent findings.
 */
export class FindingsBus extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: FINDINGS_BUS_NAME });
    this.archive = this.bus.archive('Archive', {
      description: 'Vigil findings, replayable for new consumers',
      eventPattern: { account: [this.bus.env.account] },
      retention: Duration.days(90),
    });
  }
}
