import type { AwsCall } from '../formats/cloudtrail.ts';
import type { AwsAccount, AwsRegionResources } from '../org/aws.ts';
import type { Random } from '../random.ts';

/** Makes one call against an account's resources in one region. */
export type CallMaker = (rng: Random, account: AwsAccount, res: AwsRegionResources) => AwsCall;

function read(source: string, name: string, request: Record<string, unknown> | null = null): AwsCall {
  return { source, name, readOnly: true, request };
}

const EC2 = 'ec2.amazonaws.com';
const ECS = 'ecs.amazonaws.com';
const LAMBDA = 'lambda.amazonaws.com';
const LOGS = 'logs.amazonaws.com';
const S3 = 's3.amazonaws.com';
const IAM = 'iam.amazonaws.com';

function bucketRead(name: string, key: string): CallMaker {
  return (rng, account, res) => {
    const bucket = rng.pick(account.buckets);
    return read(S3, name, {
      bucketName: bucket,
      Host: `${bucket}.s3.${res.region}.amazonaws.com`,
      [key]: '',
    });
  };
}

function someInstance(rng: Random, res: AwsRegionResources): string {
  return res.instances.length > 0 ? rng.pick(res.instances).id : `i-0${rng.hex(16)}`;
}

function clusterArn(account: AwsAccount, res: AwsRegionResources): string {
  return `arn:aws:ecs:${res.region}:${account.id}:cluster/${res.cluster}`;
}

const pickFunction = (rng: Random, res: AwsRegionResources) =>
  res.functions.length > 0 ? rng.pick(res.functions) : 'findings-forwarder';
const pickService = (rng: Random, res: AwsRegionResources) =>
  res.services.length > 0 ? rng.pick(res.services) : 'orders-api';
const pickRole = (rng: Random, account: AwsAccount) => rng.pick([...account.roles.values()]).name;

export const EC2_READS: CallMaker[] = [
  () => read(EC2, 'DescribeInstances', { maxResults: 1000, instancesSet: {}, filterSet: {} }),
  () => read(EC2, 'DescribeInstanceStatus', { instancesSet: {}, filterSet: {}, includeAllInstances: false }),
  (rng, _a, res) =>
    read(EC2, 'DescribeTags', {
      filterSet: {
        items: [{ name: 'resource-id', valueSet: { items: [{ value: someInstance(rng, res) }] } }],
      },
    }),
  () => read(EC2, 'DescribeSecurityGroups', { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} }),
  () => read(EC2, 'DescribeVolumes', { volumeSet: {}, filterSet: {} }),
  () => read(EC2, 'DescribeAddresses', { publicIpsSet: {}, allocationIdsSet: {}, filterSet: {} }),
  (_r, _a, res) =>
    read(EC2, 'DescribeSubnets', {
      subnetSet: {},
      filterSet: { items: [{ name: 'vpc-id', valueSet: { items: [{ value: res.vpcId }] } }] },
    }),
];

export const ECS_READS: CallMaker[] = [
  () => read(ECS, 'ListClusters'),
  (_r, a, res) => read(ECS, 'DescribeClusters', { clusters: [clusterArn(a, res)], include: ['STATISTICS'] }),
  (_r, a, res) => read(ECS, 'ListServices', { cluster: clusterArn(a, res), maxResults: 100 }),
  (rng, a, res) =>
    read(ECS, 'DescribeServices', { cluster: clusterArn(a, res), services: [pickService(rng, res)] }),
  (rng, a, res) =>
    read(ECS, 'ListTasks', { cluster: clusterArn(a, res), serviceName: pickService(rng, res) }),
  (rng, _a, res) => read(ECS, 'DescribeTaskDefinition', { taskDefinition: pickService(rng, res) }),
];

export const LAMBDA_READS: CallMaker[] = [
  () => read(LAMBDA, 'ListFunctions20150331', null),
  (rng, _a, res) => read(LAMBDA, 'GetFunction20150331v2', { functionName: pickFunction(rng, res) }),
  (rng, _a, res) => read(LAMBDA, 'ListVersionsByFunction20150331', { functionName: pickFunction(rng, res) }),
  (rng, _a, res) => read(LAMBDA, 'ListAliases20150331', { functionName: pickFunction(rng, res) }),
];

