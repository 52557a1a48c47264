import { auditStep } from '../entra/audit-record.ts';
import { workloadSignInStep } from '../entra/signin-record.ts';
import { type ActivityPhase, activitySteps, armId } from './activity-record.ts';
import type { AzureContext, AzurePlan } from './context.ts';
import { azureStoragePlans } from './storage-plans.ts';

const started: ActivityPhase = { result: 'Start' };
const ok: ActivityPhase = { result: 'Success', statusCode: 'OK' };
/** Long-running operations: ARM accepts at once, the poller sees them through later. */
const accepted: ActivityPhase = { result: 'Accept', statusCode: 'Accepted' };
const done: ActivityPhase = { result: 'Success', statusCode: 'OK', gapMs: [5000, 20000] };

const publishingCredentials: AzurePlan = (ctx) =>
  activitySteps(ctx, {
    operation: 'Microsoft.Web/sites/publishxml/action',
    resourceId: armId(ctx, 'stratus-red-team-asp-cred-rg', `Microsoft.Web/sites/srt-asp-cred-${ctx.suffix}`),
    phases: [ok],
  });

function vm(ctx: AzureContext) {
  const name = `vm-${ctx.suffix}${ctx.rng.lowerAlnum(4)}`;
  const group = `rg-${name.slice(3)}`;
  return { group, id: armId(ctx, group, `Microsoft.Compute/virtualMachines/${name}`) };
}

/** The extension's protected settings (the command) are never logged; its public settings are. */
const customScriptExtension: AzurePlan = (ctx) => {
  const extension = 'CustomScriptExtension-StratusRedTeam-Example';
  const target = vm(ctx);
  const properties = {
    type: 'CustomScriptExtension',
    autoUpgradeMinorVersion: true,
    enableAutomaticUpgrade: false,
    publisher: 'Microsoft.Compute',
    settings: {},
    suppressFailures: true,
    typeHandlerVersion: '1.9',
  };
  const id = `${target.id}/extensions/${extension}`;
  return activitySteps(ctx, {
    operation: 'Microsoft.Compute/virtualMachines/extensions/write',
    resourceId: id,
    phases: [
      { result: 'Start', requestBody: { location: 'West US', properties } },
      {
        result: 'Accept',
        statusCode: 'Created',
        responseBody: {
          name: extension,
          id,
          type: 'Microsoft.Compute/virtualMachines/extensions',
          location: ctx.location,
          properties: { ...properties, provisioningState: 'Creating' },
        },
      },
      done,
    ],
  });
};

const runCommand: AzurePlan = (ctx) =>
  activitySteps(ctx, {
    operation: 'Microsoft.Compute/virtualMachines/runCommand/action',
    resourceId: vm(ctx).id,
    phases: [started, accepted, done],
  });

const diskExport: AzurePlan = (ctx) =>
  activitySteps(ctx, {
    operation: 'Microsoft.Compute/disks/beginGetAccess/action',
    resourceId: armId(
      ctx,
      `rg-${ctx.suffix}${ctx.rng.lowerAlnum(4)}`,
      'Microsoft.Compute/disks/stratus-red-team-disk',
    ),
    phases: [{ result: 'Start', requestBody: { access: 'Read', durationInSeconds: 3600 } }, accepted, done],
  });

const resourceLock: AzurePlan = (ctx) =>
  activitySteps(ctx, {
    operation: 'Microsoft.Authorization/locks/delete',
    resourceId: armId(
      ctx,
      `stratus-red-team-lock-storage-${ctx.suffix}`,
      `Microsoft.Authorization/locks/stratus-storage-lock-${ctx.suffix}`,
    ),
    phases: [started, ok],
  });

/**
 * The federated credential trusts an issuer the attacker hosts; exchanging its own signed token
 * then signs the managed identity in from the attacker's address.
 */
