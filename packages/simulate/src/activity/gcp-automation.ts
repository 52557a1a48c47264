import type { GcpInstance } from '../org/gcp.ts';
import { hostIn } from '../org/ip.ts';
import { INTERNET } from '../org/places.ts';
import { DAY, MINUTE, SECOND } from '../time.ts';
import { at, count, type Day, isWorkday, type Persona } from './day.ts';
import {
  deploymentPatch,
  emitGcp,
  GCP_READS,
  type GcpCaller,
  instanceOperation,
  instanceSystemEvent,
  objectCreate,
  objectGet,
  queryJob,
} from './gcp-calls.ts';

const PYTHON_CLIENT = 'gcloud-python/3.1.0 gl-python/3.11.9 grpc/1.66.1 gax/2.21.0 gccl/2.18.2,gzip(gfe)';
const NODE_CLIENT = 'google-api-nodejs-client/9.15.0 gl-node/20.17.0 auth/9.14.2,gzip(gfe)';
/** The SIEM's poller runs in AWS and leaves through the security account's NAT gateway. */
const POLLER_IP = '203.0.113.230';

function hourPath(time: number): string {
  const iso = new Date(time).toISOString();
  return `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

/** The ETL writes event batches to the raw bucket every few minutes and curates them hourly. */
function etl(day: Day): void {
  const { rng, org } = day;
  const p = org.gcp.data;
  const who: GcpCaller = {
    principal: p.serviceAccounts.etl,
    callerIp: 'gce-internal-ip',
    userAgent: PYTHON_CLIENT,
    persona: 'gcp-service/etl',
  };
  const period = (8 * MINUTE) / day.scale;
  for (
    let t = day.midnight + rng.int(0, 600) * SECOND;
    t < day.midnight + DAY;
    t += period + rng.int(-60, 60) * SECOND
  ) {
    emitGcp(day, t, who, objectCreate(p, p.buckets[0]!, `events/${hourPath(t)}/part-${rng.hex(12)}.json.gz`));
    const minute = new Date(t).getUTCMinutes();
    if (minute < 12) {
      const u = t + rng.int(60, 240) * SECOND;
      emitGcp(day, u, who, objectGet(p, p.buckets[0]!, `events/${hourPath(t - 3_600_000)}/_SUCCESS`));
      emitGcp(
        day,
        u + rng.int(20, 200) * SECOND,
        who,
        objectCreate(p, p.buckets[1]!, `sessions/${hourPath(t - 3_600_000)}/data.parquet`),
      );
    }
  }
}

/** Scheduled queries: hourly increments and a nightly batch of rollups. */
function scheduledQueries(day: Day): void {
  const { rng, org } = day;
  const p = org.gcp.data;
  const who: GcpCaller = {
    principal: p.serviceAccounts.scheduledQueries,
    callerIp: 'private',
    userAgent: 'BigQuery Data Transfer Service',
    persona: 'gcp-service/scheduled-queries',
  };
  for (let h = 0; h < 24; h++) {
    const t = at(day, h + 0.1) + rng.int(0, 120) * SECOND;
    emitGcp(
      day,
      t,
      who,
      queryJob(
        rng,
        p,
        'INSERT INTO analytics.hourly_sessions SELECT * FROM product_events.sessions_staging WHERE _PARTITIONTIME = TIMESTAMP_TRUNC(CURRENT_TIMESTAMP(), HOUR)',
        p.serviceAccounts.scheduledQueries,
      ),
    );
  }
  let t = at(day, 3);
  for (const table of [
    'daily_revenue',
    'daily_active_users',
    'churn_cohorts',
    'inventory_snapshot',
    'finance_ledger',
  ]) {
    emitGcp(
      day,
      t,
      who,
      queryJob(
        rng,
        p,
        `CREATE OR REPLACE TABLE analytics.${table} AS SELECT * FROM analytics.v_${table}`,
        p.serviceAccounts.scheduledQueries,
      ),
    );
    t += rng.int(1, 8) * MINUTE;
  }
}

/** The SIEM pulls both projects' audit logs every quarter of an hour. */
function logPoller(day: Day): void {
  const { rng, org } = day;
  const who: GcpCaller = {
    principal: org.gcp.data.serviceAccounts.logReader,
    callerIp: POLLER_IP,
    userAgent: NODE_CLIENT,
    persona: 'automation/siem-log-poller',
  };
  const read = GCP_READS.find(([command]) => command === 'gcloud.logging.read')![1];
  const period = (20 * MINUTE) / day.scale;
  for (let t = day.midnight + rng.int(0, 60) * SECOND; t < day.midnight + DAY; t += period) {
    for (const p of org.gcp.all) emitGcp(day, t + rng.int(0, 4000), who, read(rng, p));
  }
}

function lifecycle(
  day: Day,
  time: number,
  who: GcpCaller,
  instance: GcpInstance,
  verb: 'insert' | 'start' | 'stop' | 'delete',
  project = day.org.gcp.data,
): number {
  const { rng } = day;
  const op = instanceOperation(rng, time, project, instance, verb, who.principal ?? 'system');
  emitGcp(day, time, who, op.first);
  const done = time + rng.int(20, 80) * SECOND;
  emitGcp(day, done, who, op.last);
  return done;
}

/** GKE's node pool grows for the American afternoon and shrinks at night (managed instance group). */
function nodeAutoscaling(day: Day): void {
  if (!isWorkday(day)) return;
  const { rng, org } = day;
  const p = org.gcp.data;
  const who: GcpCaller = {
    principal: p.serviceAccounts.cloudServices,
    callerIp: 'private',
    userAgent: 'GCE Managed Instance Group for GKE',
    persona: 'gcp-service/gke-autoscaler',
  };
  const nodes = Array.from(
    { length: rng.int(1, 2) },
    (): GcpInstance => ({
      name: `gke-${p.cluster.name}-default-pool-${rng.hex(8)}-${rng.chars(4, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
      id: rng.digits(19),
      zone: `${p.region}-${rng.pick(['a', 'b', 'c'])}`,
      kind: 'service',
    }),
  );
  let t = at(day, 13 + rng.between(0, 1));
  for (const node of nodes) t = lifecycle(day, t, who, node, 'insert');
  let u = at(day, 25 + rng.between(0, 1.5));
  for (const node of nodes) u = lifecycle(day, u, who, node, 'delete');
}

