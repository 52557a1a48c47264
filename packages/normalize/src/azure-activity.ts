import type { SourceRecord } from '@vigil/decode';
import { type ApiActivity, CLASS, type NetworkEndpoint } from '@vigil/schema';
import { activityFromOperation } from './azure-activity-id.ts';
import type { ActivityView } from './azure-activity-view.ts';
import { activityActor } from './azure-actor.ts';
import { parseEmbeddedJson, recordHead } from './azure-fields.ts';
import { operationNamespace, parseResourceId } from './azure-resource-id.ts';
import { azureSeverity, azureStatus } from './azure-status.ts';
import { asRecord, asString, classification, describeType, isIp, metadataFor, stamped } from './common.ts';
import type { NormalizeResult } from './types.ts';

const PRODUCT = { name: 'Azure Monitor', vendor_name: 'Microsoft' };
const IP_CLAIM = 'ipaddr';

/** An Activity log event (any of its shapes, read into `view`) → API Activity 6003. */
export function normalizeActivity(record: SourceRecord, view: ActivityView): NormalizeResult {
  const required = recordHead(
    'Azure Activity record',
    view.eventDataId ?? view.id ?? view.correlationId,
    'eventDataId, id or correlationId',
    view.time,
  );
  if (!required.ok) return required;
  const { uid, time } = required;
  const operation = view.operation;
  if (operation === undefined)
    return {
      ok: false,
      reason: `Azure Activity record: operationName must be a non-empty string or {value}, got ${describeType(view.operationField)}`,
    };

  const resource = view.resourceId === undefined ? undefined : parseResourceId(view.resourceId);
  // Subscription ids are GUIDs, which compare case-insensitively; diagnostic exports upper-case
  // the whole resource id, so the account uid is lower-cased to match the REST and LA shapes.
  const subscriptionId = (resource?.subscriptionId ?? view.subscriptionId)?.toLowerCase();
  const serviceName = view.provider ?? operationNamespace(operation) ?? resource?.namespace;
  const actor = activityActor(view.claims, view.caller, view.tenantId) ?? { app_name: serviceName };
  if (actor.user === undefined && actor.app_uid === undefined && actor.app_name === undefined)
    return {
      ok: false,
      reason: 'Azure Activity record: expected a caller, identity claims or a resource provider, found none',
    };

  const src = sourceEndpoint(view.callerIp, view.claims, serviceName);
  if (src === undefined)
    return {
      ok: false,
      reason:
        'Azure Activity record: expected callerIpAddress or a resource provider for src_endpoint, found neither',
    };

  const activity = activityFromOperation(operation);
  const status = azureStatus(view.status);
  const properties = view.properties;
  const requestBody = parseEmbeddedJson(properties?.requestbody ?? properties?.requestBody);
  const responseBody = parseEmbeddedJson(properties?.responseBody ?? properties?.responsebody);
  const error = status.status_id === 2 ? activityError(properties) : undefined;

  const http = view.httpRequest;
  const body = {
    time,
    metadata: metadataFor({
      uid,
      product: PRODUCT,
      logName: 'AzureActivity',
      eventCode: operation,
      originalTime: asString(view.time),
      tenantUid: view.tenantId,
      correlationUid: view.correlationId,
    }),
    cloud: {
      provider: 'Azure',
      account:
        subscriptionId === undefined
          ? undefined
          : { uid: subscriptionId, type: 'Azure Subscription', type_id: 13 },
    },
    actor,
    api: {
      operation,
      service: serviceName === undefined ? undefined : { name: serviceName },
      request: { uid: view.correlationId ?? uid, data: requestBody ?? properties },
      response:
        responseBody === undefined && error === undefined
          ? undefined
          : { data: responseBody, error: error?.code, error_message: error?.message },
    },
    src_endpoint: src,
    status_id: status.status_id,
    status: status.status,
    status_code: view.subStatus,
    status_detail: error?.message ?? view.description,
    raw_data: record.raw,
    unmapped: { category: view.category, properties, authorization: view.authorization },
    resources:
      view.resourceId === undefined
        ? undefined
        : [{ uid: view.resourceId, name: resource?.name, type: view.resourceType ?? resource?.type }],
    http_request:
      http === undefined
        ? undefined
        : { http_method: asString(http.method), uid: asString(http.clientRequestId) },
  };
  const head = classification(CLASS.API_ACTIVITY, activity.id, activity.name, azureSeverity(view.level));
  const event: ApiActivity = stamped(body, head);
  return { ok: true, event };
}

/**
 * The caller's address (or the token's `ipaddr` claim). Events Azure raises itself (policy,
 * Defender alerts, autoscale) have none; the resource provider then stands as the source
 * service, since API Activity requires src_endpoint.
 */
function sourceEndpoint(
  callerIp: string | undefined,
  claims: Record<string, unknown> | undefined,
  serviceName: string | undefined,
): NetworkEndpoint | undefined {
  const ip = callerIp ?? asString(claims?.[IP_CLAIM]);
  if (ip !== undefined && isIp(ip)) return { ip };
  return serviceName === undefined ? undefined : { svc_name: serviceName };
}

/** Failed ARM calls carry `properties.statusMessage`: JSON text `{"error":{"code","message"}}`. */
function activityError(
  properties: Record<string, unknown> | undefined,
): { code: string | undefined; message: string | undefined } | undefined {
  const parsed = asRecord(parseEmbeddedJson(properties?.statusMessage));
  const error = asRecord(parsed?.error) ?? parsed;
  if (error === undefined) return undefined;
  return { code: asString(error.code), message: asString(error.message) };
}
