import type { AzureContext } from '../azure/context.ts';
import { isoFraction } from '../clock.ts';
import type { Step } from '../run-steps.ts';

/** A workload identity obtaining a token without a user (client credentials). */
export interface WorkloadSignIn {
  category: 'ServicePrincipalSignInLogs' | 'ManagedIdentitySignInLogs';
  appId: string;
  displayName: string;
  servicePrincipalId: string;
  /** `federatedIdentityCredential` when a foreign OIDC token was exchanged. */
  clientCredentialType: string;
  federatedCredentialId?: string;
  resourceDisplayName: string;
  resourceId: string;
}

/** An Entra sign-in record of a workload identity, diagnostic-settings export shape. */
export function workloadSignInStep(ctx: AzureContext, signIn: WorkloadSignIn): Step<Record<string, unknown>> {
  return {
    count: 1,
    gapMs: [2000, 8000],
    make: () => {
      const now = ctx.clock.now();
      const correlationId = ctx.rng.uuid();
      const properties: Record<string, unknown> = {
        id: ctx.rng.uuid(),
        createdDateTime: `${new Date(now).toISOString().slice(0, 19)}+00:00`,
        appId: signIn.appId,
        appDisplayName: signIn.displayName,
        servicePrincipalId: signIn.servicePrincipalId,
        servicePrincipalName: signIn.displayName,
        ipAddress: ctx.attackerIp,
        status: { errorCode: 0 },
        resourceDisplayName: signIn.resourceDisplayName,
        resourceId: signIn.resourceId,
        location: { city: 'Frankfurt am Main', state: 'Hessen', countryOrRegion: 'DE' },
        clientCredentialType: signIn.clientCredentialType,
        conditionalAccessStatus: 'notApplied',
        isInteractive: false,
        autonomousSystemNumber: 208294,
        correlationId,
      };
      if (signIn.federatedCredentialId !== undefined)
        properties.federatedCredentialId = signIn.federatedCredentialId;
      if (signIn.category === 'ManagedIdentitySignInLogs') properties.managedIdentityType = 'userAssigned';
      return {
        time: isoFraction(now, ctx.rng.digits(4)),
        resourceId: `/tenants/${ctx.tenantId}/providers/Microsoft.aadiam`,
        operationName: 'Sign-in activity',
        operationVersion: '1.0',
        category: signIn.category,
        tenantId: ctx.tenantId,
        resultType: '0',
        resultSignature: 'None',
        resultDescription: '',
        durationMs: 0,
        callerIpAddress: ctx.attackerIp,
        correlationId,
        identity: signIn.displayName,
        Level: 4,
        location: 'DE',
        properties,
      };
    },
  };
}

export const MICROSOFT_GRAPH = { name: 'Microsoft Graph', id: '00000003-0000-0000-c000-000000000000' };
