import { type AccountChange, type ApiActivity, CLASS, type NetworkEndpoint } from '@vigil/schema';
import {
  asRecord,
  asString,
  classification,
  describeType,
  isIp,
  metadataFor,
  stamped,
  toEpochMs,
} from './common.ts';
import { accountChangeOf, apiActivityOf } from './gcp-activity-id.ts';
import { gcpActor } from './gcp-actor.ts';
import { gcpCloud } from './gcp-cloud.ts';
import { serviceAccountTarget } from './gcp-service-account.ts';
import type { Normalizer } from './types.ts';

const PRODUCT = { name: 'Cloud Audit Logs', vendor_name: 'Google' };

/**
 * A Cloud Audit Logs LogEntry (admin activity, data access, system event, policy denied) →
 * API Activity 6003, or Account Change 3001 for the IAM service-account lifecycle.
 */
export const normalizeGcp: Normalizer = (source) => {
  const r = source.record;
  const uid = asString(r.insertId);
  if (uid === undefined)
    return {
      ok: false,
      reason: `GCP LogEntry: insertId must be a non-empty string, got ${describeType(r.insertId)}`,
    };
  const timeField = r.timestamp ?? r.receiveTimestamp;
  const time = toEpochMs(timeField);
  if (time === undefined)
    return {
      ok: false,
      reason: `GCP LogEntry: timestamp must be an RFC 3339 time, got ${describeType(timeField)}`,
    };
  const payload = asRecord(r.protoPayload);
  if (payload === undefined)
    return {
      ok: false,
      reason: `GCP LogEntry: protoPayload must be an AuditLog object, got ${describeType(r.protoPayload)}`,
    };
  const method = asString(payload.methodName);
  if (method === undefined)
    return {
      ok: false,
      reason: `GCP LogEntry: protoPayload.methodName must be a non-empty string, got ${describeType(payload.methodName)}`,
    };
  const service = asString(payload.serviceName);
  const actor = gcpActor(asRecord(payload.authenticationInfo), service);
  if (actor === undefined)
    return {
      ok: false,
      reason:
        'GCP LogEntry: expected authenticationInfo.principalEmail or protoPayload.serviceName, found neither',
    };

  const meta = asRecord(payload.requestMetadata);
  const src = sourceEndpoint(asString(meta?.callerIp), service);
  if (src === undefined)
    return {
      ok: false,
      reason: 'GCP LogEntry: expected requestMetadata.callerIp or protoPayload.serviceName, found neither',
    };

  const logName = asString(r.logName);
  const resource = asRecord(r.resource);
  const labels = asRecord(resource?.labels);
  const status = asRecord(payload.status);
  const code = typeof status?.code === 'number' ? status.code : 0;
  const message = asString(status?.message);
  const resourceName = asString(payload.resourceName);
  const resourceType = asString(resource?.type);
  const userAgent = asString(meta?.callerSuppliedUserAgent);

  const severity = severityOf(r.severity);
  const body = {
    time,
    metadata: metadataFor({
      uid,
      product: PRODUCT,
      logName,
      eventCode: method,
      originalTime: asString(timeField),
      correlationUid: asString(asRecord(r.operation)?.id),
    }),
    cloud: gcpCloud(labels, logName),
    actor,
    api: {
      operation: method,
      service: service === undefined ? undefined : { name: service },
      request: { uid: asString(asRecord(r.operation)?.id) ?? uid, data: payload.request },
      response:
        payload.response === undefined && code === 0
          ? undefined
          : {
              data: payload.response,
              error: code === 0 ? undefined : String(code),
              error_message: code === 0 ? undefined : message,
            },
    },
    src_endpoint: src,
    http_request: userAgent === undefined ? undefined : { user_agent: userAgent },
    status_id: code === 0 ? (1 as const) : (2 as const),
    status: code === 0 ? 'Success' : 'Failure',
    status_code: code === 0 ? undefined : String(code),
    status_detail: code === 0 ? undefined : message,
    raw_data: source.raw,
    unmapped: {
      serviceData: payload.serviceData,
      metadata: payload.metadata,
      authorizationInfo: payload.authorizationInfo,
    },
  };

  const change = accountChangeOf(method);
  const target = change === undefined ? undefined : serviceAccountTarget(payload, labels);
  if (change !== undefined && target !== undefined) {
    const event: AccountChange = stamped(
      Object.assign(body, { user: target }),
      classification(CLASS.ACCOUNT_CHANGE, change.id, change.name, severity),
    );
    return { ok: true, event };
  }
  const activity = apiActivityOf(method);
  // Account Change has no `resources`, so the audited resource is added to API Activity only.
  const resources =
    resourceName === undefined ? undefined : [{ uid: resourceName, name: resourceName, type: resourceType }];
  const event: ApiActivity = stamped(
    Object.assign(body, { resources }),
    classification(CLASS.API_ACTIVITY, activity.id, activity.name, severity),
  );
  return { ok: true, event };
};

/**
 * `callerIp` is an address, or a word for callers without one (`private`, `gce-internal-ip`),
 * kept as the endpoint name. System events have no caller at all; API Activity requires
 * src_endpoint, so the service that raised the event stands as the source.
 */
function sourceEndpoint(
  callerIp: string | undefined,
  service: string | undefined,
): NetworkEndpoint | undefined {
  if (callerIp !== undefined) return isIp(callerIp) ? { ip: callerIp } : { name: callerIp };
  return service === undefined ? undefined : { svc_name: service };
}

/** LogSeverity → OCSF severity_id; DEFAULT/DEBUG/INFO/NOTICE are informational. */
function severityOf(severity: unknown): 1 | 3 | 4 | 5 | 6 {
  switch (severity) {
    case 'WARNING':
      return 3;
    case 'ERROR':
      return 4;
    case 'CRITICAL':
      return 5;
    case 'ALERT':
    case 'EMERGENCY':
      return 6;
    default:
      return 1;
  }
}
