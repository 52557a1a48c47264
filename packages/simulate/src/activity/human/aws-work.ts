import { type AwsAccount, regionOf } from '../../org/aws.ts';
import type { HumanRole } from '../../org/people.ts';
import { SECOND } from '../../time.ts';
import { act } from '../aws-emit.ts';
import { CLI_COMMANDS, CONSOLE_PAGES, TERRAFORM_REFRESH } from '../aws-reads.ts';
import {
  type AwsTask,
  createBucket,
  dbSnapshot,
  internalRule,
  kmsUse,
  lambdaConfig,
  loadBalancerRule,
  putAlarm,
  scaleService,
  ssmSession,
  startStopAny,
} from '../aws-writes.ts';
import { cliRole, consoleRole } from './aws-access.ts';
import type { HumanContext } from './context.ts';
import type { WorkSession } from './plan.ts';

type AccountName = 'prod' | 'staging' | 'security';

/** Which role each kind of person works in, and how often, per account. */
const TARGETS: Record<HumanRole, readonly (readonly [readonly [AccountName, string], number])[]> = {
  engineer: [
    [['staging', 'Developer'], 6],
    [['prod', 'ReadOnly'], 4],
  ],
  admin: [
    [['prod', 'PlatformAdmin'], 5],
    [['staging', 'PlatformAdmin'], 3],
    [['security', 'PlatformAdmin'], 2],
  ],
  analyst: [[['prod', 'DataAnalyst'], 1]],
  security: [
    [['security', 'SecurityAnalyst'], 6],
    [['prod', 'SecurityAudit'], 3],
    [['staging', 'SecurityAudit'], 1],
  ],
};

const PAGES: Record<HumanRole, readonly string[]> = {
  engineer: ['ecs', 'logs', 'logs', 'lambda', 'cloudwatch', 'ec2', 's3', 'cloudformation', 'rds', 'elb'],
  admin: ['ec2', 'iam', 'iam', 'kms', 'elb', 'secrets', 'cloudformation', 'cloudwatch', 'rds', 's3', 'ecs'],
  analyst: ['s3', 'logs'],
  security: ['security', 'security', 'security', 'iam', 's3', 'ec2', 'kms'],
};

/** Admin changes, and the lighter ones engineers make in staging. */
const ADMIN_TASKS: readonly (readonly [AwsTask, number])[] = [
  [internalRule, 3],
  [loadBalancerRule, 0.6],
  [createBucket, 0.5],
  [kmsUse, 2],
  [ssmSession, 2.5],
  [startStopAny, 1.5],
  [dbSnapshot, 1],
  [lambdaConfig, 1],
  [putAlarm, 1.5],
  [scaleService, 1],
];
const ENGINEER_TASKS: readonly (readonly [AwsTask, number])[] = [
  [ssmSession, 2],
  [lambdaConfig, 2],
  [startStopAny, 2],
  [kmsUse, 1],
  [createBucket, 0.3],
];

function target(ctx: HumanContext): { account: AwsAccount; role: string; region: string } {
  const { rng, org } = ctx.day;
  const [accountName, roleName] = rng.weighted(TARGETS[ctx.human.role]);
  const account = org.aws[accountName];
  const region =
    account.regions.length > 1 && rng.chance(accountName === 'prod' ? 0.2 : 0.1)
      ? account.regions[1]!
      : account.regions[0]!;
  return { account, role: roleName, region };
}

/** Writes happen in the accounts where the person may make them. */
function taskFor(ctx: HumanContext, account: AwsAccount): AwsTask | undefined {
  const { rng } = ctx.day;
  const role = ctx.human.role;
  if (role === 'admin') return rng.chance(0.1) ? rng.weighted(ADMIN_TASKS) : undefined;
  if (role === 'engineer' && account.name === 'staging')
    return rng.chance(0.06) ? rng.weighted(ENGINEER_TASKS) : undefined;
  return undefined;
}

/** Browsing console pages: each page load is a burst of reads, then reading time. */
export function awsConsole(ctx: HumanContext, session: WorkSession): void {
  const { rng } = ctx.day;
  const where = target(ctx);
  const res = regionOf(where.account, where.region);
  const opened = consoleRole(ctx, where.account, where.role, where.region, session.start);
  const { actor } = opened;
  let t = opened.time;
  const pages = PAGES[ctx.human.role];
  while (t < session.end) {
    const calls = CONSOLE_PAGES[rng.pick(pages)]!;
    const n = rng.int(1, Math.min(calls.length, 4));
    for (const make of rng.sample(calls, n)) {
      const browser = rng.chance(0.7);
      const call = make(rng, where.account, res);
      act(
        {
          ...actor,
          caller: { ...actor.caller, userAgent: browser ? ctx.human.client.browser : 'AWS Internal' },
        },
        t,
        call,
      );
      t += rng.int(80, 1500);
    }
    const task = taskFor(ctx, where.account);
    if (task !== undefined) t = task(actor, where.account, res, t + rng.int(10, 60) * SECOND);
    t += Math.round(rng.exponential(330) * SECOND) + 10 * SECOND;
  }
}

