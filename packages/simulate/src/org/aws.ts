import type { Random } from '../random.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM unique ids and access keys: a four-letter prefix and base32 characters, as AWS prints them. */
export function iamId(rng: Random, prefix: 'AIDA' | 'AROA' | 'AKIA' | 'ASIA', length = 17): string {
  return prefix + rng.chars(length, BASE32);
}

export interface AwsRole {
  name: string;
  arn: string;
  /** `AROA…`: the role's unique id, prefix of every session's principalId. */
  id: string;
  account: string;
}

export interface AwsInstance {
  id: string;
  name: string;
  privateIp: string;
  region: string;
  az: string;
  /** `web`/`app` instances belong to the auto scaling group; `dev` boxes are stopped at night. */
  tier: 'app' | 'dev' | 'batch' | 'tools';
}

export interface AwsSecret {
  name: string;
  arn: string;
  region: string;
  kmsKeyArn: string;
  /** The AWSCURRENT version the applications read. */
  versionId: string;
}

export interface AwsKey {
  id: string;
  arn: string;
  alias: string;
  region: string;
}

export interface AwsRegionResources {
  region: string;
  vpcId: string;
  vpcCidr: string;
  subnets: readonly string[];
  instances: AwsInstance[];
  securityGroups: readonly { id: string; name: string }[];
  functions: readonly string[];
  cluster: string;
  services: readonly string[];
  databases: readonly string[];
  secrets: readonly AwsSecret[];
  keys: readonly AwsKey[];
  logGroups: readonly string[];
  stacks: readonly string[];
  /** Interface endpoints: app calls to these services come from private addresses. */
  endpoints: { secretsmanager: string; kms: string; ssm: string };
  loadBalancer: { name: string; arn: string; targetGroupArn: string };
}

export interface AwsAccount {
  id: string;
  name: 'prod' | 'staging' | 'security';
  alias: string;
  regions: readonly string[];
  roles: ReadonlyMap<string, AwsRole>;
  buckets: readonly string[];
  byRegion: ReadonlyMap<string, AwsRegionResources>;
}

export function role(account: AwsAccount, name: string): AwsRole {
  const found = account.roles.get(name);
  if (found === undefined) throw new Error(`org: account ${account.name} has no role ${name}`);
  return found;
}

export function regionOf(account: AwsAccount, region: string): AwsRegionResources {
  const found = account.byRegion.get(region);
  if (found === undefined) throw new Error(`org: account ${account.name} has no resources in ${region}`);
  return found;
}

const HUMAN_ROLES = ['PlatformAdmin', 'Developer', 'ReadOnly', 'SecurityAudit', 'DataAnalyst'];
const AUTOMATION_ROLES = [
  'github-actions-deploy',
  'github-actions-terraform',
  'SecurityScanner',
  'orders-api-task',
  'billing-worker-task',
  'ingest-events-lambda',
  'thumbnailer-lambda',
  'nightly-report-lambda',
  'ecs-instance-role',
  'InstanceSchedulerRole',
  'SecurityScannerTask',
  'SecurityAnalyst',
  'aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
  'aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
  'aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
  'service-role/AWSBackupDefaultServiceRole',
];

function roles(rng: Random, account: string): Map<string, AwsRole> {
  const out = new Map<string, AwsRole>();
  for (const path of [...HUMAN_ROLES, ...AUTOMATION_ROLES]) {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    out.set(name, { name, arn: `arn:aws:iam::${account}:role/${path}`, id: iamId(rng, 'AROA'), account });
  }
  return out;
}

function hexId(rng: Random, prefix: string): string {
  return `${prefix}-0${rng.hex(16)}`;
}

interface RegionPlan {
  region: string;
  cidr: string;
  functions: string[];
  services: string[];
  databases: string[];
  secrets: string[];
  keyAliases: string[];
  stacks: string[];
  instances: { name: string; tier: AwsInstance['tier'] }[];
  env: string;
}

function regionResources(rng: Random, account: string, plan: RegionPlan): AwsRegionResources {
  const octets = plan.cidr.split('.');
  const prefix = `${octets[0]}.${octets[1]}`;
  const keys = plan.keyAliases.map((alias) => {
    const id = rng.uuid();
    return { id, alias, region: plan.region, arn: `arn:aws:kms:${plan.region}:${account}:key/${id}` };
  });
  const secretKey = keys[0]!;
  const instances = plan.instances.map((spec, i) => ({
    id: hexId(rng, 'i'),
    name: spec.name,
    privateIp: `${prefix}.${11 + (i % 2)}.${rng.int(10, 250)}`,
    region: plan.region,
    az: `${plan.region}${i % 2 === 0 ? 'a' : 'b'}`,
    tier: spec.tier,
  }));
  const lbSuffix = rng.hex(16);
  return {
    region: plan.region,
    vpcId: hexId(rng, 'vpc'),
    vpcCidr: plan.cidr,
    subnets: [hexId(rng, 'subnet'), hexId(rng, 'subnet'), hexId(rng, 'subnet'), hexId(rng, 'subnet')],
    instances,
    securityGroups: ['alb-public', 'orders-api', 'billing-worker', 'orders-db', 'redis', 'vpc-endpoints'].map(
      (name) => ({ id: hexId(rng, 'sg'), name: `${plan.env}-${name}` }),
    ),
    functions: plan.functions,
    cluster: `${plan.env}-apps`,
    services: plan.services,
    databases: plan.databases,
    secrets: plan.secrets.map((name) => ({
      name,
      region: plan.region,
      kmsKeyArn: secretKey.arn,
      versionId: rng.uuid(),
      arn: `arn:aws:secretsmanager:${plan.region}:${account}:secret:${name}-${rng.chars(6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`,
    })),
    keys,
    logGroups: [...plan.services.map((s) => `/ecs/${s}`), ...plan.functions.map((f) => `/aws/lambda/${f}`)],
    stacks: plan.stacks,
    endpoints: {
      secretsmanager: hexId(rng, 'vpce'),
      kms: hexId(rng, 'vpce'),
      ssm: hexId(rng, 'vpce'),
    },
    loadBalancer: {
      name: `${plan.env}-web`,
      arn: `arn:aws:elasticloadbalancing:${plan.region}:${account}:loadbalancer/app/${plan.env}-web/${lbSuffix}`,
      targetGroupArn: `arn:aws:elasticloadbalancing:${plan.region}:${account}:targetgroup/${plan.env}-orders-api/${rng.hex(16)}`,
    },
  };
}

