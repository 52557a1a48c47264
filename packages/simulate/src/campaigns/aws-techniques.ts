import { s3Object } from '../activity/aws-data.ts';
import { type AwsActor, act } from '../activity/aws-emit.ts';
import { EC2_READS, IAM_READS, LAMBDA_READS, RDS_READS, S3_READS } from '../activity/aws-reads.ts';
import type { AwsCall } from '../formats/cloudtrail.ts';
import type { AwsAccount, AwsRegionResources } from '../org/aws.ts';
import type { Random } from '../random.ts';
import { SECOND } from '../time.ts';

/** Where an AWS technique runs: an actor already holding credentials in `account`. */
export interface AwsStage {
  actor: AwsActor;
  account: AwsAccount;
  res: AwsRegionResources;
  rng: Random;
}

/** An account outside the organisation the attacker shares data with. */
export const ATTACKER_ACCOUNT = '193672423079';

function call(
  source: string,
  name: string,
  readOnly: boolean,
  request: Record<string, unknown> | null = null,
  error?: { code: string; message: string },
): AwsCall {
  const c: AwsCall = { source: `${source}.amazonaws.com`, name, readOnly, request };
  if (error) c.error = error;
  return c;
}

/** Runs calls one after another, `gap` seconds apart; returns when the last one was made. */
export function calls(
  stage: AwsStage,
  time: number,
  list: readonly AwsCall[],
  gap: [number, number],
): number {
  let t = time;
  for (const c of list) {
    act(stage.actor, t, c);
    t += stage.rng.int(gap[0], gap[1]) * SECOND + stage.rng.int(0, 999);
  }
  return t;
}

function reads(
  stage: AwsStage,
  makers: readonly ((r: Random, a: AwsAccount, s: AwsRegionResources) => AwsCall)[],
  n: number,
): AwsCall[] {
  return Array.from({ length: n }, () => stage.rng.pick(makers)(stage.rng, stage.account, stage.res));
}

const DENIED = (op: string) => ({
  code: 'Client.UnauthorizedOperation',
  message: `You are not authorized to perform this operation. User is not authorized to perform: ec2:${op}`,
});

export type AwsTechnique = (stage: AwsStage, time: number) => number;

