import type { Random } from '../random.ts';
import { isoFraction } from '../time.ts';
import type { Built } from './cloudtrail.ts';

/** The role that granted an operation, as `identity.authorization.evidence` names it. */
export interface Evidence {
  role: string;
  roleDefinitionId: string;
  scope: string;
  principalId: string;
  principalType: 'User' | 'ServicePrincipal';
}

/** One Activity log record of an ARM operation (one phase of it: Start, Accept, Success…). */
export interface ActivityEvent {
  tenantId: string;
  subscriptionId: string;
  /** Canonical resource id; exports print it upper-cased. */
  resourceId: string;
  /** `Microsoft.Web/sites/write` */
  operation: string;
  category: 'Administrative' | 'Policy' | 'Autoscale';
  resultType: string;
  resultSignature: string;
  statusCode?: string;
  callerIp?: string;
  correlationId: string;
  claims?: Record<string, unknown>;
  evidence?: Evidence;
  level: 'Informational' | 'Warning';
  durationMs: number;
  /** Extra `properties` (requestbody, responseBody, policies…), after the common ones. */
  properties?: Record<string, unknown>;
  location?: string;
}

/**
 * An Activity log record in the diagnostic-settings export shape (storage account and Event
 * Hubs): upper-cased ids and operation names, claims under `identity`, no `eventDataId`.
 */
export function activityRecord(rng: Random, time: number, e: ActivityEvent): Built {
  const scope = e.resourceId;
  const authorization: Record<string, unknown> = { scope, action: e.operation };
  if (e.evidence !== undefined)
    authorization.evidence = {
      role: e.evidence.role,
      roleAssignmentScope: e.evidence.scope,
      roleAssignmentId: rng.hex(32),
      roleDefinitionId: e.evidence.roleDefinitionId.replaceAll('-', ''),
      principalId: e.evidence.principalId.replaceAll('-', ''),
      principalType: e.evidence.principalType,
    };
  const identity: Record<string, unknown> = { authorization };
  if (e.claims !== undefined) identity.claims = e.claims;
  const properties: Record<string, unknown> = {};
  if (e.statusCode !== undefined) properties.statusCode = e.statusCode;
  properties.serviceRequestId = rng.uuid();
  properties.eventCategory = e.category;
  properties.entity = scope;
  properties.message = e.operation;
  properties.hierarchy = `${e.tenantId}/${e.subscriptionId}`;
  if (e.properties !== undefined) Object.assign(properties, e.properties);
  const record: Record<string, unknown> = {
    time: isoFraction(time, rng.chars(4, '0123456789')),
    resourceId: scope.toUpperCase(),
    operationName: e.operation.toUpperCase(),
    category: e.category,
    resultType: e.resultType,
    resultSignature: e.resultSignature,
    durationMs: String(e.durationMs),
  };
  if (e.callerIp !== undefined) record.callerIpAddress = e.callerIp;
  record.correlationId = e.correlationId;
  if (e.claims !== undefined || e.evidence !== undefined || e.category !== 'Autoscale')
    record.identity = identity;
  record.level = e.level;
  record.location = e.location ?? 'global';
  record.properties = properties;
  return { text: JSON.stringify(record), uid: e.correlationId };
}
