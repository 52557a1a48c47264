import type { AwsAccount, AwsInstance, AwsRegionResources } from '../org/aws.ts';
import { isoSeconds, MINUTE, SECOND } from '../time.ts';
import { type AwsActor, act } from './aws-emit.ts';

/**
 * Routine changes people make, each as the calls the console or CLI sends for it. A task
 * returns the time it finished.
 */
export type AwsTask = (actor: AwsActor, account: AwsAccount, res: AwsRegionResources, time: number) => number;

const EC2 = 'ec2.amazonaws.com';

function sgRule(port: number, cidr: string, description: string) {
  return {
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    groups: {},
    ipRanges: { items: [{ cidrIp: cidr, description }] },
    ipv6Ranges: {},
    prefixListIds: {},
  };
}

function sgRuleResponse(
  rng: AwsActor['day']['rng'],
  account: string,
  groupId: string,
  port: number,
  cidr: string,
) {
  return {
    requestId: rng.uuid(),
    _return: true,
    securityGroupRuleSet: {
      items: [
        {
          groupOwnerId: account,
          groupId,
          securityGroupRuleId: `sgr-0${rng.hex(16)}`,
          isEgress: false,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
        },
      ],
    },
  };
}

/** Opening a database or cache port to an application subnet inside the VPC. */
export const internalRule: AwsTask = (actor, account, res, time) => {
  const { rng } = actor.day;
  const [port, target] = rng.pick([
    [5432, 'orders-db'],
    [6379, 'redis'],
    [8080, 'orders-api'],
  ] as const);
  const group = res.securityGroups.find((g) => g.name.endsWith(target)) ?? res.securityGroups[0]!;
  const base = res.vpcCidr.split('.').slice(0, 2).join('.');
  const cidr = `${base}.${rng.int(11, 14)}.0/24`;
  let t = time;
  act(
    actor,
    t,
    {
      source: EC2,
      name: 'DescribeSecurityGroups',
      readOnly: true,
      request: { securityGroupIdSet: { items: [{ groupId: group.id }] }, filterSet: {} },
    },
    'ec2.describe-security-groups',
  );
  t += rng.int(20, 90) * SECOND;
  const revoke = rng.chance(0.3);
  act(
    actor,
    t,
    {
      source: EC2,
      name: revoke ? 'RevokeSecurityGroupIngress' : 'AuthorizeSecurityGroupIngress',
      readOnly: false,
      request: { groupId: group.id, ipPermissions: { items: [sgRule(port, cidr, `app subnet ${cidr}`)] } },
      response: revoke
        ? { requestId: rng.uuid(), _return: true }
        : sgRuleResponse(rng, account.id, group.id, port, cidr),
    },
    revoke ? 'ec2.revoke-security-group-ingress' : 'ec2.authorize-security-group-ingress',
  );
  return t + rng.int(5, 30) * SECOND;
};

/** A new load balancer's security group: HTTPS from anywhere, as public web endpoints need. */
export const loadBalancerRule: AwsTask = (actor, account, res, time) => {
  const { rng } = actor.day;
  const groupId = `sg-0${rng.hex(16)}`;
  const name = `${res.cluster.replace('-apps', '')}-${rng.pick(['preview', 'docs', 'status'])}-alb`;
  let t = time;
  act(
    actor,
    t,
    {
      source: EC2,
      name: 'CreateSecurityGroup',
      readOnly: false,
      request: { groupName: name, groupDescription: `HTTPS for ${name}`, vpcId: res.vpcId },
      response: { requestId: rng.uuid(), _return: true, groupId },
    },
    'ec2.create-security-group',
  );
  t += rng.int(10, 60) * SECOND;
  act(
    actor,
    t,
    {
      source: EC2,
      name: 'AuthorizeSecurityGroupIngress',
      readOnly: false,
      request: { groupId, ipPermissions: { items: [sgRule(443, '0.0.0.0/0', 'HTTPS from the internet')] } },
      response: sgRuleResponse(rng, account.id, groupId, 443, '0.0.0.0/0'),
    },
    'ec2.authorize-security-group-ingress',
  );
  return t + rng.int(5, 20) * SECOND;
};

function s3Call(actor: AwsActor, t: number, bucket: string, name: string, request: Record<string, unknown>) {
  act(
    actor,
    t,
    {
      source: 's3.amazonaws.com',
      name,
      readOnly: false,
      request: { bucketName: bucket, Host: `${bucket}.s3.${actor.region}.amazonaws.com`, ...request },
    },
    `s3api.${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`,
  );
}

