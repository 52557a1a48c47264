import type { AwsCall } from '../formats/cloudtrail.ts';
import { SECOND } from '../time.ts';
import { type AwsActor, act } from './aws-emit.ts';
import { TERRAFORM_REFRESH } from './aws-reads.ts';
import { call, type Job } from './ci-job.ts';

const CFN = 'cloudformation.amazonaws.com';

/** What CloudFormation itself calls while applying a stack update, on the deploy role's behalf. */
function stackChanges(job: Job): AwsCall[] {
  const { rng } = job.actor.day;
  const { res, account } = job;
  const group = rng.pick(res.logGroups.length > 0 ? res.logGroups : ['/aws/lambda/default']);
  const options: AwsCall[] = [
    call('logs.amazonaws.com', 'PutRetentionPolicy', false, {
      logGroupName: group,
      retentionInDays: rng.pick([30, 90, 365]),
    }),
    call('monitoring.amazonaws.com', 'PutMetricAlarm', false, {
      alarmName: `${res.cluster}-${rng.pick(['queue-depth', 'errors'])}`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 3,
      threshold: 1000,
      comparisonOperator: 'GreaterThanThreshold',
    }),
    call('sqs.amazonaws.com', 'SetQueueAttributes', false, {
      queueUrl: `https://sqs.${res.region}.amazonaws.com/${account.id}/${res.cluster}-jobs`,
      attributes: { VisibilityTimeout: String(rng.pick([60, 120, 300])) },
    }),
    call(
      'ssm.amazonaws.com',
      'PutParameter',
      false,
      {
        name: `/apps/${rng.pick(['orders-api', 'billing-worker'])}/feature-flags`,
        type: 'String',
        overwrite: true,
        tier: 'Standard',
      },
      { version: rng.int(2, 90), tier: 'Standard' },
    ),
    call('lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', false, {
      functionName: rng.pick(res.functions.length > 0 ? res.functions : ['findings-forwarder']),
      timeout: 60,
    }),
  ];
  const picked = rng.sample(options, rng.int(2, 4));
  if (rng.chance(0.1)) {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:PutObject'],
          Resource: `arn:aws:s3:::${account.buckets[0]}/orders-api/*`,
        },
      ],
    };
    picked.push(
      call('iam.amazonaws.com', 'PutRolePolicy', false, {
        roleName: 'orders-api-task',
        policyName: 'artifacts-write',
        policyDocument: JSON.stringify(policy),
      }),
    );
  }
  return picked;
}

/** `aws cloudformation deploy`: a change set created, described, executed and waited on. */
export function deployStack(job: Job, time: number): number {
  const { actor, account, res, sha } = job;
  const { rng } = actor.day;
  const stackName = rng.pick(res.stacks);
  const changeSetName = `gha-${sha}`;
  const stackId = `arn:aws:cloudformation:${res.region}:${account.id}:stack/${stackName}/${rng.uuid()}`;
  let t = time;
  act(actor, t, call(CFN, 'DescribeStacks', true, { stackName }), 'cloudformation.deploy');
  t += rng.int(1, 3) * SECOND;
  act(
    actor,
    t,
    call(
      CFN,
      'CreateChangeSet',
      false,
      {
        stackName,
        templateURL: `https://s3.${res.region}.amazonaws.com/${account.buckets[0]}/platform-infra/${sha}/${stackName}.template.json`,
        changeSetName,
        changeSetType: 'UPDATE',
        capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      },
      {
        id: `arn:aws:cloudformation:${res.region}:${account.id}:changeSet/${changeSetName}/${rng.uuid()}`,
        stackId,
      },
    ),
    'cloudformation.deploy',
  );
  const polls = rng.int(2, 4);
  for (let i = 0; i < polls; i++) {
    t += 5 * SECOND;
    act(
      actor,
      t,
      call(CFN, 'DescribeChangeSet', true, { changeSetName, stackName }),
      'cloudformation.deploy',
    );
  }
  t += rng.int(1, 3) * SECOND;
  act(actor, t, call(CFN, 'ExecuteChangeSet', false, { changeSetName, stackName }), 'cloudformation.deploy');
  const service: AwsActor = {
    ...actor,
    agent: undefined,
    caller: {
      identity: { ...actor.caller.identity, invokedBy: 'cloudformation.amazonaws.com' },
      sourceIp: 'cloudformation.amazonaws.com',
      userAgent: 'cloudformation.amazonaws.com',
      tls: false,
    },
  };
  let u = t;
  for (const c of stackChanges(job)) {
    u += rng.int(2, 30) * SECOND;
    act(service, u, c);
  }
  const waits = rng.int(4, 12);
  for (let i = 0; i < waits; i++) {
    t += 5 * SECOND;
    act(
      actor,
      t,
      call(CFN, i % 2 === 0 ? 'DescribeStacks' : 'DescribeStackEvents', true, { stackName }),
      'cloudformation.deploy',
    );
  }
  return Math.max(t, u);
}

/** `terraform plan` on a pull request: every resource refreshed, nothing changed. */
export function terraformPlanJob(job: Job, time: number): number {
  const { actor, account, res } = job;
  const { rng } = actor.day;
  let t = time;
  const n = rng.int(40, 100);
  for (let i = 0; i < n; i++) {
    act(actor, t, rng.pick(TERRAFORM_REFRESH)(rng, account, res), 'terraform');
    t += rng.int(20, 300);
  }
  return t;
}
