import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
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

/**
 * The wildcards Step Functions' own integrations put in a state machine's role, acknowledged
 * one by one: log delivery and tracing (no resource-level permissions), each invoked function's
 * versions, and the executions of each child machine run with `.sync`.
 */
export function acknowledgeIntegrationWildcards(
  machine: sfn.StateMachine,
  functions: readonly IFunction[],
  syncChildren: readonly sfn.IStateMachine[] = [],
): void {
  const role = machine.role;
  const logicalId = (c: { node: { defaultChild?: unknown } }) =>
    Stack.of(machine).getLogicalId(c.node.defaultChild as CfnElement);
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'CloudWatch Logs log delivery (CreateLogDelivery and related) and X-Ray tracing of the state machine support no resource-level permissions.',
  });
  for (const fn of new Set(functions)) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`,
      reason: `The Lambda integration grants invoking ${fn.node.id} and its versions (ARN:*); no other function is reachable.`,
    });
  }
  for (const child of syncChildren) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId(child)}"}]}]}*]`,
      reason: `Running ${child.node.id} with .sync polls and stops its executions, whose ARNs the execution name ends; only that machine's executions match.`,
    });
  }
}
