import { isoFraction } from '../clock.ts';
import type { Step } from '../run-steps.ts';
import { type GcpContext, numericId } from './context.ts';

export interface Permission {
  permission: string;
  /** Default: the call's resourceName. */
  resource?: string;
  /** Default true; false when denied; null when the log redacts the outcome. */
  granted?: boolean | null;
}

/** One audited call; everything else of the LogEntry is Cloud Logging's. */
export interface GcpCall {
  log: 'activity' | 'data_access';
  service: string;
  method: string;
  resourceName: string;
  resource: { type: string; labels: Record<string, string> };
  permissions: Permission[];
  /** Default: the operator. Null: the principal is redacted (read calls denied to a user). */
  principal?: string | null;
  serviceAccountKeyName?: string;
  callerIp?: string;
  /** Default: the Go REST client's agent. */
  userAgent?: string;
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
  serviceData?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  status?: { code: number; message: string };
  /** Long-running operations log a first entry (with request and response) and a last one. */
  operation?: { id: string; producer: string; first?: true; last?: true };
  severity?: string;
  gapMs?: readonly [number, number];
}

const authentication = (principal: string | null, keyName: string | undefined): Record<string, unknown> => {
  if (principal === null) return {};
  const auth: Record<string, unknown> = {
    principalEmail: principal,
    principalSubject: `${principal.endsWith('.gserviceaccount.com') ? 'serviceAccount' : 'user'}:${principal}`,
  };
  if (keyName !== undefined) auth.serviceAccountKeyName = keyName;
  return auth;
};

/** A Cloud Audit Logs LogEntry, keys sorted as `gcloud logging read --format=json` prints them. */
export function gcpEntry(ctx: GcpContext, call: GcpCall): Record<string, unknown> {
  const now = ctx.clock.now();
  const timestamp = isoFraction(now, ctx.rng.digits(3));
  const payload: Record<string, unknown> = {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    authenticationInfo: authentication(
      call.principal === undefined ? ctx.principal : call.principal,
      call.serviceAccountKeyName,
    ),
  };
  if (call.permissions.length > 0)
    payload.authorizationInfo = call.permissions.map((p) => {
      const entry: Record<string, unknown> = {};
      if (p.granted !== null) entry.granted = p.granted ?? true;
      entry.permission = p.permission;
      entry.resource = p.resource ?? call.resourceName;
      entry.resourceAttributes = {};
      return entry;
    });
  if (call.metadata !== undefined) payload.metadata = call.metadata;
  payload.methodName = call.method;
  if (call.request !== undefined) payload.request = call.request;
  payload.requestMetadata = {
    callerIp: call.callerIp ?? ctx.attackerIp,
    callerSuppliedUserAgent: call.userAgent ?? ctx.restAgent,
    destinationAttributes: {},
    requestAttributes: { auth: {}, time: timestamp },
  };
  payload.resourceName = call.resourceName;
  if (call.response !== undefined) payload.response = call.response;
  if (call.serviceData !== undefined) payload.serviceData = call.serviceData;
  payload.serviceName = call.service;
  payload.status = call.status ?? {};
  const entry: Record<string, unknown> = {
    insertId: ctx.rng.lowerAlnum(13),
    logName: `projects/${ctx.project}/logs/cloudaudit.googleapis.com%2F${call.log}`,
  };
  if (call.operation !== undefined) entry.operation = call.operation;
  entry.protoPayload = payload;
  entry.receiveTimestamp = isoFraction(now + ctx.rng.int(1, 40), ctx.rng.digits(6));
  entry.resource = { labels: call.resource.labels, type: call.resource.type };
  entry.severity = call.severity ?? (call.status ? 'ERROR' : call.log === 'activity' ? 'NOTICE' : 'INFO');
  entry.timestamp = timestamp;
  return entry;
}

/** Steps of a plan: each call is made `count` times (default once). */
export function gcpStep(
  ctx: GcpContext,
  make: (index: number) => GcpCall,
  count = 1,
): Step<Record<string, unknown>> {
  return {
    count,
    make: (i) => gcpEntry(ctx, make(i)),
  };
}

/** A Compute Engine operation name (`operation-<ms>-<hex>…`). */
function computeOperation(ctx: GcpContext): string {
  return `operation-${ctx.clock.now()}-${ctx.rng.hex(13)}-${ctx.rng.hex(8)}-${ctx.rng.hex(8)}`;
}

/**
 * A Compute write: the first entry carries the request and the operation it started; the last,
 * when the operation ends, repeats who, what and where without them.
 */
export function computeWrite(
  ctx: GcpContext,
  call: (operation: string) => GcpCall,
): Step<Record<string, unknown>>[] {
  let first: GcpCall | undefined;
  let operation = '';
  return [
    {
      count: 1,
      make: () => {
        operation = computeOperation(ctx);
        first = call(operation);
        return gcpEntry(ctx, {
          ...first,
          operation: { id: operation, producer: 'compute.googleapis.com', first: true },
        });
      },
    },
    {
      count: 1,
      gapMs: [4000, 15000],
      make: () => {
        const f = first!;
        const last: GcpCall = {
          log: f.log,
          service: f.service,
          method: f.method,
          resourceName: f.resourceName,
          resource: f.resource,
          permissions: [],
          operation: { id: operation, producer: 'compute.googleapis.com', last: true },
        };
        if (f.principal !== undefined) last.principal = f.principal;
        if (f.callerIp !== undefined) last.callerIp = f.callerIp;
        if (f.userAgent !== undefined) last.userAgent = f.userAgent;
        return gcpEntry(ctx, last);
      },
    },
  ];
}

/** The Operation a Compute write answers with, for its first entry's `response`. */
export function operationResponse(
  ctx: GcpContext,
  operation: string,
  type: string,
  target: { link: string; id: string; scope: string },
  user: string = ctx.principal,
): Record<string, unknown> {
  const base = `https://www.googleapis.com/compute/v1/projects/${ctx.project}`;
  const [scopeKind] = target.scope.split('/');
  return {
    '@type': 'type.googleapis.com/operation',
    id: numericId(ctx, 19),
    insertTime: new Date(ctx.clock.now()).toISOString(),
    name: operation,
    operationType: type,
    progress: '0',
    selfLink: `${base}/${target.scope}/operations/${operation}`,
    status: 'RUNNING',
    targetId: target.id,
    targetLink: `https://www.googleapis.com/compute/v1/${target.link}`,
    user,
    [scopeKind === 'regions' ? 'region' : 'zone']: `${base}/${target.scope}`,
  };
}
