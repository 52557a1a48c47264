import type { Step } from '../run-steps.ts';
import { type ActivityPhase, activitySteps, armId } from './activity-record.ts';
import type { AzureContext, AzurePlan } from './context.ts';

const ok: ActivityPhase = { result: 'Success', statusCode: 'OK' };

function storageAccount(ctx: AzureContext, group: string, name: string) {
  return armId(ctx, group, `Microsoft.Storage/storageAccounts/${name}`);
}

/**
 * Stratus's blob helper first lists the account keys through ARM and then talks to the blob
 * endpoint with a shared key: the listKeys call is the only trace the Activity log keeps of the
 * blob reads, writes and deletes that follow (those are StorageRead/Write/Delete resource logs).
 */
function listKeys(ctx: AzureContext, account: string): Step<Record<string, unknown>>[] {
  return activitySteps(ctx, {
    operation: 'Microsoft.Storage/storageAccounts/listKeys/action',
    resourceId: account,
    phases: [ok],
  });
}

function keyVault(ctx: AzureContext, group: string) {
  const name = `stratus-kv-${ctx.suffix}`;
  return {
    name,
    id: armId(ctx, group, `Microsoft.KeyVault/vaults/${name}`),
    uri: `https://${name}.vault.azure.net`,
  };
}

const RANSOM_KEY = 'stratus-ransomware-key';

/** Purge protection on, then a new RSA key, both through ARM. */
function vaultAndKey(ctx: AzureContext, vault: ReturnType<typeof keyVault>): Step<Record<string, unknown>>[] {
  return [
    ...activitySteps(ctx, {
      operation: 'Microsoft.KeyVault/vaults/write',
      resourceId: vault.id,
      phases: [
        {
          result: 'Start',
          requestBody: {
            location: ctx.location,
            properties: {
              tenantId: ctx.tenantId,
              sku: { family: 'A', name: 'standard' },
              enableSoftDelete: true,
              softDeleteRetentionInDays: 7,
              enablePurgeProtection: true,
              enableRbacAuthorization: true,
              accessPolicies: [],
            },
          },
        },
        { result: 'Success', statusCode: 'OK', gapMs: [2000, 6000] },
      ],
    }),
    ...activitySteps(ctx, {
      operation: 'Microsoft.KeyVault/vaults/keys/write',
      resourceId: `${vault.id}/keys/${RANSOM_KEY}`,
      phases: [
        { result: 'Start', requestBody: { properties: { kty: 'RSA', keySize: 2048 } } },
        { result: 'Success', statusCode: 'OK' },
      ],
    }),
  ];
}

const publicAccess: AzurePlan = (ctx) => {
  const group = `stratus-red-team-storage-storage-${ctx.suffix}`;
  return activitySteps(ctx, {
    operation: 'Microsoft.Storage/storageAccounts/write',
    resourceId: storageAccount(ctx, group, `stratusredteamstorage${ctx.suffix}`),
    phases: [{ result: 'Start', requestBody: { properties: { allowBlobPublicAccess: true } } }, ok],
  });
};

const sasExport: AzurePlan = (ctx) =>
  listKeys(
    ctx,
    storageAccount(ctx, `stratus-red-team-storage-export-${ctx.suffix}`, `stratusredteamexport${ctx.suffix}`),
  );

const ransomwareAccount = (ctx: AzureContext, group: string) =>
  storageAccount(ctx, group, `stratusransom${ctx.suffix}`);

const cpek: AzurePlan = (ctx) => listKeys(ctx, ransomwareAccount(ctx, `stratus-red-team-cpek-${ctx.suffix}`));

const individualDeletion: AzurePlan = (ctx) =>
  listKeys(ctx, ransomwareAccount(ctx, `stratus-red-team-ransomware-${ctx.suffix}`));

/** Blobs are rewritten under an encryption scope whose Key Vault key is then deleted. */
const encryptionScope: AzurePlan = (ctx) => {
  const group = `stratus-red-team-encryption-scope-${ctx.suffix}`;
  const vault = keyVault(ctx, group);
  const account = ransomwareAccount(ctx, group);
  return [
    ...vaultAndKey(ctx, vault),
    ...activitySteps(ctx, {
      operation: 'Microsoft.Storage/storageAccounts/encryptionScopes/write',
      resourceId: `${account}/encryptionScopes/stratus-ransomware-scope`,
      phases: [
        {
          result: 'Start',
          requestBody: {
            properties: {
              source: 'Microsoft.KeyVault',
              keyVaultProperties: { keyUri: `${vault.uri}/keys/${RANSOM_KEY}` },
              state: 'Enabled',
            },
          },
        },
        ok,
      ],
    }),
    ...listKeys(ctx, account),
  ];
};

/** The account's own encryption moves to the attacker's key, then the key and the vault are deleted. */
const serviceStorageCmk: AzurePlan = (ctx) => {
  const group = `stratus-red-team-cmk-${ctx.suffix}`;
  const vault = keyVault(ctx, group);
  const account = ransomwareAccount(ctx, group);
  return [
    ...listKeys(ctx, account),
    ...vaultAndKey(ctx, vault),
    ...activitySteps(ctx, {
      operation: 'Microsoft.Storage/storageAccounts/write',
      resourceId: account,
      phases: [
        {
          result: 'Start',
          requestBody: {
            properties: {
              encryption: {
                keySource: 'Microsoft.Keyvault',
                keyvaultproperties: { keyname: RANSOM_KEY, keyvaulturi: vault.uri },
              },
            },
          },
        },
        ok,
      ],
    }),
    ...activitySteps(ctx, {
      operation: 'Microsoft.KeyVault/vaults/delete',
      resourceId: vault.id,
      phases: [{ result: 'Start', gapMs: [4000, 9000] }, ok],
    }),
    ...activitySteps(ctx, {
      operation: 'Microsoft.KeyVault/locations/deletedVaults/purge/action',
      resourceId: `/subscriptions/${ctx.subscriptionId}/providers/Microsoft.KeyVault/locations/${ctx.location}/deletedVaults/${vault.name}`,
      phases: [
        { result: 'Start' },
        {
          result: 'Failure',
          statusCode: 'BadRequest',
          error: { code: 'InvalidOperation', message: "Operation 'DeletedVaultPurge' is not allowed." },
        },
      ],
    }),
  ];
};

export const azureStoragePlans: Readonly<Record<string, AzurePlan>> = {
  'azure.exfiltration.storage-public-access': publicAccess,
  'azure.exfiltration.storage-sas-export': sasExport,
  'azure.impact.blob-ransomware-client-encryption-scope': encryptionScope,
  'azure.impact.blob-ransomware-cpek': cpek,
  'azure.impact.blob-ransomware-individual-file-deletion': individualDeletion,
  'azure.impact.blob-ransomware-service-storage-cmk': serviceStorageCmk,
};
