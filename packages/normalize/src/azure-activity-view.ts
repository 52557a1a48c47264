import { dynamicRecord, localized } from './azure-fields.ts';
import { asRecord, asString, firstString } from './common.ts';

/**
 * One Activity log event, whichever of its three shapes it came in. Objects are the source's
 * own (not copies); Log Analytics dynamic columns are parsed when they arrive as JSON text.
 */
export interface ActivityView {
  time: unknown;
  /** The operation field as found, kept to name its type in failure reasons. */
  operationField: unknown;
  operation: string | undefined;
  status: string | undefined;
  subStatus: string | undefined;
  description: string | undefined;
  caller: string | undefined;
  callerIp: string | undefined;
  correlationId: string | undefined;
  eventDataId: string | undefined;
  id: string | undefined;
  resourceId: string | undefined;
  subscriptionId: string | undefined;
  provider: string | undefined;
  resourceType: string | undefined;
  level: unknown;
  category: string | undefined;
  tenantId: string | undefined;
  claims: Record<string, unknown> | undefined;
  authorization: Record<string, unknown> | undefined;
  properties: Record<string, unknown> | undefined;
  httpRequest: Record<string, unknown> | undefined;
}

/**
 * Diagnostic export records (`time`, `operationName` text, `resultType`, `identity.claims`) and
 * REST/portal events (`eventTimestamp`, `{value}` objects, top-level `claims`, `httpRequest`)
 * differ field by field, so one reader takes whichever spelling is present.
 */
export function readActivity(r: Record<string, unknown>): ActivityView {
  const identity = asRecord(r.identity);
  const properties = asRecord(r.properties);
  const httpRequest = asRecord(r.httpRequest);
  return {
    time: r.time ?? r.eventTimestamp,
    operationField: r.operationName,
    operation: localized(r.operationName),
    status: localized(r.status) ?? asString(r.resultType),
    subStatus: localized(r.subStatus) ?? asString(properties?.statusCode) ?? asString(r.resultSignature),
    description: firstString(r.resultDescription, r.description),
    caller: asString(r.caller),
    callerIp: firstString(r.callerIpAddress, httpRequest?.clientIpAddress),
    correlationId: asString(r.correlationId),
    eventDataId: firstString(r.eventDataId, properties?.eventDataId),
    id: asString(r.id),
    resourceId: asString(r.resourceId),
    subscriptionId: asString(r.subscriptionId),
    provider: localized(r.resourceProviderName),
    resourceType: localized(r.resourceType),
    level: r.level ?? r.Level,
    category: asString(properties?.eventCategory) ?? localized(r.category),
    tenantId: asString(r.tenantId),
    claims: asRecord(r.claims) ?? asRecord(identity?.claims),
    authorization: asRecord(r.authorization) ?? asRecord(identity?.authorization),
    properties,
    httpRequest,
  };
}

/** A row of the Log Analytics AzureActivity table. */
export function readActivityRow(r: Record<string, unknown>): ActivityView {
  return {
    time: r.TimeGenerated ?? r.EventSubmissionTimestamp,
    operationField: r.OperationNameValue,
    operation: asString(r.OperationNameValue),
    status: firstString(r.ActivityStatusValue, r.ActivityStatus),
    subStatus: firstString(r.ActivitySubstatusValue, r.ActivitySubstatus),
    description: undefined,
    caller: asString(r.Caller),
    callerIp: asString(r.CallerIpAddress),
    correlationId: asString(r.CorrelationId),
    eventDataId: asString(r.EventDataId),
    id: undefined,
    resourceId: firstString(r._ResourceId, r.ResourceId),
    subscriptionId: firstString(r.SubscriptionId, r._SubscriptionId),
    provider: firstString(r.ResourceProviderValue, r.ResourceProvider),
    resourceType: undefined,
    level: r.Level,
    category: firstString(r.CategoryValue, r.Category),
    tenantId: asString(r.TenantId),
    claims: dynamicRecord(r.Claims_d) ?? dynamicRecord(r.Claims),
    authorization: dynamicRecord(r.Authorization_d) ?? dynamicRecord(r.Authorization),
    properties: dynamicRecord(r.Properties_d) ?? dynamicRecord(r.Properties),
    httpRequest: dynamicRecord(r.HTTPRequest),
  };
}
