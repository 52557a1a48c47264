import { isoFraction } from '../clock.ts';
import type { Step } from '../run-steps.ts';
import { type AzureContext, armClaims } from './context.ts';

/** One record of an ARM operation: long-running writes log Start, then Accept, then Success. */
export interface ActivityPhase {
  result: 'Start' | 'Accept' | 'Success' | 'Failure';
  /** HTTP status name (`OK`, `Created`, `Accepted`, `BadRequest`…); none on Start records. */
  statusCode?: string;
  /** The request body the Start record carries, as Azure copies it: JSON text. */
  requestBody?: unknown;
  /** The response body some Accept and Success records carry, as JSON text. */
  responseBody?: unknown;
  /** Failures carry ARM's error object in `properties.statusMessage`. */
  error?: { code: string; message: string };
  gapMs?: readonly [number, number];
}

export interface ActivityOperation {
  /** As the provider spells it, e.g. `Microsoft.Compute/virtualMachines/runCommand/action`. */
  operation: string;
  /** `/subscriptions/…/providers/…`, or a tenant-level scope such as `/providers/Microsoft.Authorization`. */
  resourceId: string;
  phases: readonly ActivityPhase[];
}

const SIGNATURE = { Start: 'Started', Accept: 'Accepted', Success: 'Succeeded', Failure: 'Failed' } as const;

/**
 * The Activity log records of one operation, in the diagnostic-settings export shape (Event Hubs,
 * storage account): ids and operation names upper-cased, one correlation id for all phases.
 */
export function activitySteps(ctx: AzureContext, op: ActivityOperation): Step<Record<string, unknown>>[] {
  const correlationId = ctx.rng.uuid();
  const serviceRequestId = ctx.rng.uuid();
  const scope = op.resourceId;
  const subscribed = op.resourceId.startsWith('/subscriptions/');
  const claims = armClaims(ctx);
  return op.phases.map((phase) => ({
    count: 1,
    ...(phase.gapMs ? { gapMs: phase.gapMs } : {}),
    make: () => {
      const properties: Record<string, unknown> = {};
      if (phase.result !== 'Start') {
        properties.statusCode = phase.statusCode ?? 'OK';
        properties.serviceRequestId = serviceRequestId;
      }
      properties.eventCategory = 'Administrative';
      properties.entity = scope;
      properties.message = op.operation;
      properties.hierarchy = subscribed ? `${ctx.tenantId}/${ctx.subscriptionId}` : ctx.tenantId;
      if (phase.requestBody !== undefined) properties.requestbody = JSON.stringify(phase.requestBody);
      if (phase.responseBody !== undefined) properties.responseBody = JSON.stringify(phase.responseBody);
      if (phase.error !== undefined) properties.statusMessage = JSON.stringify({ error: phase.error });
      const failed = phase.result === 'Failure';
      return {
        time: isoFraction(ctx.clock.now(), ctx.rng.digits(4)),
        resourceId: op.resourceId.toUpperCase(),
        operationName: op.operation.toUpperCase(),
        category: 'Administrative',
        resultType: phase.result,
        resultSignature:
          phase.result === 'Start' ? 'Started.' : `${SIGNATURE[phase.result]}.${phase.statusCode ?? 'OK'}`,
        durationMs: '0',
        callerIpAddress: ctx.attackerIp,
        correlationId,
        identity: {
          authorization: subscribed
            ? {
                scope,
                action: op.operation,
                evidence: {
                  role: 'Owner',
                  roleAssignmentScope: `/subscriptions/${ctx.subscriptionId}`,
                  roleAssignmentId: ctx.rng.hex(32),
                  roleDefinitionId: '8e3af657a8ff443ca75c2fe8c4bcb635',
                  principalId: ctx.caller.objectId.replaceAll('-', ''),
                  principalType: 'User',
                },
              }
            : { scope, action: op.operation },
          claims,
        },
        level: failed ? 'Error' : 'Informational',
        location: 'global',
        properties,
      };
    },
  }));
}

/** `/subscriptions/<id>/resourceGroups/<group>/providers/<type path>`. */
export function armId(ctx: AzureContext, group: string, path: string): string {
  return `/subscriptions/${ctx.subscriptionId}/resourceGroups/${group}/providers/${path}`;
}
