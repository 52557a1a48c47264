import { JAVA_SDK } from '../activity/app-runtime.ts';
import { type AwsActor, act } from '../activity/aws-emit.ts';
import type { ArmCaller } from '../activity/azure-arm.ts';
import { CLI_AGENT } from '../activity/ci.ts';
import type { Day } from '../activity/day.ts';
import type { GcpCaller } from '../activity/gcp-calls.ts';
import { SimulateOptionsError } from '../errors.ts';
import {
  assumedRoleIdentity,
  assumeRoleCall,
  iamUserIdentity,
  type RoleSession,
} from '../formats/aws-identity.ts';
import { userClaims } from '../formats/azure-claims.ts';
import type { Built } from '../formats/cloudtrail.ts';
import { iamId, regionOf, role } from '../org/aws.ts';
import { MS_APPS } from '../org/azure.ts';
import { hostCount, hostIn } from '../org/ip.ts';
import { type Organisation, staff } from '../org/organisation.ts';
import type { Human } from '../org/people.ts';
import { INTERNET } from '../org/places.ts';
import { Random } from '../random.ts';
import { DAY, HOUR, localMidnight, MINUTE, SECOND } from '../time.ts';
import type { CampaignActor, CampaignSpec, SimRecord } from '../types.ts';
import { AWS_TECHNIQUES, type AwsStage } from './aws-techniques.ts';
import { ATTACKER_NETWORKS } from './networks.ts';
import { AZURE_TECHNIQUES, bulkTransfer, GCP_TECHNIQUES } from './other-techniques.ts';

/** The network technique: not in Stratus Red Team, which detonates control-plane calls only. */
export const BULK_TRANSFER = 'network.exfiltration.bulk-transfer';

type Platform = 'aws' | 'azure' | 'gcp' | 'network';

interface CatalogEntry {
  technique: string;
  platform: Platform;
  actors: readonly CampaignActor[];
}

const ALL: readonly CampaignActor[] = ['stolen-credential', 'insider', 'compromised-workload'];
const PEOPLE: readonly CampaignActor[] = ['stolen-credential', 'insider'];

/** Every technique a campaign can run, and who can run it. */
export const CAMPAIGN_TECHNIQUES: readonly CatalogEntry[] = [
  ...Object.keys(AWS_TECHNIQUES).map((technique) => ({ technique, platform: 'aws' as const, actors: ALL })),
  ...Object.keys(AZURE_TECHNIQUES).map((technique) => ({
    technique,
    platform: 'azure' as const,
    actors: PEOPLE,
  })),
  ...Object.keys(GCP_TECHNIQUES).map((technique) => ({
    technique,
    platform: 'gcp' as const,
    actors: PEOPLE,
  })),
  { technique: BULK_TRANSFER, platform: 'network', actors: ['compromised-workload'] },
];

/** One campaign of a run: what, who, against whom, when, and how many records it wrote. */
export interface CampaignInfo {
  id: string;
  technique: string;
  platform: Platform;
  actor: CampaignActor;
  /** The principal whose credentials or workload were used. */
  victim: string;
  start: number;
  end: number;
  records: number;
}

/** Tools attackers drive stolen keys with: user agents the organisation never sends. */
const ATTACKER_AGENTS = {
  aws: [
    'Boto3/1.26.165 Python/3.11.4 Linux/6.3.0-kali1-amd64 Botocore/1.29.165',
    'aws-sdk-go/1.44.298 (go1.20.5; linux; amd64)',
    'python-requests/2.31.0',
  ],
  gcp: ['google-api-python-client/2.95.0 gl-python/3.11.4 grpc/1.56.0', 'python-requests/2.31.0'],
} as const;

interface Planned {
  index: number;
  entry: CatalogEntry;
  actor: CampaignActor;
  start: number;
  /** The spec gave the time: it is kept as is. */
  fixed: boolean;
}

