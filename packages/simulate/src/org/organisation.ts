import { Random } from '../random.ts';
import { type AwsAccount, buildAwsAccounts } from './aws.ts';
import { type AzureTenant, buildAzureTenant } from './azure.ts';
import { buildGcpProjects, type GcpProject } from './gcp.ts';
import { buildWebNetwork, type WebNetwork } from './network.ts';
import { buildPeople, type Human } from './people.ts';

/** A repository whose GitHub Actions workflows deploy to AWS through the OIDC provider. */
export interface CiRepo {
  name: string;
  kind: 'ecs' | 'lambda' | 'static' | 'infra';
  /** The ECS service, Lambda function or bucket the pipeline updates. */
  target: string;
  /** Mean deployments a working day to staging; production gets a fraction of them. */
  stagingPerDay: number;
}

export interface Organisation {
  name: string;
  domain: string;
  github: string;
  aws: { prod: AwsAccount; staging: AwsAccount; security: AwsAccount; all: readonly AwsAccount[] };
  azure: AzureTenant;
  gcp: { data: GcpProject; dev: GcpProject; all: readonly GcpProject[] };
  people: readonly Human[];
  repos: readonly CiRepo[];
  network: WebNetwork;
}

/**
 * The organisation is the same for every run seed, so that profiles learnt from one seed apply
 * to another: only activity varies with the seed.
 */
const ORG_SEED = 0x4b455354;

function build(): Organisation {
  const rng = new Random(ORG_SEED);
  const domain = 'kestrel.example';
  const people = buildPeople(rng, domain);
  const [prod, staging, security] = buildAwsAccounts(
    rng,
    people.filter((p) => p.devBox).map((p) => p.key),
  );
  const [data, dev] = buildGcpProjects(rng);
  return {
    name: 'Kestrel Labs',
    domain,
    github: 'kestrel-labs',
    aws: { prod: prod!, staging: staging!, security: security!, all: [prod!, staging!, security!] },
    azure: buildAzureTenant(rng),
    gcp: { data: data!, dev: dev!, all: [data!, dev!] },
    network: buildWebNetwork(rng, prod!),
    people,
    repos: [
      { name: 'orders-api', kind: 'ecs', target: 'orders-api', stagingPerDay: 2.2 },
      { name: 'billing-worker', kind: 'ecs', target: 'billing-worker', stagingPerDay: 1.2 },
      { name: 'ingest-functions', kind: 'lambda', target: 'ingest-events', stagingPerDay: 1.5 },
      { name: 'media-functions', kind: 'lambda', target: 'thumbnailer', stagingPerDay: 0.6 },
      { name: 'web-frontend', kind: 'static', target: 'web-assets', stagingPerDay: 2.5 },
      { name: 'platform-infra', kind: 'infra', target: 'apps', stagingPerDay: 1.0 },
    ],
  };
}

/** People employed for the whole range: the ones colleagues grant access to or add to groups. */
export function staff(org: Organisation): readonly Human[] {
  return org.people.filter((p) => p.joinsAt === undefined && p.leavesAt === undefined);
}

let cached: Organisation | undefined;

/** The simulated organisation (built once). */
export function organisation(): Organisation {
  cached ??= build();
  return cached;
}