export const LOGS_READS: CallMaker[] = [
  (rng) => read(LOGS, 'DescribeLogGroups', { logGroupNamePrefix: rng.pick(['/ecs/', '/aws/lambda/']) }),
  (rng, _a, res) =>
    read(LOGS, 'DescribeLogStreams', {
      logGroupName: rng.pick(res.logGroups.length > 0 ? res.logGroups : ['/aws/lambda/default']),
      orderBy: 'LastEventTime',
      descending: true,
    }),
  (rng, _a, res) => {
    const call = read(LOGS, 'StartQuery', {
      logGroupNames: [rng.pick(res.logGroups.length > 0 ? res.logGroups : ['/aws/lambda/default'])],
      queryString: rng.pick([
        'fields @timestamp, @message | sort @timestamp desc | limit 100',
        'fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 50',
        'stats count(*) by bin(5m)',
      ]),
    });
    call.response = { queryId: rng.uuid() };
    return call;
  },
  (rng) => read(LOGS, 'GetQueryResults', { queryId: rng.uuid() }),
];

export const RDS_READS: CallMaker[] = [
  () => read('rds.amazonaws.com', 'DescribeDBInstances'),
  () => read('rds.amazonaws.com', 'DescribeDBClusters'),
  () => read('rds.amazonaws.com', 'DescribeEvents', { sourceType: 'db-instance', duration: 1440 }),
  (rng, _a, res) =>
    read('rds.amazonaws.com', 'DescribeDBSnapshots', {
      dBInstanceIdentifier: res.databases.length > 0 ? rng.pick(res.databases) : 'orders-db',
    }),
];

export const S3_READS: CallMaker[] = [
  () => ({ ...read(S3, 'ListBuckets', { Host: 's3.amazonaws.com' }), host: 's3.amazonaws.com' }),
  bucketRead('GetBucketLocation', 'location'),
  bucketRead('GetBucketVersioning', 'versioning'),
  bucketRead('GetBucketPublicAccessBlock', 'publicAccessBlock'),
  bucketRead('GetBucketEncryption', 'encryption'),
  bucketRead('GetBucketPolicyStatus', 'policyStatus'),
];

export const CLOUDWATCH_READS: CallMaker[] = [
  () => read('monitoring.amazonaws.com', 'DescribeAlarms', { maxRecords: 100 }),
  () => read('monitoring.amazonaws.com', 'ListDashboards'),
  (rng, _a, res) =>
    read('monitoring.amazonaws.com', 'GetDashboard', {
      dashboardName: `${res.cluster.replace('-apps', '')}-${rng.pick(['overview', 'orders', 'latency'])}`,
    }),
];

export const CFN_READS: CallMaker[] = [
  () =>
    read('cloudformation.amazonaws.com', 'ListStacks', {
      stackStatusFilter: ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'],
    }),
  (rng, _a, res) =>
    read('cloudformation.amazonaws.com', 'DescribeStacks', { stackName: rng.pick(res.stacks) }),
  (rng, _a, res) =>
    read('cloudformation.amazonaws.com', 'DescribeStackEvents', { stackName: rng.pick(res.stacks) }),
  (rng, _a, res) =>
    read('cloudformation.amazonaws.com', 'ListStackResources', { stackName: rng.pick(res.stacks) }),
];

export const IAM_READS: CallMaker[] = [
  () => read(IAM, 'ListRoles', { maxItems: 1000 }),
  (rng, a) => read(IAM, 'GetRole', { roleName: pickRole(rng, a) }),
  (rng, a) => read(IAM, 'ListAttachedRolePolicies', { roleName: pickRole(rng, a) }),
  (rng, a) => read(IAM, 'ListRolePolicies', { roleName: pickRole(rng, a) }),
  () => read(IAM, 'GetAccountSummary'),
  () => read(IAM, 'ListPolicies', { scope: 'Local', onlyAttached: false, maxItems: 100 }),
];

export const SECRETS_READS: CallMaker[] = [
  () => read('secretsmanager.amazonaws.com', 'ListSecrets', { maxResults: 100 }),
  (rng, _a, res) =>
    read('secretsmanager.amazonaws.com', 'DescribeSecret', {
      secretId: res.secrets.length > 0 ? rng.pick(res.secrets).name : 'unknown',
    }),
];

export const ELB_READS: CallMaker[] = [
  () => read('elasticloadbalancing.amazonaws.com', 'DescribeLoadBalancers'),
  () => read('elasticloadbalancing.amazonaws.com', 'DescribeTargetGroups'),
  (_r, _a, res) =>
    read('elasticloadbalancing.amazonaws.com', 'DescribeTargetHealth', {
      targetGroupArn: res.loadBalancer.targetGroupArn,
    }),
];

