import { activityRecord, type Evidence } from '../formats/azure-activity.ts';
import type { AzureResource } from '../org/azure.ts';
import { SECOND } from '../time.ts';
import type { Day } from './day.ts';

/** Built-in roles that grant the operations people and pipelines run (Azure's published ids). */
export const GRANTING_ROLES = {
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'Website Contributor': 'de139f84-1756-47ae-9be6-808fbbe84772',
  'Virtual Machine Contributor': '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
} as const;

export interface ArmCaller {
  claims: Record<string, unknown>;
  ip: string;
  principalId: string;
  principalType: Evidence['principalType'];
  /** What the label names: the UPN or object id. */
  principal: string;
  /** The persona the records belong to, when not the one generating them. */
  persona?: string;
}

export interface ArmOperation {
  resource: AzureResource;
  /** `Microsoft.Web/sites/config/write`; the resource id may be extended by `path`. */
  operation: string;
  path?: string;
  role: keyof typeof GRANTING_ROLES;
  /** Long-running operations answer 202 Accepted before they succeed; others Start, then Success. */
  async: boolean;
  requestbody?: Record<string, unknown>;
  /** Operations that Azure Policy evaluates (an `audit` effect) when they complete. */
  audited?: boolean;
}

function subscriptionOf(resourceId: string): string {
  return resourceId.split('/')[2]!;
}

function resourceGroupScope(resource: AzureResource): string {
  return `/subscriptions/${subscriptionOf(resource.id)}/resourceGroups/${resource.resourceGroup}`;
}

/**
 * Writes one ARM operation as the Activity log records it: Start (or Accept) and Success under
 * one correlation id, and an Azure Policy audit record for audited resource types. Returns when
 * the operation finished.
 */
export function armOperation(day: Day, time: number, caller: ArmCaller, op: ArmOperation): number {
  const { rng, org } = day;
  const tenantId = org.azure.tenantId;
  const resourceId = op.path === undefined ? op.resource.id : `${op.resource.id}/${op.path}`;
  const subscriptionId = subscriptionOf(resourceId);
  const correlationId = rng.uuid();
  const evidence: Evidence = {
    role: op.role,
    roleDefinitionId: GRANTING_ROLES[op.role],
    scope: resourceGroupScope(op.resource),
    principalId: caller.principalId,
    principalType: caller.principalType,
  };
  const common = {
    tenantId,
    subscriptionId,
    resourceId,
    operation: op.operation,
    category: 'Administrative' as const,
    callerIp: caller.ip,
    correlationId,
    claims: caller.claims,
    evidence,
    level: 'Informational' as const,
  };
  day.emit(
    'azure',
    time,
    caller.principal,
    activityRecord(rng, time, {
      ...common,
      resultType: op.async ? 'Accept' : 'Start',
      resultSignature: op.async ? 'Accepted.Created' : 'Started.',
      statusCode: op.async ? 'Accepted' : undefined,
      durationMs: 0,
      properties: op.requestbody === undefined ? undefined : { requestbody: JSON.stringify(op.requestbody) },
    }),
    caller.persona,
  );
  const duration = (op.async ? rng.int(20, 180) : rng.int(1, 8)) * SECOND + rng.int(0, 999);
  const done = time + duration;
  day.emit(
    'azure',
    done,
    caller.principal,
    activityRecord(rng, done, {
      ...common,
      resultType: 'Success',
      resultSignature: op.async ? 'Succeeded.' : 'Succeeded.OK',
      statusCode: op.async ? undefined : 'OK',
      durationMs: duration,
    }),
    caller.persona,
  );
  if (op.audited && rng.chance(0.35)) policyAudit(day, done + rng.int(1, 20) * SECOND, op.resource, caller);
  return done;
}

/** Azure Policy's `audit` effect on a resource a caller just changed (a Warning, as Azure logs it). */
function policyAudit(day: Day, time: number, resource: AzureResource, caller: ArmCaller): void {
  const { rng, org } = day;
  const subscriptionId = subscriptionOf(resource.id);
  // The storage definition is Azure's built-in one; the others are the organisation's own.
  const [definitionId, assignmentName] = rng.pick([
    [
      '/providers/Microsoft.Authorization/policyDefinitions/34c877ad-507e-4c82-993e-3452a6e0ad3c',
      'storage-network-rules',
    ],
    [
      `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyDefinitions/kestrel-vm-encryption-at-host`,
      'vm-encryption-at-host',
    ],
    [
      `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyDefinitions/kestrel-require-cost-center-tag`,
      'require-cost-center-tag',
    ],
  ] as const);
  const assignment = `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyAssignments/${assignmentName}`;
  day.emit(
    'azure',
    time,
    caller.principal,
    activityRecord(rng, time, {
      tenantId: org.azure.tenantId,
      subscriptionId,
      resourceId: resource.id,
      operation: 'Microsoft.Authorization/policies/audit/action',
      category: 'Policy',
      resultType: 'Success',
      resultSignature: 'Succeeded.',
      correlationId: rng.uuid(),
      claims: caller.claims,
      level: 'Warning',
      durationMs: 0,
      properties: {
        isComplianceCheck: 'False',
        resourceLocation: resource.location,
        ancestors: org.azure.tenantId,
        policies: JSON.stringify([
          {
            policyDefinitionId: definitionId,
            policyDefinitionName: definitionId.slice(definitionId.lastIndexOf('/') + 1),
            policyDefinitionEffect: 'Audit',
            policyAssignmentId: assignment,
            policyAssignmentName: assignmentName,
            policyAssignmentScope: `/subscriptions/${subscriptionId}`,
          },
        ]),
      },
    }),
    'azure-service/policy',
  );
}
