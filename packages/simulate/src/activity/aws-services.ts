import { assumedRoleIdentity, awsServiceIdentity, sessionArn } from '../formats/aws-identity.ts';
import type { AwsCall } from '../formats/cloudtrail.ts';
import { type AwsAccount, type AwsRegionResources, iamId, role } from '../org/aws.ts';
import { HOUR, MINUTE, SECOND } from '../time.ts';
import { type AwsActor, act } from './aws-emit.ts';
import { EC2_READS, IAM_READS, KMS_READS, LAMBDA_READS, RDS_READS, S3_READS } from './aws-reads.ts';
import { startStop } from './aws-writes.ts';
import { at, type Day, isWorkday, type Persona } from './day.ts';

/** An AWS service acting through its service-linked (or service) role on the account's behalf. */
function linkedRole(
  day: Day,
  account: AwsAccount,
  region: string,
  roleName: string,
  sessionName: string,
  service: string,
  persona: string,
): AwsActor {
  const session = {
    role: role(account, roleName),
    name: sessionName,
    accessKeyId: iamId(day.rng, 'ASIA', 16),
    created: day.midnight,
    mfa: false,
    invokedBy: service,
  };
  return {
    day,
    caller: { identity: assumedRoleIdentity(session), sourceIp: service, userAgent: service, tls: false },
    account: account.id,
    region,
    persona,
  };
}

/** AWS Config's periodic inventory: describes of every recorded resource type, every eight hours. */
function configSweeps(day: Day): void {
  const { rng } = day;
  for (const account of day.org.aws.all) {
    for (const region of account.regions) {
      const res = account.byRegion.get(region)!;
      const config = linkedRole(
        day,
        account,
        region,
        'AWSServiceRoleForConfig',
        'AWSConfig-Describe',
        'config.amazonaws.com',
        'aws-service/config',
      );
      const global = region === account.regions[0];
      const calls = [
        ...EC2_READS,
        ...RDS_READS.slice(0, 1),
        ...LAMBDA_READS.slice(0, 2),
        ...KMS_READS.slice(2),
        ...(global ? [...IAM_READS.slice(0, 3), ...S3_READS.slice(1, 4)] : []),
      ];
      for (let sweep = 0; sweep < 3; sweep++) {
        let t = at(day, sweep * 8 + rng.between(0.5, 1.5));
        for (const make of rng.sample(calls, Math.round(rng.int(8, 14) * day.scale))) {
          act(config, t, make(rng, account, res));
          t += rng.int(200, 4000);
        }
      }
    }
  }
}

function runInstances(
  rng: Day['rng'],
  res: AwsRegionResources,
  count: number,
): { call: AwsCall; ids: string[] } {
  const ids = Array.from({ length: count }, () => `i-0${rng.hex(16)}`);
  return {
    ids,
    call: {
      source: 'ec2.amazonaws.com',
      name: 'RunInstances',
      readOnly: false,
      request: {
        instancesSet: { items: [{ minCount: count, maxCount: count }] },
        launchTemplate: { launchTemplateId: `lt-0${rng.hex(16)}`, version: '12' },
        subnetId: rng.pick(res.subnets),
        clientToken: rng.uuid(),
      },
      response: {
        requestId: rng.uuid(),
        reservationId: `r-0${rng.hex(16)}`,
        instancesSet: {
          items: ids.map((instanceId) => ({
            instanceId,
            imageId: 'ami-0c1d2e3f4a5b6c7d8',
            instanceType: 'm7g.large',
            currentState: { code: 0, name: 'pending' },
            privateIpAddress: `${res.vpcCidr.split('.').slice(0, 2).join('.')}.${rng.int(11, 12)}.${rng.int(10, 250)}`,
          })),
        },
      },
    },
  };
}

/**
 * The production auto scaling group follows the American day: it adds instances around 12:30
 * UTC and removes them after midnight. New instances get their role from EC2.
 */