/** Commands typed in a terminal, with think time between them. */
export function awsCli(ctx: HumanContext, session: WorkSession): void {
  const { rng } = ctx.day;
  const where = target(ctx);
  const res = regionOf(where.account, where.region);
  const cli = ctx.human.client.awsCli;
  const agent = (command: string) => `${cli} command/${command}`;
  let t = session.start;
  const opened = cliRole(ctx, where.account, where.role, where.region, agent('sts.get-caller-identity'), t);
  const actor = { ...opened.actor, agent };
  t = opened.time;
  while (t < session.end) {
    const [command, make] = rng.pick(CLI_COMMANDS);
    act(actor, t, make(rng, where.account, res), command);
    const task = taskFor(ctx, where.account);
    if (task !== undefined) t = task(actor, where.account, res, t + rng.int(20, 120) * SECOND);
    t += Math.round(rng.exponential(200) * SECOND) + 5 * SECOND;
  }
}

/** `terraform plan` against staging (now and then production): a refresh of every resource. */
export function terraformPlan(ctx: HumanContext, session: WorkSession): void {
  const { rng, org } = ctx.day;
  const account = rng.chance(0.85) ? org.aws.staging : org.aws.prod;
  const region = account.regions[0]!;
  const res = regionOf(account, region);
  const agent = () => ctx.human.client.terraform;
  const opened = cliRole(
    ctx,
    account,
    account.name === 'prod' ? 'ReadOnly' : 'PlatformAdmin',
    region,
    agent(),
    session.start,
  );
  const actor = { ...opened.actor, agent };
  let t = opened.time;
  const plans = rng.int(1, 2);
  for (let p = 0; p < plans && t < session.end; p++) {
    const n = rng.int(15, 45);
    for (let i = 0; i < n; i++) {
      act(actor, t, rng.pick(TERRAFORM_REFRESH)(rng, account, res), 'terraform');
      t += rng.int(20, 400);
    }
    t += rng.int(3, 12) * 60 * SECOND;
  }
}

/** Analysts' notebooks querying the data lake through Athena (boto3). */
export function athenaQueries(ctx: HumanContext, session: WorkSession): void {
  const { rng, org } = ctx.day;
  const account = org.aws.prod;
  const region = 'us-east-1';
  const agent = () => ctx.human.client.boto3;
  const opened = cliRole(ctx, account, 'DataAnalyst', region, agent(), session.start);
  const actor = { ...opened.actor, agent };
  let t = opened.time;
  while (t < session.end) {
    const id = rng.uuid();
    const database = rng.pick(['analytics', 'orders', 'web_events']);
    act(
      actor,
      t,
      {
        source: 'athena.amazonaws.com',
        name: 'StartQueryExecution',
        readOnly: false,
        request: {
          queryString: `SELECT ${rng.pick(['date, count(*)', 'country, sum(total)', 'sku, avg(price)'])} FROM ${database}.${rng.pick(['daily', 'orders', 'sessions'])} GROUP BY 1 LIMIT 1000`,
          clientRequestToken: rng.uuid(),
          queryExecutionContext: { database },
          workGroup: 'analysts',
        },
        response: { queryExecutionId: id },
      },
      'athena',
    );
    // Athena reads the table definitions from Glue on the caller's behalf.
    act(
      {
        ...actor,
        agent: undefined,
        caller: {
          identity: { ...actor.caller.identity, invokedBy: 'athena.amazonaws.com' },
          sourceIp: 'athena.amazonaws.com',
          userAgent: 'athena.amazonaws.com',
          tls: false,
        },
      },
      t + rng.int(200, 900),
      {
        source: 'glue.amazonaws.com',
        name: 'GetTable',
        readOnly: true,
        request: { databaseName: database, name: 'daily' },
      },
    );
    const polls = rng.int(2, 6);
    for (let i = 0; i < polls; i++) {
      t += rng.int(1, 4) * SECOND;
      act(
        actor,
        t,
        {
          source: 'athena.amazonaws.com',
          name: 'GetQueryExecution',
          readOnly: true,
          request: { queryExecutionId: id },
        },
        'athena',
      );
    }
    t += rng.int(1, 3) * SECOND;
    act(
      actor,
      t,
      {
        source: 'athena.amazonaws.com',
        name: 'GetQueryResults',
        readOnly: true,
        request: { queryExecutionId: id, maxResults: 1000 },
      },
      'athena',
    );
    t += Math.round(rng.exponential(300) * SECOND) + 30 * SECOND;
  }
}
