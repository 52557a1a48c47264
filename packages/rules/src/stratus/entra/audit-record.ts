import type { AzureContext } from '../azure/context.ts';
import { isoFraction } from '../clock.ts';
import type { Step } from '../run-steps.ts';

export interface ModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

/** One directory audit, as Microsoft Graph `directoryAudit` describes it. */
export interface AuditEntry {
  activity: string;
  category: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign' | 'Other';
  targets: Record<string, unknown>[];
  /** Default `Core Directory`. */
  service?: string;
  additionalDetails?: { key: string; value: string }[];
  /** Audits raised by one Graph call share it. */
  correlationId?: string;
  /** Default: `Directory_<hex>_<n>`, as Core Directory numbers its audits. */
  id?: string;
}

/** A `targetResources` entry; `modifiedProperties` values are JSON texts, as Entra writes them. */
export function auditTarget(
  type: string,
  id: string,
  displayName: string | null,
  modified: ModifiedProperty[] = [],
  userPrincipalName: string | null = null,
): Record<string, unknown> {
  return {
    id,
    displayName,
    type,
    userPrincipalName,
    groupType: null,
    modifiedProperties: modified,
    administrativeUnits: [],
  };
}

/** `modifiedProperties` entry for a new value: old `[]`, new the JSON array Entra prints. */
export const added = (displayName: string, ...values: unknown[]): ModifiedProperty => ({
  displayName,
  oldValue: '[]',
  newValue: JSON.stringify(values),
});

/** The `Included Updated Properties` entry listing what an update changed. */
export const includedUpdated = (...names: string[]): ModifiedProperty => ({
  displayName: 'Included Updated Properties',
  oldValue: null,
  newValue: JSON.stringify(names.join(', ')),
});

/** An Entra ID AuditLogs record in the diagnostic-settings export shape, initiated by the caller. */
export function auditStep(ctx: AzureContext, entry: AuditEntry): Step<Record<string, unknown>> {
  return {
    count: 1,
    make: () => {
      const now = ctx.clock.now();
      const correlationId = entry.correlationId ?? ctx.rng.uuid();
      return {
        time: isoFraction(now, ctx.rng.digits(4)),
        resourceId: `/tenants/${ctx.tenantId}/providers/Microsoft.aadiam`,
        operationName: entry.activity,
        operationVersion: '1.0',
        category: 'AuditLogs',
        tenantId: ctx.tenantId,
        resultSignature: 'None',
        durationMs: 0,
        callerIpAddress: ctx.attackerIp,
        correlationId,
        Level: 4,
        properties: {
          id: entry.id ?? `Directory_${ctx.rng.hex(8).toUpperCase()}_${ctx.rng.int(10000, 99999)}`,
          category: entry.category,
          correlationId,
          result: 'success',
          resultReason: '',
          activityDisplayName: entry.activity,
          activityDateTime: isoFraction(now, ctx.rng.digits(3), '+00:00'),
          loggedByService: entry.service ?? 'Core Directory',
          operationType: entry.operationType,
          initiatedBy: {
            user: {
              id: ctx.caller.objectId,
              displayName: null,
              userPrincipalName: ctx.caller.upn,
              ipAddress: ctx.attackerIp,
              roles: [],
            },
          },
          targetResources: entry.targets,
          additionalDetails: entry.additionalDetails ?? [],
        },
      };
    },
  };
}
