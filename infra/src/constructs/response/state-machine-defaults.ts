import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/** Error name the response package throws for AWS throttling; the only error a playbook call retries. */
export const THROTTLED = 'ResponseThrottledError';

/** Every response state machine logs all events and traces, and keeps its log a year. */
export function stateMachineLogging(
  scope: Construct,
  id: string,
): Pick<sfn.StateMachineProps, 'logs' | 'tracingEnabled'> {
  const destination = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return { logs: { destination, level: sfn.LogLevel.ALL, includeExecutionData: true }, tracingEnabled: true };
}

/** Backoff for throttled AWS calls: 2 s, 4 s, 8 s, then the failure path. */
export const THROTTLE_RETRY: sfn.RetryProps = {
  errors: [THROTTLED],
  interval: Duration.seconds(2),
  maxAttempts: 3,
  backoffRate: 2,
};
