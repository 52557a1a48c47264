import { assumedRoleIdentity, awsServiceIdentity, sessionArn } from '../formats/aws-identity.ts';
import type { AwsCall } from '../formats/cloudtrail.ts';
import { iamId, role } from '../org/aws.ts';
import { SECOND } from '../time.ts';
import { type AwsActor, act } from './aws-emit.ts';
import { call, type Job } from './ci-job.ts';

/** The ECS service scheduler, acting through its service-linked role on the new tasks. */
function ecsScheduler(job: Job, time: number): number {
  const { rng } = job.actor.day;
  const session = {
    role: role(job.account, 'AWSServiceRoleForECS'),
    name: 'ecs-service-scheduler',
    accessKeyId: iamId(rng, 'ASIA', 16),
    created: time - rng.int(60, 3000) * SECOND,
    mfa: false,
    invokedBy: 'ecs.amazonaws.com',
  };
  const scheduler: AwsActor = {
    day: job.actor.day,
    caller: {
      identity: assumedRoleIdentity(session),
      sourceIp: 'ecs.amazonaws.com',
      userAgent: 'ecs.amazonaws.com',
      tls: false,
    },
    account: job.account.id,
    region: job.res.region,
    persona: 'aws-service/ecs',
  };
  const tasks: AwsActor = {
    ...scheduler,
    caller: {
      identity: awsServiceIdentity('ecs-tasks.amazonaws.com'),
      sourceIp: 'ecs-tasks.amazonaws.com',
      userAgent: 'ecs-tasks.amazonaws.com',
      tls: false,
    },
    persona: 'aws-service/ecs-tasks',
  };
  const taskRole = role(job.account, `${job.repo.target}-task`);
  let t = time;
  const count = rng.int(1, 2);
  for (let i = 0; i < count; i++) {
    const taskId = rng.hex(32);
    act(tasks, t, {
      source: 'sts.amazonaws.com',
      name: 'AssumeRole',
      readOnly: true,
      request: { roleArn: taskRole.arn, roleSessionName: taskId, durationSeconds: 21600 },
      response: {
        assumedRoleUser: { assumedRoleId: `${taskRole.id}:${taskId}`, arn: sessionArn(taskRole, taskId) },
      },
      resources: [{ accountId: job.account.id, type: 'AWS::IAM::Role', ARN: taskRole.arn }],
    });
    t += rng.int(20, 60) * SECOND;
    const target = {
      id: `${job.res.vpcCidr.split('.').slice(0, 2).join('.')}.${rng.int(11, 12)}.${rng.int(10, 250)}`,
      port: 8080,
    };
    act(
      scheduler,
      t,
      call('elasticloadbalancing.amazonaws.com', 'RegisterTargets', false, {
        targetGroupArn: job.res.loadBalancer.targetGroupArn,
        targets: [target],
      }),
    );
    t += rng.int(30, 120) * SECOND;
    const old = {
      id: `${job.res.vpcCidr.split('.').slice(0, 2).join('.')}.${rng.int(11, 12)}.${rng.int(10, 250)}`,
      port: 8080,
    };
    act(
      scheduler,
      t,
      call('elasticloadbalancing.amazonaws.com', 'DeregisterTargets', false, {
        targetGroupArn: job.res.loadBalancer.targetGroupArn,
        targets: [old],
      }),
    );
  }
  return t;
}