const backdoorManagedIdentity: AzurePlan = (ctx) => {
  const group = `stratus-fic-mi-${ctx.suffix}`;
  const identity = `stratus-victim-mi-${ctx.suffix}`;
  const id = armId(
    ctx,
    group,
    `Microsoft.ManagedIdentity/userAssignedIdentities/${identity}/federatedIdentityCredentials/stratus-red-team-oidc-fic`,
  );
  const properties = {
    issuer: `https://stratusficmi${ctx.suffix}.blob.core.windows.net/oidc`,
    subject: 'stratus-red-team-oidc',
    audiences: ['api://AzureADTokenExchange'],
  };
  return [
    ...activitySteps(ctx, {
      operation: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
      resourceId: id,
      phases: [
        { result: 'Start', requestBody: { properties } },
        {
          result: 'Success',
          statusCode: 'Created',
          responseBody: {
            id,
            name: 'stratus-red-team-oidc-fic',
            type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
            properties,
          },
        },
      ],
    }),
    workloadSignInStep(ctx, {
      category: 'ManagedIdentitySignInLogs',
      appId: ctx.rng.uuid(),
      displayName: identity,
      servicePrincipalId: ctx.rng.uuid(),
      clientCredentialType: 'federatedIdentityCredential',
      federatedCredentialId: ctx.rng.uuid(),
      resourceDisplayName: 'Microsoft Graph',
      resourceId: '00000003-0000-0000-c000-000000000000',
    }),
  ];
};

const bastionShareableLink: AzurePlan = (ctx) => {
  const group = `stratus-red-team-shareable-link-rg-${ctx.suffix}`;
  const bastion = armId(
    ctx,
    group,
    `Microsoft.Network/bastionHosts/stratus-red-team-shareable-link-bastion-${ctx.suffix}`,
  );
  const vmId = armId(
    ctx,
    group,
    `Microsoft.Compute/virtualMachines/stratus-red-team-shareable-link-vm-${ctx.suffix}`,
  );
  return [
    ...activitySteps(ctx, {
      operation: 'Microsoft.Network/bastionHosts/createshareablelinks/action',
      resourceId: bastion,
      phases: [{ result: 'Start', requestBody: { vms: [{ vm: { id: vmId } }] } }, accepted, done],
    }),
    ...activitySteps(ctx, {
      operation: 'Microsoft.Network/bastionHosts/getShareablelinks/action',
      resourceId: bastion,
      phases: [ok],
    }),
  ];
};

/** ListKeys is refused while local auth is off; the attacker turns it back on and lists again. */
const foundryKeys: AzurePlan = (ctx) => {
  const account = armId(
    ctx,
    `stratus-red-team-foundry-${ctx.suffix}`,
    `Microsoft.CognitiveServices/accounts/stratus-foundry-${ctx.suffix}`,
  );
  const listKeys = (phase: ActivityPhase) =>
    activitySteps(ctx, {
      operation: 'Microsoft.CognitiveServices/accounts/listKeys/action',
      resourceId: account,
      phases: [phase],
    });
  return [
    ...listKeys({
      result: 'Failure',
      statusCode: 'BadRequest',
      error: { code: 'BadRequest', message: 'Failed to list key. disableLocalAuth is set to be true' },
    }),
    ...activitySteps(ctx, {
      operation: 'Microsoft.CognitiveServices/accounts/write',
      resourceId: account,
      phases: [{ result: 'Start', requestBody: { properties: { disableLocalAuth: false } } }, accepted, done],
    }),
    ...listKeys(ok),
  ];
};

/**
 * A Global Administrator's elevateAccess: logged in the tenant-level Activity log and, as a
 * directory audit, by Azure RBAC.
 */
const elevateAccess: AzurePlan = (ctx) => [
  ...activitySteps(ctx, {
    operation: 'Microsoft.Authorization/elevateAccess/action',
    resourceId: '/providers/Microsoft.Authorization',
    phases: [ok],
  }),
  auditStep(ctx, {
    activity: 'User has elevated their access to User Access Administrator for their Azure Resources',
    category: 'AzureRBACRoleManagementElevateAccess',
    service: 'Azure RBAC (Elevated Access)',
    operationType: 'Assign',
    targets: [],
    id: ctx.rng.uuid(),
  }),
];

/** Replay plans of the Azure techniques, by id. */
export const azurePlans: Readonly<Record<string, AzurePlan>> = {
  ...azureStoragePlans,
  'azure.credential-access.app-service-publishing-credentials': publishingCredentials,
  'azure.execution.vm-custom-script-extension': customScriptExtension,
  'azure.execution.vm-run-command': runCommand,
  'azure.exfiltration.disk-export': diskExport,
  'azure.impact.resource-lock': resourceLock,
  'azure.persistence.backdoor-managed-identity-fic': backdoorManagedIdentity,
  'azure.persistence.create-bastion-shareable-link': bastionShareableLink,
  'azure.persistence.exfiltrate-foundry-key': foundryKeys,
  'azure.privilege-escalation.root-user-access-administrator': elevateAccess,
};