function plan(
  settings: { seed: number; start: number; end: number },
  campaigns: number | readonly CampaignSpec[],
): Planned[] {
  const rng = Random.derive(settings.seed, 'campaign-plan');
  const specs: CampaignSpec[] =
    typeof campaigns === 'number' ? Array.from({ length: campaigns }, () => ({})) : [...campaigns];
  const offset = rng.int(0, CAMPAIGN_TECHNIQUES.length - 1);
  // Campaigns fall in the second half of the range, once profiles have had time to learn.
  const from = settings.start + Math.floor((settings.end - settings.start) / 2);
  const to = Math.max(from + HOUR, settings.end - 3 * HOUR);
  return specs.map((spec, index) => {
    const entry = spec.technique
      ? CAMPAIGN_TECHNIQUES.find((e) => e.technique === spec.technique)
      : CAMPAIGN_TECHNIQUES[(offset + index) % CAMPAIGN_TECHNIQUES.length];
    if (!entry)
      throw new SimulateOptionsError(
        `simulate: campaign ${index + 1}: unknown technique "${spec.technique}" (see CAMPAIGN_TECHNIQUES)`,
      );
    const actor = spec.actor ?? rng.pick(entry.actors);
    if (!entry.actors.includes(actor))
      throw new SimulateOptionsError(
        `simulate: campaign ${index + 1}: ${entry.technique} is run by ${entry.actors.join(' or ')}, not ${actor}`,
      );
    let start = rng.int(from, to);
    if (spec.at !== undefined) {
      start = Date.parse(spec.at);
      if (Number.isNaN(start) || start < settings.start || start >= settings.end)
        throw new SimulateOptionsError(
          `simulate: campaign ${index + 1}: at must be an ISO time inside the simulated range, got "${spec.at}"`,
        );
    }
    return { index, entry, actor, start, fixed: spec.at !== undefined };
  });
}

function victimOf(rng: Random, org: Organisation, platform: Platform): Human {
  const eligible = staff(org).filter(
    (h) =>
      (h.role === 'admin' || h.role === 'engineer') &&
      (platform === 'aws' ? h.clouds.aws : platform === 'azure' ? h.clouds.azure : h.clouds.gcp),
  );
  return rng.pick(eligible.length > 0 ? eligible : staff(org));
}

/** An insider works late: between 22:00 and 03:00 in their own zone, on the campaign's day. */
function insiderTime(rng: Random, human: Human, start: number): number {
  const midnight = localMidnight(human.location.city.zone, Math.floor(start / DAY) * DAY);
  return midnight + (22 + rng.between(0, 5)) * HOUR;
}

function attackerIp(rng: Random): string {
  const net = rng.pick(ATTACKER_NETWORKS);
  return hostIn(net.cidr, rng.int(0, hostCount(net.cidr) - 1));
}

/** The AWS actor a campaign runs its technique as, after the access steps its actor takes. */
function awsAccess(
  day: Day,
  actor: CampaignActor,
  human: Human,
  time: number,
): { stage: AwsStage; time: number; victim: string } {
  const { rng, org } = day;
  const prod = org.aws.prod;
  const res = regionOf(prod, 'us-east-1');
  if (actor === 'compromised-workload') {
    const ci = rng.chance(0.5);
    const r = role(prod, ci ? 'github-actions-deploy' : 'orders-api-task');
    const session: RoleSession = {
      role: r,
      name: ci ? 'GitHubActions' : rng.hex(32),
      accessKeyId: iamId(rng, 'ASIA', 16),
      created: time - rng.int(1, 50) * MINUTE,
      mfa: false,
    };
    const sourceIp = ci
      ? hostIn(INTERNET.ciRunners, rng.int(0, hostCount(INTERNET.ciRunners) - 1))
      : `${res.vpcCidr.split('.').slice(0, 2).join('.')}.11.${rng.int(10, 250)}`;
    const a: AwsActor = {
      day,
      caller: {
        identity: assumedRoleIdentity(session),
        sourceIp,
        userAgent: ci ? CLI_AGENT : JAVA_SDK,
        tls: true,
      },
      account: prod.id,
      region: res.region,
    };
    return { stage: { actor: a, account: prod, res, rng }, time, victim: r.arn };
  }
  const security = org.aws.security;
  const stolen = actor === 'stolen-credential';
  const ip = stolen ? attackerIp(rng) : human.homeIps[0]!;
  const agent = stolen ? rng.pick(ATTACKER_AGENTS.aws) : human.client.awsCli;
  const user: AwsActor = {
    day,
    caller: {
      identity: iamUserIdentity(security.id, human.key, human.aws.principalId, human.aws.accessKeyId),
      sourceIp: ip,
      userAgent: agent,
      tls: true,
    },
    account: security.id,
    region: 'us-east-1',
  };
  let t = time;
  if (stolen) {
    act(user, t, { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true });
    t += rng.int(2, 20) * SECOND;
    act(user, t, {
      source: 'iam.amazonaws.com',
      name: 'ListAttachedUserPolicies',
      readOnly: true,
      request: { userName: human.key },
    });
    t += rng.int(5, 60) * SECOND;
  }
  const roleName = human.role === 'admin' ? 'PlatformAdmin' : 'Developer';
  const session: RoleSession = {
    role: role(prod, roleName),
    name: human.key,
    accessKeyId: iamId(rng, 'ASIA', 16),
    created: t,
    mfa: !stolen,
  };
  const serial = stolen ? undefined : `arn:aws:iam::${security.id}:mfa/${human.key}`;
  act({ ...user, account: prod.id }, t, assumeRoleCall(rng, session, 3600, serial));
  const a: AwsActor = {
    day,
    caller: { identity: assumedRoleIdentity(session), sourceIp: ip, userAgent: agent, tls: true },
    account: prod.id,
    region: res.region,
  };
  return {
    stage: { actor: a, account: prod, res, rng },
    time: t + rng.int(3, 30) * SECOND,
    victim: `arn:aws:iam::${security.id}:user/${human.key}`,
  };
}

