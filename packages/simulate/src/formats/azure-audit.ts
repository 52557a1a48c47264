import type { Random } from '../random.ts';
import { isoFraction } from '../time.ts';
import type { Built } from './cloudtrail.ts';

export interface AuditTarget {
  id: string;
  displayName: string | null;
  type: 'User' | 'Group' | 'Application' | 'ServicePrincipal';
  userPrincipalName?: string;
  modifiedProperties?: readonly { displayName: string; oldValue: string | null; newValue: string | null }[];
}

export interface AuditEvent {
  tenantId: string;
  activity: string;
  category: 'UserManagement' | 'GroupManagement' | 'ApplicationManagement';
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign';
  service: 'Core Directory' | 'Authentication Methods' | 'Account Provisioning';
  initiatedBy:
    | { user: { id: string; upn: string; ip: string } }
    | { app: { appId: string; displayName: string; servicePrincipalId: string } };
  targets: readonly AuditTarget[];
  additionalDetails?: readonly { key: string; value: string }[];
  correlationId: string;
}

const DIRECTORY_ID = 'ABCDEF0123456789';

/** An Entra directory audit in the diagnostic-settings export shape (`properties` = directoryAudit). */
export function auditRecord(rng: Random, time: number, e: AuditEvent): Built {
  const id = `Directory_${rng.chars(8, DIRECTORY_ID)}_${rng.int(10000, 99999)}`;
  const micros = rng.chars(3, '0123456789');
  const by = e.initiatedBy;
  const initiatedBy =
    'user' in by
      ? {
          user: {
            id: by.user.id,
            displayName: null,
            userPrincipalName: by.user.upn,
            ipAddress: by.user.ip,
            roles: [],
          },
        }
      : {
          app: {
            appId: by.app.appId,
            displayName: by.app.displayName,
            servicePrincipalId: by.app.servicePrincipalId,
            servicePrincipalName: null,
          },
        };
  const record: Record<string, unknown> = {
    time: isoFraction(time, `${micros}0`),
    resourceId: `/tenants/${e.tenantId}/providers/Microsoft.aadiam`,
    operationName: e.activity,
    operationVersion: '1.0',
    category: 'AuditLogs',
    tenantId: e.tenantId,
    resultSignature: 'None',
    durationMs: 0,
  };
  if ('user' in by) record.callerIpAddress = by.user.ip;
  record.correlationId = e.correlationId;
  record.Level = 4;
  record.properties = {
    id,
    category: e.category,
    correlationId: e.correlationId,
    result: 'success',
    resultReason: '',
    activityDisplayName: e.activity,
    activityDateTime: `${isoFraction(time, micros).slice(0, 26)}+00:00`,
    loggedByService: e.service,
    operationType: e.operationType,
    initiatedBy,
    targetResources: e.targets.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
      groupType: t.type === 'Group' ? 'unifiedAzureAD' : null,
      modifiedProperties: t.modifiedProperties ?? [],
      administrativeUnits: [],
    })),
    additionalDetails: e.additionalDetails ?? [],
  };
  return { text: JSON.stringify(record), uid: id };
}
