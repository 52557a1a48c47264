import { gcloudAgent } from '../../org/clients.ts';
import type { GcpProject } from '../../org/gcp.ts';
import { staff } from '../../org/organisation.ts';
import { MINUTE, SECOND } from '../../time.ts';
import {
  bucketIamAdd,
  emitGcp,
  GCP_READS,
  type GcpCaller,
  instanceOperation,
  nodePoolResize,
  projectIamChange,
  queryJob,
  queryResults,
} from '../gcp-calls.ts';
import type { HumanContext } from './context.ts';
import type { WorkSession } from './plan.ts';

function project(ctx: HumanContext): GcpProject {
  const { rng, org } = ctx.day;
  return ctx.human.role === 'analyst' || rng.chance(0.5) ? org.gcp.data : org.gcp.dev;
}

function caller(ctx: HumanContext, userAgent: string): GcpCaller {
  return { principal: ctx.human.upn, callerIp: ctx.plan.where.ip, userAgent };
}

/** Changes an admin (or, in the dev project, an engineer) makes now and then. */
function change(ctx: HumanContext, time: number, agent: (command: string) => string): number {
  const { rng, org } = ctx.day;
  const admin = ctx.human.role === 'admin';
  const p = admin ? project(ctx) : org.gcp.dev;
  const kind = rng.weighted([
    ['instance', 4],
    ['viewer', admin ? 1 : 0],
    ['bucket', admin ? 1 : 0],
    ['pool', admin ? 1 : 0],
  ] as const);
  if (kind === 'instance') {
    const instance = rng.pick(p.instances.filter((i) => i.kind !== 'batch'));
    const verb = rng.pick(['start', 'stop'] as const);
    const op = instanceOperation(rng, time, p, instance, verb, ctx.human.upn);
    const who = caller(ctx, agent(`gcloud.compute.instances.${verb}`));
    emitGcp(ctx.day, time, who, op.first);
    const done = time + rng.int(15, 90) * SECOND;
    emitGcp(ctx.day, done, who, op.last);
    return done;
  }
  if (kind === 'viewer') {
    const colleague = rng.pick(staff(org));
    emitGcp(
      ctx.day,
      time,
      caller(ctx, agent('gcloud.projects.add-iam-policy-binding')),
      projectIamChange(rng, p, `user:${colleague.upn}`, 'roles/viewer', 'ADD'),
    );
    return time + rng.int(10, 40) * SECOND;
  }
  if (kind === 'bucket') {
    emitGcp(
      ctx.day,
      time,
      caller(ctx, agent('gcloud.storage.buckets.add-iam-policy-binding')),
      bucketIamAdd(
        p,
        rng.pick(p.buckets),
        `serviceAccount:${rng.pick([p.serviceAccounts.etl, p.serviceAccounts.scheduledQueries])}`,
        'roles/storage.objectViewer',
      ),
    );
    return time + rng.int(10, 40) * SECOND;
  }
  emitGcp(
    ctx.day,
    time,
    caller(ctx, agent('gcloud.container.clusters.resize')),
    nodePoolResize(rng, p, rng.int(3, 6)),
  );
  return time + rng.int(30, 120) * SECOND;
}

function reads(ctx: HumanContext, session: WorkSession, agent: (command: string) => string): void {
  const { rng } = ctx.day;
  const p = project(ctx);
  const changes = ctx.human.role === 'admin' || ctx.human.role === 'engineer';
  let t = session.start;
  while (t < session.end) {
    const [command, make] = rng.pick(GCP_READS);
    emitGcp(ctx.day, t, caller(ctx, agent(command)), make(rng, p));
    if (changes && rng.chance(ctx.human.role === 'admin' ? 0.08 : 0.03))
      t = change(ctx, t + rng.int(20, 90) * SECOND, agent);
    t += Math.round(rng.exponential(75) * SECOND) + 5 * SECOND;
  }
}

export function gcloudSession(ctx: HumanContext, session: WorkSession): void {
  const { rng } = ctx.day;
  reads(ctx, session, (command) => gcloudAgent(ctx.human.client, command, rng.uuid()));
}

export function gcpConsole(ctx: HumanContext, session: WorkSession): void {
  reads(ctx, session, () => `${ctx.human.client.browser},gzip(gfe)`);
}

/** BigQuery Studio: queries, each followed by fetching its results. */
export function bigQuerySession(ctx: HumanContext, session: WorkSession): void {
  const { rng, org } = ctx.day;
  const p = org.gcp.data;
  const who = caller(ctx, `${ctx.human.client.browser},gzip(gfe)`);
  let t = session.start;
  while (t < session.end) {
    const dataset = rng.pick(p.datasets);
    const query = `SELECT ${rng.pick(['country, COUNT(*) AS n', 'DATE(created_at) AS d, SUM(amount)', 'sku, AVG(price)'])} FROM \`${p.id}.${dataset}.${rng.pick(['orders', 'events', 'customers', 'invoices'])}\` WHERE created_at >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL ${rng.pick([7, 30, 90])} DAY) GROUP BY 1 ORDER BY 2 DESC LIMIT 100`;
    const job = queryJob(rng, p, query, ctx.human.upn);
    emitGcp(ctx.day, t, who, job);
    t += rng.int(2, 25) * SECOND;
    emitGcp(ctx.day, t, who, queryResults(p, job.resourceName));
    t += Math.round(rng.exponential(5) * MINUTE) + 20 * SECOND;
  }
}