/** Stratus Red Team techniques (Apache-2.0 catalogue), as the calls their detonation makes. */
export const AWS_TECHNIQUES: Readonly<Record<string, AwsTechnique>> = {
  'aws.discovery.ec2-enumerate-from-instance': (s, t) =>
    calls(
      s,
      t,
      [
        call('sts', 'GetCallerIdentity', true),
        ...reads(s, EC2_READS, 14),
        ...reads(s, S3_READS, 4),
        ...reads(s, IAM_READS, 6),
        ...reads(s, LAMBDA_READS, 3),
        ...reads(s, RDS_READS, 3),
      ],
      [0, 3],
    ),
  'aws.credential-access.secretsmanager-retrieve-secrets': (s, t) => {
    const list = [
      call('secretsmanager', 'ListSecrets', true, { maxResults: 100 }),
      ...s.res.secrets.map((secret) =>
        call('secretsmanager', 'GetSecretValue', true, { secretId: secret.arn }),
      ),
    ];
    return calls(s, t, list, [1, 4]);
  },
  'aws.credential-access.ec2-get-password-data': (s, t) =>
    calls(
      s,
      t,
      Array.from({ length: 24 }, () =>
        call(
          'ec2',
          'GetPasswordData',
          true,
          { instanceId: `i-0${s.rng.hex(16)}` },
          DENIED('GetPasswordData'),
        ),
      ),
      [0, 2],
    ),
  'aws.credential-access.ssm-retrieve-securestring-parameters': (s, t) =>
    calls(
      s,
      t,
      [
        call('ssm', 'DescribeParameters', true, { maxResults: 50 }),
        ...Array.from({ length: 12 }, (_, i) =>
          call('ssm', 'GetParameters', true, {
            names: [`/app/credentials/param-${i}`],
            withDecryption: true,
          }),
        ),
      ],
      [0, 2],
    ),
  'aws.persistence.iam-create-admin-user': (s, t) => {
    const userName = `svc-${s.rng.hex(6)}`;
    return calls(
      s,
      t,
      [
        call('iam', 'CreateUser', false, { userName }),
        call('iam', 'AttachUserPolicy', false, {
          userName,
          policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
        call('iam', 'CreateAccessKey', false, { userName }),
        call('iam', 'CreateLoginProfile', false, { userName, passwordResetRequired: false }),
      ],
      [2, 10],
    );
  },
  'aws.persistence.iam-backdoor-user': (s, t) =>
    calls(
      s,
      t,
      [
        call('iam', 'ListUsers', true, { maxItems: 100 }),
        call('iam', 'CreateAccessKey', false, { userName: 'deploy-bot' }),
      ],
      [3, 20],
    ),
  'aws.persistence.iam-backdoor-role': (s, t) =>
    calls(
      s,
      t,
      [
        call('iam', 'GetRole', true, { roleName: 'PlatformAdmin' }),
        call('iam', 'UpdateAssumeRolePolicy', false, {
          roleName: 'PlatformAdmin',
          policyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${ATTACKER_ACCOUNT}:root` },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        }),
      ],
      [5, 30],
    ),
  'aws.defense-evasion.cloudtrail-stop': (s, t) =>
    calls(
      s,
      t,
      [
        call('cloudtrail', 'DescribeTrails', true),
        call('cloudtrail', 'StopLogging', false, { name: 'org-trail' }),
      ],
      [2, 15],
    ),
  'aws.exfiltration.ec2-share-ebs-snapshot': (s, t) => {
    const snapshotId = `snap-0${s.rng.hex(16)}`;
    return calls(
      s,
      t,
      [
        call('ec2', 'DescribeSnapshots', true, { ownersSet: { items: [{ owner: 'self' }] } }),
        call('ec2', 'ModifySnapshotAttribute', false, {
          snapshotId,
          createVolumePermission: { add: { items: [{ userId: ATTACKER_ACCOUNT }] } },
          attributeType: 'CREATE_VOLUME_PERMISSION',
        }),
      ],
      [5, 40],
    );
  },
  'aws.exfiltration.rds-share-snapshot': (s, t) =>
    calls(
      s,
      t,
      [
        call('rds', 'DescribeDBSnapshots', true),
        call('rds', 'ModifyDBSnapshotAttribute', false, {
          dBSnapshotIdentifier: `${s.res.databases[0] ?? 'orders'}-snap-${s.rng.hex(4)}`,
          attributeName: 'restore',
          valuesToAdd: [ATTACKER_ACCOUNT],
        }),
      ],
      [5, 40],
    ),
  'aws.exfiltration.s3-backdoor-bucket-policy': (s, t) => {
    const bucket = s.rng.pick(s.account.buckets);
    return calls(
      s,
      t,
      [
        call('s3', 'ListBuckets', true),
        call('s3', 'GetBucketPolicy', true, { bucketName: bucket, policy: '' }),
        call('s3', 'PutBucketPolicy', false, {
          bucketName: bucket,
          bucketPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${ATTACKER_ACCOUNT}:root` },
                Action: ['s3:GetObject', 's3:ListBucket'],
                Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
              },
            ],
          },
          policy: '',
        }),
      ],
      [3, 25],
    );
  },
  'aws.impact.s3-ransomware-individual-deletion': (s, t) => {
    const bucket = s.rng.pick(s.account.buckets);
    const keys = Array.from({ length: 30 }, (_, i) => `data/part-${String(i).padStart(5, '0')}.parquet`);
    const list: AwsCall[] = [call('s3', 'ListObjects', true, { bucketName: bucket, 'list-type': '2' })];
    for (const key of keys)
      list.push(
        s3Object(
          s.rng,
          'GetObject',
          s.account.id,
          s.res.region,
          bucket,
          key,
          s.rng.int(100_000, 9_000_000),
          undefined,
        ),
      );
    for (const key of keys)
      list.push({ ...call('s3', 'DeleteObject', false, { bucketName: bucket, key }), data: true });
    return calls(s, t, list, [0, 1]);
  },
  'aws.persistence.lambda-overwrite-code': (s, t) => {
    const fn = s.res.functions[0] ?? 'ingest-events';
    return calls(
      s,
      t,
      [
        call('lambda', 'GetFunction20150331v2', true, { functionName: fn }),
        call('lambda', 'UpdateFunctionCode20150331v2', false, { functionName: fn, publish: true }),
      ],
      [10, 60],
    );
  },
  'aws.execution.ec2-launch-unusual-instances': (s, t) =>
    calls(
      s,
      t,
      Array.from({ length: 6 }, () =>
        call(
          'ec2',
          'RunInstances',
          false,
          {
            instanceType: 'p4d.24xlarge',
            instancesSet: { items: [{ imageId: `ami-0${s.rng.hex(16)}`, minCount: 1, maxCount: 10 }] },
          },
          DENIED('RunInstances'),
        ),
      ),
      [1, 5],
    ),
};