function autoScaling(day: Day): void {
  const { rng } = day;
  const account = day.org.aws.prod;
  const res = account.byRegion.get('us-east-1')!;
  const asg = linkedRole(
    day,
    account,
    res.region,
    'AWSServiceRoleForAutoScaling',
    'AutoScaling',
    'autoscaling.amazonaws.com',
    'aws-service/autoscaling',
  );
  const ec2: AwsActor = {
    day,
    caller: {
      identity: awsServiceIdentity('ec2.amazonaws.com'),
      sourceIp: 'ec2.amazonaws.com',
      userAgent: 'ec2.amazonaws.com',
      tls: false,
    },
    account: account.id,
    region: res.region,
    persona: 'aws-service/ec2',
  };
  const instanceRole = role(account, 'ecs-instance-role');
  const n = isWorkday(day) ? rng.int(1, 3) : rng.int(0, 1);
  if (n > 0) {
    const out = at(day, rng.between(12.2, 13.2));
    const launched = runInstances(rng, res, n);
    act(asg, out, launched.call);
    launched.ids.forEach((id, i) => {
      act(ec2, out + (40 + i * 7) * SECOND, {
        source: 'sts.amazonaws.com',
        name: 'AssumeRole',
        readOnly: true,
        request: { roleArn: instanceRole.arn, roleSessionName: id, durationSeconds: 21600 },
        response: {
          assumedRoleUser: { assumedRoleId: `${instanceRole.id}:${id}`, arn: sessionArn(instanceRole, id) },
        },
        resources: [{ accountId: account.id, type: 'AWS::IAM::Role', ARN: instanceRole.arn }],
      });
    });
    const back = at(day, rng.between(2, 3.5)) + 24 * HOUR;
    act(asg, back, {
      source: 'ec2.amazonaws.com',
      name: 'TerminateInstances',
      readOnly: false,
      request: { instancesSet: { items: launched.ids.map((instanceId) => ({ instanceId })) } },
      response: {
        requestId: rng.uuid(),
        instancesSet: {
          items: launched.ids.map((instanceId) => ({
            instanceId,
            currentState: { code: 32, name: 'shutting-down' },
            previousState: { code: 16, name: 'running' },
          })),
        },
      },
    });
  }
  // Instance-profile credentials of the standing fleet, refreshed every six hours.
  for (const instance of [...res.instances, ...account.byRegion.get('eu-west-1')!.instances]) {
    const offset = rng.between(0, 6);
    for (let h = offset; h < 24; h += 6) {
      act({ ...ec2, region: instance.region }, at(day, h), {
        source: 'sts.amazonaws.com',
        name: 'AssumeRole',
        readOnly: true,
        request: { roleArn: instanceRole.arn, roleSessionName: instance.id, durationSeconds: 21600 },
        response: {
          assumedRoleUser: {
            assumedRoleId: `${instanceRole.id}:${instance.id}`,
            arn: sessionArn(instanceRole, instance.id),
          },
        },
        resources: [{ accountId: account.id, type: 'AWS::IAM::Role', ARN: instanceRole.arn }],
      });
    }
  }
}

/** AWS Backup's nightly plan: a snapshot of each production database, the oldest one expired. */
function backups(day: Day): void {
  const { rng } = day;
  const account = day.org.aws.prod;
  for (const region of account.regions) {
    const res = account.byRegion.get(region)!;
    const backup = linkedRole(
      day,
      account,
      region,
      'AWSBackupDefaultServiceRole',
      'AWSBackup-AWSBackupDefaultServiceRole',
      'backup.amazonaws.com',
      'aws-service/backup',
    );
    let t = at(day, 5 + rng.between(0, 0.5));
    for (const db of res.databases) {
      const id = `awsbackup:job-${rng.uuid()}`;
      act(backup, t, {
        source: 'rds.amazonaws.com',
        name: 'CreateDBSnapshot',
        readOnly: false,
        request: {
          dBSnapshotIdentifier: id,
          dBInstanceIdentifier: db,
          tags: [{ key: 'aws:backup:source-resource', value: db }],
        },
        response: {
          dBSnapshotIdentifier: id,
          dBInstanceIdentifier: db,
          status: 'creating',
          engine: 'postgres',
          encrypted: true,
          snapshotType: 'awsbackup',
        },
      });
      t += rng.int(20, 50) * MINUTE;
      act(backup, t, {
        source: 'rds.amazonaws.com',
        name: 'DeleteDBSnapshot',
        readOnly: false,
        request: { dBSnapshotIdentifier: `awsbackup:job-${rng.uuid()}` },
      });
    }
  }
}