/** Build and push the image, register a task definition revision, roll the service. */
export function deployEcs(job: Job, time: number): number {
  const { actor, account, res, repo, sha } = job;
  const { rng } = actor.day;
  const registry = account.id;
  let t = time;
  const step = (c: AwsCall, command: string, gapMs: number) => {
    act(actor, t, c, command);
    t += gapMs;
  };
  step(
    call('ecr.amazonaws.com', 'GetAuthorizationToken', true, { registryIds: [registry] }),
    'ecr.get-login-password',
    rng.int(2, 6) * SECOND,
  );
  const layers = rng.int(1, 3);
  step(
    call('ecr.amazonaws.com', 'BatchCheckLayerAvailability', true, {
      repositoryName: repo.target,
      registryId: registry,
      layerDigests: Array.from({ length: layers + 2 }, () => `sha256:${rng.hex(64)}`),
    }),
    'ecr',
    rng.int(300, 900),
  );
  for (let i = 0; i < layers; i++) {
    const uploadId = rng.uuid();
    step(
      call(
        'ecr.amazonaws.com',
        'InitiateLayerUpload',
        false,
        { repositoryName: repo.target, registryId: registry },
        { uploadId, partSize: 10485760 },
      ),
      'ecr',
      rng.int(100, 400),
    );
    step(
      call('ecr.amazonaws.com', 'UploadLayerPart', false, {
        repositoryName: repo.target,
        registryId: registry,
        uploadId,
        partFirstByte: 0,
        partLastByte: rng.int(100_000, 60_000_000),
      }),
      'ecr',
      rng.int(1, 9) * SECOND,
    );
    step(
      call('ecr.amazonaws.com', 'CompleteLayerUpload', false, {
        repositoryName: repo.target,
        registryId: registry,
        uploadId,
        layerDigests: [`sha256:${rng.hex(64)}`],
      }),
      'ecr',
      rng.int(200, 800),
    );
  }
  step(
    call(
      'ecr.amazonaws.com',
      'PutImage',
      false,
      { repositoryName: repo.target, registryId: registry, imageTag: sha },
      {
        image: {
          registryId: registry,
          repositoryName: repo.target,
          imageId: { imageDigest: `sha256:${rng.hex(64)}`, imageTag: sha },
        },
      },
    ),
    'ecr',
    rng.int(5, 20) * SECOND,
  );
  const cluster = `arn:aws:ecs:${res.region}:${account.id}:cluster/${res.cluster}`;
  step(
    call('ecs.amazonaws.com', 'DescribeTaskDefinition', true, { taskDefinition: repo.target }),
    'ecs.describe-task-definition',
    rng.int(1, 3) * SECOND,
  );
  const revision = 140 + actor.day.index * 3 + rng.int(0, 2);
  const family = repo.target;
  const taskDefinitionArn = `arn:aws:ecs:${res.region}:${account.id}:task-definition/${family}:${revision}`;
  const secret = res.secrets.find((s) =>
    s.name.includes(repo.target === 'billing-worker' ? 'billing' : 'orders-api'),
  );
  step(
    call(
      'ecs.amazonaws.com',
      'RegisterTaskDefinition',
      false,
      {
        family,
        taskRoleArn: role(account, `${repo.target}-task`).arn,
        executionRoleArn: role(account, 'ecs-instance-role').arn,
        networkMode: 'awsvpc',
        containerDefinitions: [
          {
            name: family,
            image: `${account.id}.dkr.ecr.${res.region}.amazonaws.com/${repo.target}:${sha}`,
            cpu: 0,
            portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
            essential: true,
            secrets: secret === undefined ? [] : [{ name: 'APP_SECRET', valueFrom: secret.arn }],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': `/ecs/${family}`,
                'awslogs-region': res.region,
                'awslogs-stream-prefix': 'app',
              },
            },
          },
        ],
        requiresCompatibilities: ['EC2'],
        cpu: '512',
        memory: '1024',
      },
      { taskDefinition: { taskDefinitionArn, family, revision, status: 'ACTIVE' } },
    ),
    'ecs.register-task-definition',
    rng.int(1, 4) * SECOND,
  );
  step(
    call('ecs.amazonaws.com', 'UpdateService', false, {
      cluster,
      service: repo.target,
      taskDefinition: `${family}:${revision}`,
      forceNewDeployment: false,
    }),
    'ecs.update-service',
    rng.int(5, 15) * SECOND,
  );
  const rolled = ecsScheduler(job, t);
  const polls = rng.int(6, 18);
  for (let i = 0; i < polls; i++)
    step(
      call('ecs.amazonaws.com', 'DescribeServices', true, { cluster, services: [repo.target] }),
      'ecs.wait.services-stable',
      15 * SECOND,
    );
  return Math.max(t, rolled);
}
