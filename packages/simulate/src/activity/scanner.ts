import { assumedRoleIdentity, assumeRoleCall, type RoleSession } from '../formats/aws-identity.ts';
import type { AwsCall } from '../formats/cloudtrail.ts';
import { type AwsAccount, iamId, role } from '../org/aws.ts';
import type { Random } from '../random.ts';
import { SECOND } from '../time.ts';
import { type AwsActor, act, emitAws } from './aws-emit.ts';
import { type CallMaker, EC2_READS, ELB_READS, KMS_READS, LAMBDA_READS, RDS_READS } from './aws-reads.ts';
import { at, type Day, type Persona } from './day.ts';

const AGENT =
  'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#5.10.226-214.880.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_ECS_EC2 cfg/retry-mode#adaptive Botocore/1.35.36 inventory-scanner/3.4.1';
/** The security account's NAT gateway: the scanner task reaches every account from it. */
const SCANNER_IP = '203.0.113.230';
/** Fixed run times (UTC hours). */
const RUNS = [2.25, 14.25];

function read(
  source: string,
  name: string,
  request: Record<string, unknown> | null = null,
  error?: AwsCall['error'],
): AwsCall {
  return { source, name, readOnly: true, request, error };
}

const REGIONAL: readonly CallMaker[] = [
  ...EC2_READS,
  ...RDS_READS,
  ...LAMBDA_READS.slice(0, 1),
  ...KMS_READS,
  ...ELB_READS.slice(0, 2),
  () => read('cloudtrail.amazonaws.com', 'DescribeTrails', { trailNameList: [], includeShadowTrails: true }),
  () =>
    read('cloudtrail.amazonaws.com', 'GetTrailStatus', {
      name: 'arn:aws:cloudtrail:us-east-1:604415938271:trail/org-trail',
    }),
  () => read('config.amazonaws.com', 'DescribeConfigurationRecorders'),
  () => read('guardduty.amazonaws.com', 'ListDetectors'),
  () => read('ec2.amazonaws.com', 'DescribeFlowLogs', { filterSet: {} }),
  () =>
    read('ec2.amazonaws.com', 'DescribeSnapshots', {
      ownersSet: { items: [{ owner: 'self' }] },
      filterSet: {},
    }),
  () => read('ec2.amazonaws.com', 'GetEbsEncryptionByDefault'),
];

const GLOBAL: readonly CallMaker[] = [
  () => read('iam.amazonaws.com', 'ListUsers'),
  () => read('iam.amazonaws.com', 'ListRoles', { maxItems: 1000 }),
  () => read('iam.amazonaws.com', 'ListPolicies', { scope: 'Local', onlyAttached: true }),
  () => read('iam.amazonaws.com', 'GetAccountPasswordPolicy'),
  () => read('iam.amazonaws.com', 'GetAccountSummary'),
  () => read('iam.amazonaws.com', 'GenerateCredentialReport'),
  () => read('iam.amazonaws.com', 'GetCredentialReport'),
  () => read('iam.amazonaws.com', 'ListVirtualMFADevices'),
  () => ({
    ...read('s3.amazonaws.com', 'ListBuckets', { Host: 's3.amazonaws.com' }),
    host: 's3.amazonaws.com',
  }),
];

/** Per-bucket checks; buckets without a policy or tags answer with the usual errors. */
function bucketChecks(rng: Random, bucket: string, region: string): AwsCall[] {
  const base = { bucketName: bucket, Host: `${bucket}.s3.${region}.amazonaws.com` };
  const hasPolicy =
    bucket.endsWith('cloudtrail') || bucket.endsWith('alb-logs') || bucket.endsWith('web-assets');
  return [
    read(
      's3.amazonaws.com',
      'GetBucketPolicy',
      { ...base, policy: '' },
      hasPolicy ? undefined : { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist' },
    ),
    read('s3.amazonaws.com', 'GetBucketPublicAccessBlock', { ...base, publicAccessBlock: '' }),
    read('s3.amazonaws.com', 'GetBucketEncryption', { ...base, encryption: '' }),
    read('s3.amazonaws.com', 'GetBucketLogging', { ...base, logging: '' }),
    read('s3.amazonaws.com', 'GetBucketVersioning', { ...base, versioning: '' }),
    ...(rng.chance(0.5)
      ? [
          read(
            's3.amazonaws.com',
            'GetBucketTagging',
            { ...base, tagging: '' },
            { code: 'NoSuchTagSet', message: 'The TagSet does not exist' },
          ),
        ]
      : []),
  ];
}

function scanAccount(day: Day, scanner: RoleSession, account: AwsAccount, time: number): number {
  const { rng } = day;
  const home = account.regions[0]!;
  const session: RoleSession = {
    role: role(account, 'SecurityScanner'),
    name: 'inventory-scanner',
    accessKeyId: iamId(rng, 'ASIA', 16),
    created: time,
    mfa: false,
  };
  emitAws(
    day,
    time,
    { identity: assumedRoleIdentity(scanner), sourceIp: SCANNER_IP, userAgent: AGENT, tls: true },
    assumeRoleCall(rng, session, 3600),
    account.id,
    home,
  );
  let t = time + rng.int(300, 900);
  const caller = {
    identity: assumedRoleIdentity(session),
    sourceIp: SCANNER_IP,
    userAgent: AGENT,
    tls: true,
  };
  const actorIn = (region: string): AwsActor => ({ day, caller, account: account.id, region });
  const globalActor = actorIn(home);
  for (const make of GLOBAL) {
    act(globalActor, t, make(rng, account, account.byRegion.get(home)!));
    t += rng.int(150, 900);
  }
  for (const bucket of account.buckets) {
    for (const c of bucketChecks(rng, bucket, home)) {
      act(globalActor, t, c);
      t += rng.int(60, 400);
    }
  }
  for (const region of account.regions) {
    const res = account.byRegion.get(region)!;
    const actor = actorIn(region);
    for (const make of rng.sample(REGIONAL, Math.round(rng.int(12, 18) * day.scale))) {
      act(actor, t, make(rng, account, res));
      t += rng.int(100, 800);
    }
  }
  return t + rng.int(2, 10) * SECOND;
}

/**
 * The inventory scanner: a scheduled task in the security account that assumes a read-only
 * role in every account at fixed times and lists and describes everything there.
 */
export function scannerPersona(): Persona {
  return {
    id: 'scanner/inventory',
    zone: 'UTC',
    day(day) {
      const { rng, org } = day;
      const security = org.aws.security;
      for (const hour of RUNS) {
        const taskId = rng.hex(32);
        const task: RoleSession = {
          role: role(security, 'SecurityScannerTask'),
          name: taskId,
          accessKeyId: iamId(rng, 'ASIA', 16),
          created: at(day, hour) - 40 * SECOND,
          mfa: false,
        };
        let t = at(day, hour) + rng.int(0, 20) * SECOND;
        for (const account of org.aws.all) t = scanAccount(day, task, account, t);
      }
    },
  };
}
