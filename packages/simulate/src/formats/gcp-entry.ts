import type { GcpProject } from '../org/gcp.ts';
import type { Random } from '../random.ts';
import { isoFraction } from '../time.ts';
import type { Built } from './cloudtrail.ts';

/** One audited Google Cloud call, before it is written as a LogEntry. */
export interface GcpCall {
  log: 'activity' | 'data_access' | 'system_event';
  project: GcpProject;
  service: string;
  method: string;
  resourceName: string;
  resource: { type: string; labels: Record<string, string> };
  /** Absent for system events Google raises itself. */
  principal?: string;
  callerIp?: string;
  userAgent?: string;
  permissions: readonly string[];
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
  serviceData?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** Long-running operations log a first and a last entry with the same id. */
  operation?: { id: string; producer: string; first?: boolean; last?: boolean };
  severity: 'NOTICE' | 'INFO';
}

const INSERT_ID = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A Cloud Audit Logs LogEntry as the Logging API returns it (`protoPayload` = AuditLog). */
export function gcpEntry(rng: Random, time: number, call: GcpCall): Built {
  const insertId = rng.chars(1, 'abcdefghijklmnopqrstuvwxyz') + rng.chars(12, INSERT_ID);
  const micros = rng.chars(3, '0123456789');
  const timestamp = isoFraction(time, micros);
  const payload: Record<string, unknown> = {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    status: {},
  };
  if (call.principal !== undefined)
    payload.authenticationInfo = {
      principalEmail: call.principal,
      principalSubject: `${call.principal.includes('gserviceaccount.com') ? 'serviceAccount' : 'user'}:${call.principal}`,
    };
  if (call.callerIp !== undefined) {
    const meta: Record<string, unknown> = { callerIp: call.callerIp };
    if (call.userAgent !== undefined) meta.callerSuppliedUserAgent = call.userAgent;
    meta.requestAttributes = { time: timestamp, auth: {} };
    meta.destinationAttributes = {};
    payload.requestMetadata = meta;
  }
  payload.serviceName = call.service;
  payload.methodName = call.method;
  payload.authorizationInfo = call.permissions.map((permission) => ({
    resource: call.resourceName,
    permission,
    granted: true,
    resourceAttributes: {},
  }));
  payload.resourceName = call.resourceName;
  if (call.request !== undefined) payload.request = call.request;
  if (call.response !== undefined) payload.response = call.response;
  if (call.serviceData !== undefined) payload.serviceData = call.serviceData;
  if (call.metadata !== undefined) payload.metadata = call.metadata;
  const entry: Record<string, unknown> = {
    protoPayload: payload,
    insertId,
    resource: call.resource,
    timestamp,
    severity: call.severity,
    logName: `projects/${call.project.id}/logs/cloudaudit.googleapis.com%2F${call.log}`,
  };
  if (call.operation !== undefined) entry.operation = call.operation;
  entry.receiveTimestamp = isoFraction(time + rng.int(20, 900), `${rng.chars(6, '0123456789')}`);
  return { text: JSON.stringify(entry), uid: insertId };
}
