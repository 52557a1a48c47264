import type { SourceRecord } from '@vigil/decode';
import {
  type AccountChange,
  type Actor,
  API_ACTIVITY,
  type ApiActivity,
  CLASS,
  type NetworkEndpoint,
} from '@vigil/schema';
import { entraUser } from './azure-actor.ts';
import { accountChangeOf } from './azure-audit-change.ts';
import { resourcesOf, rolePolicy, targetRecords, targetUser } from './azure-audit-targets.ts';
import type { AuditView } from './azure-audit-view.ts';
import { recordHead } from './azure-fields.ts';
import { asRecord, asString, classification, describeType, isIp, metadataFor, stamped } from './common.ts';
import type { NormalizeResult } from './types.ts';

const PRODUCT = { name: 'Microsoft Entra ID', vendor_name: 'Microsoft' };

/**
 * An Entra directory audit → Account Change 3001 when it changes a user account (and names the
 * user among its targets), otherwise API Activity 6003.
 */
export function normalizeAudit(record: SourceRecord, view: AuditView): NormalizeResult {
  const required = recordHead(
    'Azure audit record',
    view.id ?? view.correlationId,
    'id or correlationId',
    view.time,
  );
  if (!required.ok) return required;
  const { uid, time } = required;
  const operation = view.activity;
  if (operation === undefined)
    return {
      ok: false,
      reason: `Azure audit record: activityDisplayName must be a non-empty string, got ${describeType(view.activityField)}`,
    };

  const targets = targetRecords(view.targetResources);
  const status = auditStatus(view.result);
  const metadata = metadataFor({
    uid,
    product: PRODUCT,
    logName: 'AuditLogs',
    eventCode: operation,
    originalTime: asString(view.time),
    tenantUid: view.tenantId,
    correlationUid: view.correlationId,
  });
  const cloud = {
    provider: 'Azure',
    account: view.tenantId === undefined ? undefined : { uid: view.tenantId },
  };
  const api = {
    operation,
    service: view.loggedByService === undefined ? undefined : { name: view.loggedByService },
  };

  const change = accountChangeOf(operation);
  const user = change === undefined ? undefined : targetUser(targets, change, view.tenantId);
  if (change !== undefined && user !== undefined) {
    // Account Change has no `resources`; the targets (with their modifiedProperties) stay in unmapped.
    const body = {
      time,
      metadata,
      cloud,
      user,
      actor: auditActor(view),
      api,
      src_endpoint: sourceEndpoint(view),
      status_id: status.status_id,
      status: status.status,
      status_detail: view.resultReason,
      raw_data: record.raw,
      unmapped: {
        category: view.category,
        operationType: view.operationType,
        additionalDetails: view.additionalDetails,
        targetResources: view.targetResources,
      },
      policy: change.role ? rolePolicy(targets) : undefined,
    };
    const event: AccountChange = stamped(body, classification(CLASS.ACCOUNT_CHANGE, change.id, change.name));
    return { ok: true, event };
  }
  const activity = apiActivityOf(view.operationType);
  const resources = resourcesOf(targets);
  const body = {
    time,
    metadata,
    cloud,
    actor: auditActor(view),
    api,
    src_endpoint: sourceEndpoint(view),
    resources: resources.length === 0 ? undefined : resources,
    status_id: status.status_id,
    status: status.status,
    status_detail: view.resultReason,
    raw_data: record.raw,
    unmapped: {
      category: view.category,
      operationType: view.operationType,
      additionalDetails: view.additionalDetails,
    },
  };
  const event: ApiActivity = stamped(body, classification(CLASS.API_ACTIVITY, activity.id, activity.name));
  return { ok: true, event };
}

/** Entra's own `operationType` (Add, Update, Delete, Assign, Unassign, Other) as an API verb. */
function apiActivityOf(operationType: string | undefined): { id: 1 | 3 | 4 | 99; name: string } {
  switch (operationType?.toLowerCase()) {
    case 'add':
      return { id: API_ACTIVITY.CREATE, name: 'Create' };
    case 'update':
      return { id: API_ACTIVITY.UPDATE, name: 'Update' };
    case 'delete':
      return { id: API_ACTIVITY.DELETE, name: 'Delete' };
    default:
      return { id: API_ACTIVITY.OTHER, name: 'Other' };
  }
}

function auditStatus(result: string | undefined): { status_id: 0 | 1 | 2 | 99; status?: string } {
  if (result === undefined) return { status_id: 0 };
  switch (result.toLowerCase()) {
    case 'success':
      return { status_id: 1, status: 'Success' };
    case 'failure':
      return { status_id: 2, status: 'Failure' };
    default:
      return { status_id: 99, status: result };
  }
}

/**
 * `initiatedBy` holds a `user` or an `app` (the other is null or empty). A directory-internal
 * change has neither; the logging service then stands in as the actor.
 */
function auditActor(view: AuditView): Actor {
  const by = view.initiatedBy;
  const u = asRecord(by?.user);
  const user = entraUser({
    uid: asString(u?.id),
    name: asString(u?.userPrincipalName),
    displayName: asString(u?.displayName),
    type: 'User',
    tenantId: view.tenantId,
  });
  if (user !== undefined) return { user };
  const app = asRecord(by?.app);
  const appId = asString(app?.appId);
  const appName = asString(app?.displayName);
  const sp = entraUser({
    uid: asString(app?.servicePrincipalId),
    name: asString(app?.servicePrincipalName) ?? appName,
    type: 'ServicePrincipal',
    appId,
    tenantId: view.tenantId,
  });
  if (sp !== undefined || appId !== undefined) return { user: sp, app_name: appName, app_uid: appId };
  return { app_name: view.loggedByService ?? PRODUCT.name };
}

/** The initiator's address; without one, the logging service stands as the source. */
function sourceEndpoint(view: AuditView): NetworkEndpoint {
  const by = view.initiatedBy;
  const ip =
    asString(asRecord(by?.user)?.ipAddress) ?? asString(asRecord(by?.app)?.ipAddress) ?? view.callerIp;
  return ip !== undefined && isIp(ip) ? { ip } : { svc_name: view.loggedByService ?? PRODUCT.name };
}