export const KMS_READS: CallMaker[] = [
  () => read('kms.amazonaws.com', 'ListAliases'),
  () => read('kms.amazonaws.com', 'ListKeys'),
  (rng, _a, res) => read('kms.amazonaws.com', 'DescribeKey', { keyId: rng.pick(res.keys).arn }),
  (rng, _a, res) => read('kms.amazonaws.com', 'GetKeyRotationStatus', { keyId: rng.pick(res.keys).id }),
];

export const SECURITY_READS: CallMaker[] = [
  () => read('guardduty.amazonaws.com', 'ListDetectors'),
  (rng) =>
    read('guardduty.amazonaws.com', 'ListFindings', {
      detectorId: rng.hex(32),
      findingCriteria: { criterion: { 'service.archived': { eq: ['false'] } } },
      maxResults: 50,
    }),
  (rng) =>
    read('guardduty.amazonaws.com', 'GetFindings', {
      detectorId: rng.hex(32),
      findingIds: [rng.hex(32), rng.hex(32)],
    }),
  () =>
    read('securityhub.amazonaws.com', 'GetFindings', {
      filters: { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] },
      maxResults: 100,
    }),
  () => read('securityhub.amazonaws.com', 'DescribeHub'),
  (rng) =>
    read('cloudtrail.amazonaws.com', 'LookupEvents', {
      lookupAttributes: [
        { attributeKey: 'EventName', attributeValue: rng.pick(['ConsoleLogin', 'CreateUser', 'AssumeRole']) },
      ],
      maxResults: 50,
    }),
  () => read('cloudtrail.amazonaws.com', 'DescribeTrails', { trailNameList: [], includeShadowTrails: true }),
  () =>
    read('config.amazonaws.com', 'DescribeComplianceByConfigRule', { complianceTypes: ['NON_COMPLIANT'] }),
  () => read('access-analyzer.amazonaws.com', 'ListAnalyzers', { type: 'ORGANIZATION' }),
];

/** What the console's pages call when they load. */
export const CONSOLE_PAGES: Readonly<Record<string, readonly CallMaker[]>> = {
  ec2: EC2_READS,
  ecs: ECS_READS,
  lambda: LAMBDA_READS,
  logs: LOGS_READS,
  rds: RDS_READS,
  s3: S3_READS,
  cloudwatch: CLOUDWATCH_READS,
  cloudformation: CFN_READS,
  iam: IAM_READS,
  secrets: SECRETS_READS,
  elb: ELB_READS,
  kms: KMS_READS,
  security: SECURITY_READS,
};

/** `aws` CLI commands people type, with the call each makes. */
export const CLI_COMMANDS: readonly (readonly [string, CallMaker])[] = [
  ['sts.get-caller-identity', () => read('sts.amazonaws.com', 'GetCallerIdentity')],
  ['ec2.describe-instances', EC2_READS[0]!],
  ['ec2.describe-security-groups', EC2_READS[3]!],
  ['ecs.describe-services', ECS_READS[3]!],
  ['ecs.list-tasks', ECS_READS[4]!],
  ['logs.start-query', LOGS_READS[2]!],
  ['logs.get-query-results', LOGS_READS[3]!],
  ['logs.describe-log-streams', LOGS_READS[1]!],
  ['lambda.get-function', LAMBDA_READS[1]!],
  ['s3.ls', S3_READS[0]!],
  ['rds.describe-db-instances', RDS_READS[0]!],
  ['cloudformation.describe-stacks', CFN_READS[1]!],
  ['elbv2.describe-target-health', ELB_READS[2]!],
  ['secretsmanager.describe-secret', SECRETS_READS[1]!],
  [
    'ecr.get-login-password',
    () => ({ ...read('ecr.amazonaws.com', 'GetAuthorizationToken', { registryIds: [] }), readOnly: true }),
  ],
];

/** A `terraform plan` refresh: the reads of every resource type a stack holds. */
export const TERRAFORM_REFRESH: readonly CallMaker[] = [
  ...EC2_READS,
  ...IAM_READS,
  ...S3_READS.slice(1),
  ...ELB_READS,
  ...KMS_READS,
  RDS_READS[0]!,
  ECS_READS[3]!,
  ECS_READS[5]!,
  LAMBDA_READS[1]!,
  (_r, _a, res) => read(EC2, 'DescribeVpcs', { vpcSet: { items: [{ vpcId: res.vpcId }] }, filterSet: {} }),
  () => read('sts.amazonaws.com', 'GetCallerIdentity'),
];
