import { awsDisplayTime } from '../../clock.ts';
import type { AwsContext } from '../context.ts';
import type { AwsPrincipal } from '../identity.ts';
import type { AwsStep } from '../replay-aws.ts';

/** SSM logs the command's parameters as this placeholder, never the script itself. */
const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** Polls of `WaitForInstanceToRegisterInSSM` until the instances report to SSM. */
export function waitForSsm(ctx: AwsContext, instanceIds: readonly string[], count: number): AwsStep {
  return {
    key: 'ssm:DescribeInstanceInformation',
    count,
    gapMs: [1000, 3000],
    call: () => ({
      by: ctx.operator,
      request: { filters: [{ key: 'InstanceIds', values: [...instanceIds] }] },
    }),
  };
}

/** `SendCommand` running an AWS-RunShellScript on the instances, as CloudTrail logs it. */
export function sendCommand(
  ctx: AwsContext,
  instanceIds: readonly string[],
  commandId: string,
  by: AwsPrincipal = ctx.operator,
): AwsStep {
  return {
    key: 'ssm:SendCommand',
    call: () => {
      const now = ctx.clock.now();
      return {
        by,
        request: {
          instanceIds: [...instanceIds],
          documentName: 'AWS-RunShellScript',
          parameters: HIDDEN,
          interactive: false,
        },
        response: {
          command: {
            commandId,
            documentName: 'AWS-RunShellScript',
            documentVersion: '$DEFAULT',
            comment: '',
            expiresAfter: awsDisplayTime(now + 7_200_000),
            parameters: HIDDEN,
            instanceIds: [...instanceIds],
            targets: [],
            requestedDateTime: awsDisplayTime(now),
            status: 'Pending',
            statusDetails: 'Pending',
            outputS3Region: ctx.region,
            outputS3BucketName: '',
            outputS3KeyPrefix: '',
            maxConcurrency: '50',
            maxErrors: '0',
            targetCount: instanceIds.length,
            completedCount: 0,
            errorCount: 0,
            deliveryTimedOutCount: 0,
            serviceRole: '',
            notificationConfig: { notificationArn: '', notificationEvents: [], notificationType: '' },
            cloudWatchOutputConfig: { cloudWatchLogGroupName: '', cloudWatchOutputEnabled: false },
            timeoutSeconds: 3600,
            alarmConfiguration: { ignorePollAlarmFailure: false, alarms: [] },
            triggeredAlarms: [],
          },
        },
      };
    },
  };
}

/** The command waiter reading each instance's output, in turn. */
export function commandInvocations(
  ctx: AwsContext,
  instanceIds: readonly string[],
  commandId: string,
  count: number,
): AwsStep {
  return {
    key: 'ssm:GetCommandInvocation',
    count,
    gapMs: [1500, 3000],
    call: (i) => ({
      by: ctx.operator,
      request: { commandId, instanceId: instanceIds[i % instanceIds.length] },
    }),
  };
}
