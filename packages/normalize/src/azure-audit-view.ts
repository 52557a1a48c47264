import { dynamicArray, dynamicRecord } from './azure-fields.ts';
import { asRecord, asString, firstString } from './common.ts';

/** One Entra directory audit, from a diagnostic export record or a Log Analytics row. */
export interface AuditView {
  id: string | undefined;
  time: unknown;
  /** The activity field as found, kept to name its type in failure reasons. */
  activityField: unknown;
  activity: string | undefined;
  category: string | undefined;
  result: string | undefined;
  resultReason: string | undefined;
  loggedByService: string | undefined;
  operationType: string | undefined;
  initiatedBy: Record<string, unknown> | undefined;
  targetResources: unknown[] | undefined;
  additionalDetails: unknown[] | undefined;
  correlationId: string | undefined;
  tenantId: string | undefined;
  callerIp: string | undefined;
}

/**
 * Diagnostic export: envelope at the top, the Graph directoryAudit resource under `properties`.
 * A bare Graph directoryAudit (no envelope) reads the same way.
 */
export function readAudit(r: Record<string, unknown>): AuditView {
  const p = asRecord(r.properties) ?? r;
  return {
    id: firstString(p.id, r.id),
    time: r.time ?? p.activityDateTime,
    activityField: p.activityDisplayName ?? r.operationName,
    activity: firstString(p.activityDisplayName, r.operationName),
    category: asString(p.category),
    result: asString(p.result),
    resultReason: asString(p.resultReason),
    loggedByService: asString(p.loggedByService),
    operationType: asString(p.operationType),
    initiatedBy: asRecord(p.initiatedBy),
    targetResources: Array.isArray(p.targetResources) ? p.targetResources : undefined,
    additionalDetails: Array.isArray(p.additionalDetails) ? p.additionalDetails : undefined,
    correlationId: firstString(p.correlationId, r.correlationId),
    tenantId: firstString(r.tenantId, p.tenantId),
    callerIp: asString(r.callerIpAddress),
  };
}

/** A row of the Log Analytics AuditLogs table. */
export function readAuditRow(r: Record<string, unknown>): AuditView {
  return {
    id: asString(r.Id),
    time: r.TimeGenerated ?? r.ActivityDateTime,
    activityField: r.ActivityDisplayName ?? r.OperationName,
    activity: firstString(r.ActivityDisplayName, r.OperationName),
    category: asString(r.Category),
    result: asString(r.Result),
    resultReason: firstString(r.ResultReason, r.ResultDescription),
    loggedByService: asString(r.LoggedByService),
    operationType: asString(r.AADOperationType),
    initiatedBy: dynamicRecord(r.InitiatedBy),
    targetResources: dynamicArray(r.TargetResources),
    additionalDetails: dynamicArray(r.AdditionalDetails),
    correlationId: asString(r.CorrelationId),
    tenantId: firstString(r.AADTenantId, r.TenantId),
    callerIp: undefined,
  };
}