/** A bucket created with every public access block on, encrypted with KMS and versioned. */
export const createBucket: AwsTask = (actor, account, res, time) => {
  const { rng } = actor.day;
  const bucket = `kestrel-${account.name}-${rng.pick(['reports', 'backfill', 'exports', 'tmp'])}-${rng.hex(6)}`;
  let t = time;
  s3Call(actor, t, bucket, 'CreateBucket', { 'x-amz-object-ownership': 'BucketOwnerEnforced' });
  t += rng.int(2, 10) * SECOND;
  s3Call(actor, t, bucket, 'PutBucketPublicAccessBlock', {
    PublicAccessBlockConfiguration: {
      xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
    publicAccessBlock: '',
  });
  t += rng.int(2, 10) * SECOND;
  s3Call(actor, t, bucket, 'PutBucketEncryption', {
    ServerSideEncryptionConfiguration: {
      xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
      Rule: {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: res.keys[0]!.arn },
        BucketKeyEnabled: true,
      },
    },
    encryption: '',
  });
  t += rng.int(2, 10) * SECOND;
  s3Call(actor, t, bucket, 'PutBucketVersioning', {
    VersioningConfiguration: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', Status: 'Enabled' },
    versioning: '',
  });
  return t + rng.int(5, 20) * SECOND;
};

/** Encrypting or decrypting a small value with a customer managed key. */
export const kmsUse: AwsTask = (actor, _account, res, time) => {
  const { rng } = actor.day;
  const key = rng.pick(res.keys);
  let t = time;
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    const encrypt = rng.chance(0.5);
    act(
      actor,
      t,
      {
        source: 'kms.amazonaws.com',
        name: encrypt ? 'Encrypt' : 'Decrypt',
        readOnly: !encrypt,
        request: encrypt
          ? { keyId: key.alias, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }
          : { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
        resources: [{ accountId: key.arn.split(':')[4]!, type: 'AWS::KMS::Key', ARN: key.arn }],
      },
      encrypt ? 'kms.encrypt' : 'kms.decrypt',
    );
    t += rng.int(5, 60) * SECOND;
  }
  return t;
};

/** A Session Manager shell on an instance, and its end. */
export const ssmSession: AwsTask = (actor, _account, res, time) => {
  const { rng } = actor.day;
  if (res.instances.length === 0) return time;
  const instance = rng.pick(res.instances);
  const who = String((actor.caller.identity.arn as string).split('/').pop());
  const sessionId = `${who}-${rng.hex(17)}`;
  act(
    actor,
    time,
    {
      source: 'ssm.amazonaws.com',
      name: 'StartSession',
      readOnly: false,
      request: { target: instance.id },
      response: {
        sessionId,
        tokenValue: 'Value hidden due to security reasons.',
        streamUrl: `wss://ssmmessages.${actor.region}.amazonaws.com/v1/data-channel/${sessionId}?role=publish_subscribe&cell-number=${rng.hex(8)}`,
      },
      resources: [
        {
          accountId: actor.account,
          ARN: `arn:aws:ec2:${actor.region}:${actor.account}:instance/${instance.id}`,
        },
      ],
    },
    'ssm.start-session',
  );
  const end = time + rng.int(4, 35) * MINUTE;
  act(
    actor,
    end,
    {
      source: 'ssm.amazonaws.com',
      name: 'TerminateSession',
      readOnly: false,
      request: { sessionId },
      response: { sessionId },
    },
    'ssm.terminate-session',
  );
  return end;
};

/** Starting or stopping an instance (a developer's box, a batch host). */
export function startStop(instance: AwsInstance, start: boolean): AwsTask {
  return (actor, _account, _res, time) => {
    const { rng } = actor.day;
    const previous = start ? { code: 80, name: 'stopped' } : { code: 16, name: 'running' };
    const current = start ? { code: 0, name: 'pending' } : { code: 64, name: 'stopping' };
    act(
      actor,
      time,
      {
        source: EC2,
        name: start ? 'StartInstances' : 'StopInstances',
        readOnly: false,
        request: start
          ? { instancesSet: { items: [{ instanceId: instance.id }] } }
          : { instancesSet: { items: [{ instanceId: instance.id }] }, force: false },
        response: {
          requestId: rng.uuid(),
          instancesSet: {
            items: [{ instanceId: instance.id, currentState: current, previousState: previous }],
          },
        },
      },
      start ? 'ec2.start-instances' : 'ec2.stop-instances',
    );
    return time + rng.int(10, 40) * SECOND;
  };
}

