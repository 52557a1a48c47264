import { type AwsContext, ec2Denied, instanceId } from '../context.ts';
import type { AwsPlan, AwsStep } from '../replay-aws.ts';
import { assumeRole } from './assume-role.ts';
import { commandInvocations, sendCommand, waitForSsm } from './ssm.ts';

const instanceState = (code: number, name: string) => ({ code, name });

const launchUnusualInstances: AwsPlan = (ctx) => {
  const role = assumeRole(ctx, `stratus-red-team-ec2-unusual-instances-role-${ctx.suffix}`);
  return [
    role.step,
    {
      key: 'ec2:RunInstances',
      call: () => {
        const by = role.session();
        const denied = ec2Denied(ctx, by, 'RunInstances', 'instance/*');
        return {
          by,
          request: {
            instancesSet: { items: [{ imageId: `ami-0${ctx.rng.hex(16)}`, minCount: 1, maxCount: 10 }] },
            instanceType: 'p2.xlarge',
            blockDeviceMapping: {},
            subnetId: `subnet-0${ctx.rng.hex(16)}`,
            monitoring: { enabled: false },
            disableApiTermination: false,
            disableApiStop: false,
            clientToken: ctx.rng.uuid(),
          },
          error: {
            code: denied.code,
            message: `${denied.message}. Encoded authorization failure message: ${ctx.rng.base64(420)}`,
          },
        };
      },
    },
  ];
};

/** Stop, inject user data, start; the waiters poll DescribeInstances around the change. */
const userData: AwsPlan = (ctx) => {
  const id = instanceId(ctx);
  const describe: AwsStep = {
    key: 'ec2:DescribeInstances',
    count: 16,
    gapMs: [1000, 2000],
    call: () => ({
      by: ctx.operator,
      request: { instancesSet: { items: [{ instanceId: id }] }, filterSet: {} },
    }),
  };
  const stateChange = (current: [number, string], previous: [number, string]) => ({
    requestId: ctx.rng.uuid(),
    instancesSet: {
      items: [
        {
          instanceId: id,
          currentState: instanceState(...current),
          previousState: instanceState(...previous),
        },
      ],
    },
  });
  return [
    {
      key: 'ec2:StopInstances',
      call: () => ({
        by: ctx.operator,
        request: { instancesSet: { items: [{ instanceId: id }] }, force: true },
        response: stateChange([64, 'stopping'], [16, 'running']),
      }),
    },
    describe,
    {
      key: 'ec2:ModifyInstanceAttribute',
      call: () => ({
        by: ctx.operator,
        request: { instanceId: id, userData: '<sensitiveDataRemoved>' },
        response: { requestId: ctx.rng.uuid(), _return: true },
      }),
    },
    {
      key: 'ec2:StartInstances',
      call: () => ({
        by: ctx.operator,
        request: { instancesSet: { items: [{ instanceId: id }] } },
        response: stateChange([0, 'pending'], [80, 'stopped']),
      }),
    },
    describe,
  ];
};

const sagemakerLifecycleConfig: AwsPlan = (ctx) => {
  const notebook = `stratus-red-team-notebook-${ctx.suffix}`;
  const config = `stratus-red-team-lifecycle-${ctx.suffix}`;
  const describe = (count: number): AwsStep => ({
    key: 'sagemaker:DescribeNotebookInstance',
    count,
    gapMs: [30_000, 31_000],
    call: () => ({ by: ctx.operator, request: { notebookInstanceName: notebook } }),
  });
  return [
    {
      key: 'sagemaker:CreateNotebookInstanceLifecycleConfig',
      call: () => ({
        by: ctx.operator,
        request: {
          notebookInstanceLifecycleConfigName: config,
          onStart: [{ content: 'HIDDEN_DUE_TO_SECURITY_REASONS' }],
        },
        response: {
          notebookInstanceLifecycleConfigArn: `arn:aws:sagemaker:${ctx.region}:${ctx.account}:notebook-instance-lifecycle-config/${config}`,
        },
      }),
    },
    {
      key: 'sagemaker:StopNotebookInstance',
      call: () => ({ by: ctx.operator, request: { notebookInstanceName: notebook } }),
    },
    describe(4),
    {
      key: 'sagemaker:UpdateNotebookInstance',
      call: () => ({
        by: ctx.operator,
        request: { notebookInstanceName: notebook, lifecycleConfigName: config },
      }),
    },
    describe(2),
    {
      key: 'sagemaker:StartNotebookInstance',
      call: () => ({ by: ctx.operator, request: { notebookInstanceName: notebook } }),
    },
  ];
};

const instances = (ctx: AwsContext, n: number) => Array.from({ length: n }, () => instanceId(ctx));

const ssmSendCommand: AwsPlan = (ctx) => {
  const ids = instances(ctx, 3);
  const commandId = ctx.rng.uuid();
  return [
    waitForSsm(ctx, ids, 50),
    sendCommand(ctx, ids, commandId),
    commandInvocations(ctx, ids, commandId, 4),
  ];
};

/** SSM names sessions after the caller (`<user or session name>-<17 hex>`). */
const ssmStartSession: AwsPlan = (ctx) => {
  const ids = instances(ctx, 3);
  const caller = ctx.operator.arn.slice(ctx.operator.arn.lastIndexOf('/') + 1);
  const sessionIds = ids.map(() => `${caller}-${ctx.rng.hex(17)}`);
  const steps: AwsStep[] = [waitForSsm(ctx, ids, 23)];
  ids.forEach((target, i) => {
    const sessionId = sessionIds[i]!;
    steps.push({
      key: 'ssm:StartSession',
      call: () => ({
        by: ctx.operator,
        request: { target },
        response: {
          sessionId,
          tokenValue: 'Value hidden due to security reasons.',
          streamUrl: `wss://ssmmessages.${ctx.region}.amazonaws.com/v1/data-channel/${sessionId}?role=publish_subscribe&cell-number=${ctx.rng.base64(40)}`,
        },
      }),
    });
    steps.push({
      key: 'ssm:TerminateSession',
      gapMs: [2000, 6000],
      call: () => ({ by: ctx.operator, request: { sessionId }, response: { sessionId } }),
    });
  });
  return steps;
};

export const executionPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.execution.ec2-launch-unusual-instances': launchUnusualInstances,
  'aws.execution.ec2-user-data': userData,
  'aws.execution.sagemaker-update-lifecycle-config': sagemakerLifecycleConfig,
  'aws.execution.ssm-send-command': ssmSendCommand,
  'aws.execution.ssm-start-session': ssmStartSession,
};