/**
 * Runs the requested campaigns against the organisation and returns their records, labelled
 * `attack`, with what each campaign was. Every campaign draws from its own random stream, so
 * campaigns never change the benign activity around them.
 */
export function runCampaigns(
  settings: { seed: number; start: number; end: number; days: number; scale: number },
  org: Organisation,
  campaigns: number | readonly CampaignSpec[],
): { records: SimRecord[]; infos: CampaignInfo[] } {
  const records: SimRecord[] = [];
  const infos: CampaignInfo[] = [];
  for (const p of plan(settings, campaigns)) {
    const rng = Random.derive(settings.seed, 'campaign', p.index, p.entry.technique);
    const id = `c${String(p.index + 1).padStart(2, '0')}-${p.entry.technique}`;
    const human = victimOf(rng, org, p.entry.platform);
    let start = p.actor === 'insider' && !p.fixed ? insiderTime(rng, human, p.start) : p.start;
    // A late evening that would run past the range moves to the evening before.
    while (start >= settings.end - HOUR && start - DAY >= settings.start) start -= DAY;
    const before = records.length;
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    const day: Day = {
      index: 0,
      days: settings.days,
      start: settings.start,
      midnight: Math.floor(start / DAY) * DAY,
      weekday: new Date(start).getUTCDay(),
      scale: settings.scale,
      seed: settings.seed,
      rng,
      org,
      emit(source, time, principal, built: Built) {
        if (time < settings.start || time >= settings.end) return;
        first = Math.min(first, time);
        last = Math.max(last, time);
        records.push({
          source,
          text: built.text,
          time,
          uid: built.uid,
          persona: `campaign/${id}`,
          principal,
          label: 'attack',
          campaign: id,
          technique: p.entry.technique,
          actor: p.actor,
        });
      },
    };
    const victim = runTechnique(day, p, human, start);
    infos.push({
      id,
      technique: p.entry.technique,
      platform: p.entry.platform,
      actor: p.actor,
      victim,
      start: Number.isFinite(first) ? first : start,
      end: last || start,
      records: records.length - before,
    });
  }
  return { records, infos };
}

function runTechnique(day: Day, p: Planned, human: Human, start: number): string {
  const { rng, org } = day;
  const technique = p.entry.technique;
  switch (p.entry.platform) {
    case 'aws': {
      const access = awsAccess(day, p.actor, human, start);
      AWS_TECHNIQUES[technique]!(access.stage, access.time);
      return access.victim;
    }
    case 'azure': {
      const stolen = p.actor === 'stolen-credential';
      const ip = stolen ? attackerIp(rng) : human.homeIps[0]!;
      const caller: ArmCaller = {
        claims: userClaims(
          rng,
          org.azure.tenantId,
          { objectId: human.entraId, upn: human.upn, given: human.given, family: human.family },
          MS_APPS.azureCli.id,
          ip,
          start - rng.int(2, 20) * MINUTE,
        ),
        ip,
        principalId: human.entraId,
        principalType: 'User',
        principal: human.entraId,
      };
      AZURE_TECHNIQUES[technique]!(day, caller, start);
      return human.entraId;
    }
    case 'gcp': {
      const stolen = p.actor === 'stolen-credential';
      const caller: GcpCaller = {
        principal: human.upn,
        callerIp: stolen ? attackerIp(rng) : human.homeIps[0]!,
        userAgent: stolen
          ? rng.pick(ATTACKER_AGENTS.gcp)
          : `google-cloud-sdk gcloud/${human.client.gcloudVersion}`,
      };
      GCP_TECHNIQUES[technique]!(day, caller, rng.pick(org.gcp.all), start);
      return human.upn;
    }
    case 'network': {
      const app = rng.pick(org.network.apps);
      bulkTransfer(day, org.network.account, app, attackerIp(rng), start);
      return app.eni;
    }
  }
}