/** Cloud Build rolls the ETL's new image out to GKE after merges. */
function cloudBuild(day: Day): void {
  const { rng, org } = day;
  const p = org.gcp.data;
  const dev = org.gcp.dev;
  const builds = count(day, isWorkday(day) ? 2 : 0.05);
  for (let i = 0; i < builds; i++) {
    let t = at(day, rng.between(8, 21));
    const ip = hostIn(INTERNET.googleHosts, rng.int(0, 250));
    const who: GcpCaller = {
      principal: p.serviceAccounts.cloudBuild,
      callerIp: ip,
      userAgent: PYTHON_CLIENT,
      persona: 'ci/cloud-build',
    };
    emitGcp(day, t, who, objectCreate(dev, dev.buckets[0]!, `builds/${rng.uuid()}/source.tgz`));
    t += rng.int(2, 6) * MINUTE;
    emitGcp(
      day,
      t,
      { ...who, userAgent: 'kubectl/v1.30.5 (linux/amd64) kubernetes/74e84a9' },
      deploymentPatch(p, 'etl', rng.pick(['etl-runner', 'sessionizer', 'exporter'])),
    );
  }
}

/** Compute Engine's own events: Spot VMs preempted, hosts migrated for maintenance. */
function systemEvents(day: Day): void {
  const { rng, org } = day;
  const p = org.gcp.data;
  for (const instance of p.instances.filter((i) => i.kind === 'batch')) {
    if (!rng.chance(0.3)) continue;
    const t = at(day, rng.between(0, 24));
    emitGcp(
      day,
      t,
      { persona: 'gcp-service/compute-engine' },
      instanceSystemEvent(p, instance, 'compute.instances.preempted'),
    );
  }
  if (rng.chance(0.15)) {
    const instance = rng.pick(p.instances);
    const t = at(day, rng.between(0, 24));
    emitGcp(
      day,
      t,
      { principal: 'system@google.com', persona: 'gcp-service/compute-engine' },
      instanceSystemEvent(p, instance, 'compute.instances.migrateOnHostMaintenance'),
    );
  }
}

/** The dev project's instance schedule: workstations on at 07:30 Berlin time, off at 19:30. */
function instanceSchedule(day: Day): void {
  if (!isWorkday(day)) return;
  const { rng, org } = day;
  const p = org.gcp.dev;
  const who: GcpCaller = {
    principal: p.serviceAccounts.computeSystem,
    callerIp: 'private',
    userAgent: 'Compute Engine Instance Schedules',
  };
  for (const [hour, verb] of [
    [7.5, 'start'],
    [19.5, 'stop'],
  ] as const) {
    let t = at(day, hour) + rng.int(0, 60) * SECOND;
    for (const instance of p.instances.filter((i) => i.kind === 'dev'))
      t = lifecycle(day, t + rng.int(1, 5) * SECOND, who, instance, verb, p);
  }
}

export function gcpServicesPersona(): Persona {
  return {
    id: 'gcp-service/data-platform',
    zone: 'UTC',
    day(day) {
      etl(day);
      scheduledQueries(day);
      logPoller(day);
      nodeAutoscaling(day);
      cloudBuild(day);
      systemEvents(day);
    },
  };
}

export function gcpSchedulePersona(): Persona {
  return { id: 'gcp-service/instance-schedule', zone: 'Europe/Berlin', day: instanceSchedule };
}
