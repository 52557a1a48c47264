import {
  assumedRoleIdentity,
  awsServiceIdentity,
  type RoleSession,
  sessionArn,
} from '../formats/aws-identity.ts';
import type { AwsCall } from '../formats/cloudtrail.ts';
import { type AwsAccount, type AwsRegionResources, type AwsRole, iamId, role } from '../org/aws.ts';
import { DAY, HOUR, MINUTE, SECOND } from '../time.ts';
import { s3Object } from './aws-data.ts';
import { type AwsActor, act } from './aws-emit.ts';
import { at, type Day, type Persona } from './day.ts';

export const JAVA_SDK =
  'aws-sdk-java/2.28.16 Linux/5.10.226-214.880.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS Java/21.0.4 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_EC2 io/sync http/Apache cfg/retry-mode/legacy';
const GO_SDK =
  'aws-sdk-go-v2/1.32.2 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/secretsmanager#1.34.2';
const NODE_SDK =
  'aws-sdk-js/3.658.1 ua/2.1 os/linux#5.10.226-236.883.amzn2.x86_64 lang/js md/nodejs#20.17.0 exec-env/AWS_Lambda_nodejs20.x';

/** A credential refresh every six hours, as ECS and EC2 deliver role credentials. */
const REFRESH = 6 * HOUR;

function serviceActor(
  day: Day,
  account: AwsAccount,
  region: string,
  service: string,
  persona: string,
): AwsActor {
  return {
    day,
    caller: { identity: awsServiceIdentity(service), sourceIp: service, userAgent: service, tls: false },
    account: account.id,
    region,
    persona,
  };
}

/** `sts:AssumeRole` an AWS service makes to give a task, function or instance its role. */
function serviceAssume(target: AwsRole, session: string, duration: number): AwsCall {
  return {
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    readOnly: true,
    request: { roleArn: target.arn, roleSessionName: session, durationSeconds: duration },
    response: {
      assumedRoleUser: { assumedRoleId: `${target.id}:${session}`, arn: sessionArn(target, session) },
    },
    resources: [{ accountId: target.account, type: 'AWS::IAM::Role', ARN: target.arn }],
  };
}

/** Reading a secret through the VPC endpoint, and the KMS decrypt Secrets Manager makes for it. */
function readSecret(actor: AwsActor, res: AwsRegionResources, secretName: string, time: number): void {
  const { rng } = actor.day;
  const secret = res.secrets.find((s) => s.name === secretName);
  if (secret === undefined) return;
  act(actor, time, {
    source: 'secretsmanager.amazonaws.com',
    name: 'GetSecretValue',
    readOnly: true,
    request: { secretId: secret.arn },
    resources: [{ accountId: actor.account, type: 'AWS::SecretsManager::Secret', ARN: secret.arn }],
  });
  act(
    {
      ...actor,
      caller: {
        identity: { ...actor.caller.identity, invokedBy: 'secretsmanager.amazonaws.com' },
        sourceIp: 'secretsmanager.amazonaws.com',
        userAgent: 'secretsmanager.amazonaws.com',
        tls: false,
      },
    },
    time + rng.int(5, 60),
    {
      source: 'kms.amazonaws.com',
      name: 'Decrypt',
      readOnly: true,
      request: {
        encryptionContext: { SecretARN: secret.arn, SecretVersionId: secret.versionId },
        encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      },
      resources: [{ accountId: actor.account, type: 'AWS::KMS::Key', ARN: secret.kmsKeyArn }],
    },
  );
}

interface Task {
  account: AwsAccount;
  res: AwsRegionResources;
  service: string;
  secret: string;
  agent: string;
}

/**
 * One ECS task over a day: ECS assumes its role every six hours, and the application re-reads
 * its secret from Secrets Manager on a steady hourly cache refresh.
 */
function runTask(day: Day, task: Task, replica: number): void {
  const { rng } = day;
  const { account, res, service } = task;
  const taskRole = role(account, `${service}-task`);
  const taskId = rng.hex(32);
  const ip = `${res.vpcCidr.split('.').slice(0, 2).join('.')}.${11 + (replica % 2)}.${rng.int(10, 250)}`;
  const ecs = serviceActor(day, account, res.region, 'ecs-tasks.amazonaws.com', 'aws-service/ecs-tasks');
  const offset = rng.int(0, 59) * MINUTE;
  let session: RoleSession | undefined;
  const period = HOUR / day.scale;
  for (let t = day.midnight + offset; t < day.midnight + DAY; t += period + rng.int(-90, 90) * SECOND) {
    if (session === undefined || t >= session.created + REFRESH) {
      const created = t - rng.int(1, 30) * SECOND;
      session = { role: taskRole, name: taskId, accessKeyId: iamId(rng, 'ASIA', 16), created, mfa: false };
      act(ecs, created, serviceAssume(taskRole, taskId, 21600));
    }
    const app: AwsActor = {
      day,
      caller: {
        identity: assumedRoleIdentity(session),
        sourceIp: ip,
        userAgent: task.agent,
        vpcEndpointId: res.endpoints.secretsmanager,
        tls: true,
      },
      account: account.id,
      region: res.region,
      persona: `app/${service}`,
    };
    readSecret(app, res, task.secret, t);
  }
}