export const startStopAny: AwsTask = (actor, account, res, time) => {
  const candidates = res.instances.filter(
    (i) => i.tier === 'dev' || i.tier === 'batch' || i.tier === 'tools',
  );
  if (candidates.length === 0) return time;
  return startStop(actor.day.rng.pick(candidates), actor.day.rng.chance(0.5))(actor, account, res, time);
};

/** A manual snapshot before a migration; never shared outside the account. */
export const dbSnapshot: AwsTask = (actor, account, res, time) => {
  const { rng } = actor.day;
  if (res.databases.length === 0) return time;
  const db = rng.pick(res.databases);
  const id = `${db}-pre-migration-${isoSeconds(time).slice(0, 10).replaceAll('-', '')}`;
  let t = time;
  act(
    actor,
    t,
    {
      source: 'rds.amazonaws.com',
      name: 'CreateDBSnapshot',
      readOnly: false,
      request: { dBSnapshotIdentifier: id, dBInstanceIdentifier: db },
      response: {
        dBSnapshotIdentifier: id,
        dBInstanceIdentifier: db,
        engine: 'postgres',
        status: 'creating',
        encrypted: true,
        kmsKeyId: res.keys[res.keys.length - 1]!.arn,
        dBSnapshotArn: `arn:aws:rds:${res.region}:${account.id}:snapshot:${id}`,
        snapshotType: 'manual',
      },
    },
    'rds.create-db-snapshot',
  );
  const polls = rng.int(1, 4);
  for (let i = 0; i < polls; i++) {
    t += rng.int(30, 120) * SECOND;
    act(
      actor,
      t,
      {
        source: 'rds.amazonaws.com',
        name: 'DescribeDBSnapshots',
        readOnly: true,
        request: { dBSnapshotIdentifier: id },
      },
      'rds.describe-db-snapshots',
    );
  }
  return t;
};

/** A function's memory or timeout adjusted. */
export const lambdaConfig: AwsTask = (actor, _account, res, time) => {
  const { rng } = actor.day;
  if (res.functions.length === 0) return time;
  const name = rng.pick(res.functions);
  act(
    actor,
    time,
    {
      source: 'lambda.amazonaws.com',
      name: 'UpdateFunctionConfiguration20150331v2',
      readOnly: false,
      request: {
        functionName: name,
        memorySize: rng.pick([256, 512, 1024]),
        timeout: rng.pick([30, 60, 120]),
      },
      response: {
        functionName: name,
        runtime: 'nodejs20.x',
        state: 'Active',
        lastUpdateStatus: 'InProgress',
      },
    },
    'lambda.update-function-configuration',
  );
  return time + rng.int(10, 60) * SECOND;
};

/** A new CloudWatch alarm on an application metric. */
export const putAlarm: AwsTask = (actor, account, res, time) => {
  const { rng } = actor.day;
  const service = res.services[0] ?? 'orders-api';
  act(
    actor,
    time,
    {
      source: 'monitoring.amazonaws.com',
      name: 'PutMetricAlarm',
      readOnly: false,
      request: {
        alarmName: `${service}-${rng.pick(['p99-latency', '5xx-rate', 'cpu-high'])}`,
        metricName: rng.pick(['TargetResponseTime', 'HTTPCode_Target_5XX_Count', 'CPUUtilization']),
        namespace: rng.pick(['AWS/ApplicationELB', 'AWS/ECS']),
        statistic: 'Average',
        period: 60,
        evaluationPeriods: 5,
        threshold: rng.pick([1, 5, 80]),
        comparisonOperator: 'GreaterThanThreshold',
        alarmActions: [`arn:aws:sns:${res.region}:${account.id}:oncall-alerts`],
      },
    },
    'cloudwatch.put-metric-alarm',
  );
  return time + rng.int(10, 60) * SECOND;
};

/** More or fewer tasks for a service during a busy period. */
export const scaleService: AwsTask = (actor, account, res, time) => {
  const { rng } = actor.day;
  if (res.services.length === 0) return time;
  const service = rng.pick(res.services);
  act(
    actor,
    time,
    {
      source: 'ecs.amazonaws.com',
      name: 'UpdateService',
      readOnly: false,
      request: {
        cluster: `arn:aws:ecs:${res.region}:${account.id}:cluster/${res.cluster}`,
        service,
        desiredCount: rng.int(2, 6),
      },
    },
    'ecs.update-service',
  );
  return time + rng.int(20, 90) * SECOND;
};