const SCHEDULER_AGENT =
  'Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.226-235.879.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.145';

/** The instance scheduler starts staging's developer boxes at 07:00 New York time and stops them at 20:00. */
function instanceScheduler(day: Day): void {
  if (!isWorkday(day)) return;
  const { rng } = day;
  const account = day.org.aws.staging;
  const res = account.byRegion.get('us-east-1')!;
  const boxes = res.instances.filter((i) => i.tier === 'dev');
  const schedulerRole = role(account, 'InstanceSchedulerRole');
  for (const [hour, start] of [
    [7, true],
    [20, false],
  ] as const) {
    const t = at(day, hour) + rng.int(5, 90) * SECOND;
    const session = {
      role: schedulerRole,
      name: 'instance-scheduler',
      accessKeyId: iamId(rng, 'ASIA', 16),
      created: t - 2 * SECOND,
      mfa: false,
    };
    const lambda: AwsActor = {
      day,
      caller: {
        identity: awsServiceIdentity('lambda.amazonaws.com'),
        sourceIp: 'lambda.amazonaws.com',
        userAgent: 'lambda.amazonaws.com',
        tls: false,
      },
      account: account.id,
      region: res.region,
      persona: 'aws-service/lambda',
    };
    act(lambda, t - 2 * SECOND, {
      source: 'sts.amazonaws.com',
      name: 'AssumeRole',
      readOnly: true,
      request: { roleArn: schedulerRole.arn, roleSessionName: 'instance-scheduler', durationSeconds: 43200 },
      response: {
        assumedRoleUser: {
          assumedRoleId: `${schedulerRole.id}:instance-scheduler`,
          arn: sessionArn(schedulerRole, 'instance-scheduler'),
        },
      },
      resources: [{ accountId: account.id, type: 'AWS::IAM::Role', ARN: schedulerRole.arn }],
    });
    const scheduler: AwsActor = {
      day,
      caller: {
        identity: assumedRoleIdentity(session),
        sourceIp: '203.0.113.221',
        userAgent: SCHEDULER_AGENT,
        tls: true,
      },
      account: account.id,
      region: res.region,
    };
    act(scheduler, t, {
      source: 'ec2.amazonaws.com',
      name: 'DescribeInstances',
      readOnly: true,
      request: {
        instancesSet: {},
        filterSet: { items: [{ name: 'tag:Schedule', valueSet: { items: [{ value: 'office-hours' }] } }] },
      },
    });
    let u = t + rng.int(1, 3) * SECOND;
    for (const box of boxes) u = startStop(box, start)(scheduler, account, res, u);
  }
}

/** The account-level AWS services: Config, auto scaling, EC2 role delivery, Backup. */
export function awsServicesPersona(): Persona {
  return {
    id: 'aws-service/platform',
    zone: 'UTC',
    day(day) {
      configSweeps(day);
      autoScaling(day);
      backups(day);
    },
  };
}

/** The staging instance scheduler (a Lambda function), on New York office hours. */
export function instanceSchedulerPersona(): Persona {
  return { id: 'automation/instance-scheduler', zone: 'America/New_York', day: instanceScheduler };
}