/** Lambda cold starts: more of them while customers are awake. */
function runFunction(day: Day, account: AwsAccount, res: AwsRegionResources, fn: string): void {
  const { rng } = day;
  const lambda = serviceActor(day, account, res.region, 'lambda.amazonaws.com', 'aws-service/lambda');
  const fnRole = role(account, `${fn}-lambda`);
  for (let t = day.midnight + rng.int(0, 30) * MINUTE; t < day.midnight + DAY; ) {
    const hour = (t - day.midnight) / HOUR;
    const busy = hour >= 12 && hour < 23;
    act(lambda, t, serviceAssume(fnRole, fn, 43200));
    if (fn === 'ingest-events') {
      const session = { role: fnRole, name: fn, accessKeyId: iamId(rng, 'ASIA', 16), created: t, mfa: false };
      readSecret(
        {
          day,
          caller: {
            identity: assumedRoleIdentity(session),
            sourceIp: `${res.vpcCidr.split('.').slice(0, 2).join('.')}.12.${rng.int(10, 250)}`,
            userAgent: NODE_SDK,
            vpcEndpointId: res.endpoints.secretsmanager,
            tls: true,
          },
          account: account.id,
          region: res.region,
          persona: `app/${fn}`,
        },
        res,
        res.secrets.find((s) => s.name.endsWith('ingest/token'))?.name ?? '',
        t + rng.int(300, 1500),
      );
    }
    t += Math.round(rng.exponential((busy ? 40 : 110) / day.scale) * MINUTE) + 5 * MINUTE;
  }
}

/** The nightly export: the billing worker writes the day's files to the exports bucket. */
function nightlyExport(day: Day, account: AwsAccount, res: AwsRegionResources): void {
  const { rng } = day;
  const bucket = account.buckets.find((b) => b.endsWith('-exports'));
  if (bucket === undefined) return;
  const taskRole = role(account, 'billing-worker-task');
  const session = {
    role: taskRole,
    name: rng.hex(32),
    accessKeyId: iamId(rng, 'ASIA', 16),
    created: at(day, 1.9),
    mfa: false,
  };
  const actor: AwsActor = {
    day,
    caller: {
      identity: assumedRoleIdentity(session),
      sourceIp: `${res.vpcCidr.split('.').slice(0, 2).join('.')}.11.${rng.int(10, 250)}`,
      userAgent: GO_SDK.replace('secretsmanager#1.34.2', 's3#1.66.0'),
      tls: true,
    },
    account: account.id,
    region: res.region,
    persona: 'app/billing-worker',
  };
  let t = at(day, 2 + rng.between(0, 0.2));
  const date = new Date(day.midnight + 12 * HOUR).toISOString().slice(0, 10);
  for (const kind of ['invoices', 'payments', 'refunds', 'ledger']) {
    act(
      actor,
      t,
      s3Object(
        rng,
        'PutObject',
        account.id,
        res.region,
        bucket,
        `billing/${date}/${kind}.csv.gz`,
        rng.int(20_000, 4_000_000),
        res.keys[res.keys.length - 1]!.arn,
      ),
    );
    t += rng.int(2, 40) * SECOND;
  }
}

/** The running applications of production and staging, and the services that give them credentials. */
export function appRuntimePersona(): Persona {
  return {
    id: 'app/runtime',
    zone: 'UTC',
    day(day) {
      const { prod, staging } = day.org.aws;
      const useast = prod.byRegion.get('us-east-1')!;
      const euwest = prod.byRegion.get('eu-west-1')!;
      const stage = staging.byRegion.get('us-east-1')!;
      const tasks: [Task, number][] = [
        [
          {
            account: prod,
            res: useast,
            service: 'orders-api',
            secret: 'prod/orders-api/db',
            agent: JAVA_SDK,
          },
          2,
        ],
        [
          {
            account: prod,
            res: useast,
            service: 'billing-worker',
            secret: 'prod/billing/payment-api',
            agent: GO_SDK,
          },
          1,
        ],
        [
          {
            account: prod,
            res: euwest,
            service: 'orders-api',
            secret: 'prod-eu/orders-api/db',
            agent: JAVA_SDK,
          },
          1,
        ],
        [
          {
            account: staging,
            res: stage,
            service: 'orders-api',
            secret: 'staging/orders-api/db',
            agent: JAVA_SDK,
          },
          1,
        ],
        [
          {
            account: staging,
            res: stage,
            service: 'billing-worker',
            secret: 'staging/billing/payment-api',
            agent: GO_SDK,
          },
          1,
        ],
      ];
      for (const [task, replicas] of tasks) for (let r = 0; r < replicas; r++) runTask(day, task, r);
      for (const fn of ['ingest-events', 'thumbnailer']) runFunction(day, prod, useast, fn);
      runFunction(day, prod, euwest, 'ingest-events');
      nightlyExport(day, prod, useast);
    },
  };
}
