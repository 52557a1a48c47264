import {
  assumedRoleIdentity,
  assumeRoleWithWebIdentityCall,
  oidcProviderArn,
  type RoleSession,
  webIdentityUser,
} from '../formats/aws-identity.ts';
import { type AwsAccount, iamId, regionOf, role } from '../org/aws.ts';
import { hostCount, hostIn } from '../org/ip.ts';
import type { CiRepo } from '../org/organisation.ts';
import { INTERNET } from '../org/places.ts';
import { HOUR, SECOND } from '../time.ts';
import type { AwsActor } from './aws-emit.ts';
import { act, emitAws } from './aws-emit.ts';
import { deployLambda, deployStatic } from './ci-artifacts.ts';
import { deployEcs } from './ci-ecs.ts';
import type { Job } from './ci-job.ts';
import { deployStack, terraformPlanJob } from './ci-stack.ts';
import { at, count, type Day, isWorkday, type Persona } from './day.ts';

const RUNNER_OS = 'os/linux#6.8.0-1017-azure';
const CREDENTIALS_AGENT = `aws-sdk-js/3.679.0 ua/2.1 ${RUNNER_OS} lang/js md/nodejs#20.18.0 api/sts#3.679.0 m/E configure-aws-credentials-for-github`;
export const CLI_AGENT = `aws-cli/2.18.10 md/awscrt#0.22.0 ua/2.0 ${RUNNER_OS} md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off`;
const TERRAFORM_AGENT =
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.72.1 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.2 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64';

/** Deployments follow merges: European and American working hours, in UTC. */
function mergeHour(day: Day): number {
  return day.rng.chance(0.5) ? day.rng.between(7.5, 16.5) : day.rng.between(13.5, 22);
}

/**
 * A GitHub Actions job: OIDC token exchanged for a role session, the credentials checked,
 * then the job's own steps.
 */
function runJob(
  day: Day,
  repo: CiRepo,
  account: AwsAccount,
  roleName: string,
  subject: string,
  time: number,
  steps: (job: Job, time: number) => number,
  agent: (command: string) => string,
): void {
  const { rng } = day;
  const runner = hostIn(INTERNET.ciRunners, rng.int(0, hostCount(INTERNET.ciRunners) - 1));
  const region = account.regions[0]!;
  const session: RoleSession = {
    role: role(account, roleName),
    name: 'GitHubActions',
    accessKeyId: iamId(rng, 'ASIA', 16),
    created: time,
    mfa: false,
    webIdProvider: oidcProviderArn(account.id),
  };
  emitAws(
    day,
    time,
    {
      identity: webIdentityUser(account.id, subject),
      sourceIp: runner,
      userAgent: CREDENTIALS_AGENT,
      tls: true,
    },
    assumeRoleWithWebIdentityCall(rng, session, subject),
    account.id,
    region,
  );
  const actor: AwsActor = {
    day,
    caller: {
      identity: assumedRoleIdentity(session),
      sourceIp: runner,
      userAgent: CREDENTIALS_AGENT,
      tls: true,
    },
    account: account.id,
    region,
    agent,
  };
  let t = time + rng.int(300, 1500);
  act({ ...actor, agent: undefined }, t, {
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    readOnly: true,
  });
  t += rng.int(20, 240) * SECOND;
  steps({ actor, account, res: regionOf(account, region), repo, sha: rng.hex(7) }, t);
}

function stepsFor(repo: CiRepo): (job: Job, time: number) => number {
  switch (repo.kind) {
    case 'ecs':
      return deployEcs;
    case 'lambda':
      return deployLambda;
    case 'static':
      return deployStatic;
    case 'infra':
      return deployStack;
  }
}

/** A repository's pipelines: deployments to staging on merge, some promoted to production. */
export function ciPersona(repo: CiRepo): Persona {
  const cli = (command: string) => `${CLI_AGENT} md/command#${command}`;
  return {
    id: `ci/${repo.name}`,
    zone: 'UTC',
    day(day) {
      const { org, rng } = day;
      const workday = isWorkday(day);
      const rate = workday ? 1 : 0.04;
      const branch = `repo:${org.github}/${repo.name}:ref:refs/heads/main`;
      const production = `repo:${org.github}/${repo.name}:environment:production`;
      const steps = stepsFor(repo);
      const staging = count(day, repo.stagingPerDay * rate);
      for (let i = 0; i < staging; i++) {
        const time = at(day, mergeHour(day));
        if (repo.kind === 'infra') {
          const pr = `repo:${org.github}/${repo.name}:pull_request`;
          runJob(
            day,
            repo,
            org.aws.staging,
            'github-actions-terraform',
            pr,
            time - rng.int(1, 3) * HOUR,
            terraformPlanJob,
            () => TERRAFORM_AGENT,
          );
        }
        runJob(day, repo, org.aws.staging, 'github-actions-deploy', branch, time, steps, cli);
      }
      const promoted = count(day, repo.stagingPerDay * 0.35 * rate);
      for (let i = 0; i < promoted; i++) {
        const hour = day.rng.between(13, 19.5);
        // No production releases late on a Friday.
        if (day.weekday === 5 && hour > 16) continue;
        runJob(day, repo, org.aws.prod, 'github-actions-deploy', production, at(day, hour), steps, cli);
      }
    },
  };
}