function account(
  rng: Random,
  id: string,
  name: AwsAccount['name'],
  buckets: string[],
  plans: RegionPlan[],
): AwsAccount {
  return {
    id,
    name,
    alias: `kestrel-${name}`,
    regions: plans.map((p) => p.region),
    roles: roles(rng, id),
    buckets,
    byRegion: new Map(plans.map((p) => [p.region, regionResources(rng, id, p)])),
  };
}

const APP_INSTANCES = [1, 2, 3, 4, 5, 6].map((n) => ({ name: `prod-apps-asg-${n}`, tier: 'app' as const }));

/** The three AWS accounts: production in two regions, staging, and the security (identity) account. */
export function buildAwsAccounts(rng: Random, devBoxOwners: readonly string[]): AwsAccount[] {
  const prod = account(
    rng,
    '318402775196',
    'prod',
    [
      'kestrel-prod-artifacts',
      'kestrel-prod-web-assets',
      'kestrel-prod-exports',
      'kestrel-prod-data-lake',
      'kestrel-prod-athena-results',
      'kestrel-prod-alb-logs',
    ],
    [
      {
        region: 'us-east-1',
        env: 'prod',
        cidr: '10.10.0.0/16',
        functions: ['ingest-events', 'thumbnailer', 'nightly-report'],
        services: ['orders-api', 'billing-worker'],
        databases: ['orders-db'],
        secrets: [
          'prod/orders-api/db',
          'prod/orders-api/redis',
          'prod/billing/payment-api',
          'prod/ingest/token',
        ],
        keyAliases: ['alias/prod-secrets', 'alias/prod-data'],
        stacks: ['prod-network', 'prod-apps', 'prod-data', 'prod-monitoring'],
        instances: [...APP_INSTANCES, { name: 'prod-reporting-batch', tier: 'batch' }],
      },
      {
        region: 'eu-west-1',
        env: 'prod-eu',
        cidr: '10.11.0.0/16',
        functions: ['ingest-events'],
        services: ['orders-api'],
        databases: ['orders-db-eu'],
        secrets: ['prod-eu/orders-api/db'],
        keyAliases: ['alias/prod-eu-secrets'],
        stacks: ['prod-eu-network', 'prod-eu-apps'],
        instances: [
          { name: 'prod-eu-apps-asg-1', tier: 'app' },
          { name: 'prod-eu-apps-asg-2', tier: 'app' },
        ],
      },
    ],
  );
  const staging = account(
    rng,
    '527193640082',
    'staging',
    ['kestrel-staging-artifacts', 'kestrel-staging-web-assets', 'kestrel-staging-scratch'],
    [
      {
        region: 'us-east-1',
        env: 'staging',
        cidr: '10.20.0.0/16',
        functions: ['ingest-events', 'thumbnailer', 'nightly-report'],
        services: ['orders-api', 'billing-worker'],
        databases: ['orders-db-staging'],
        secrets: ['staging/orders-api/db', 'staging/billing/payment-api'],
        keyAliases: ['alias/staging-secrets'],
        stacks: ['staging-network', 'staging-apps', 'staging-data'],
        instances: [
          { name: 'staging-apps-1', tier: 'app' },
          { name: 'staging-apps-2', tier: 'app' },
          ...devBoxOwners.map((owner) => ({ name: `dev-${owner}`, tier: 'dev' as const })),
        ],
      },
    ],
  );
  const security = account(
    rng,
    '604415938271',
    'security',
    ['kestrel-org-cloudtrail', 'kestrel-security-findings', 'kestrel-security-athena'],
    [
      {
        region: 'us-east-1',
        env: 'security',
        cidr: '10.30.0.0/16',
        functions: ['findings-forwarder'],
        services: ['security-scanner'],
        databases: [],
        secrets: ['security/scanner/slack-webhook'],
        keyAliases: ['alias/security-logs'],
        stacks: ['security-baseline', 'security-scanner'],
        instances: [{ name: 'security-tools', tier: 'tools' }],
      },
      {
        region: 'us-west-2',
        env: 'security-dr',
        cidr: '10.31.0.0/16',
        functions: [],
        services: [],
        databases: [],
        secrets: [],
        keyAliases: ['alias/security-logs-dr'],
        stacks: ['security-baseline'],
        instances: [],
      },
    ],
  );
  return [prod, staging, security];
}
