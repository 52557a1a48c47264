import type { Random } from '../random.ts';

/**
 * Well-known application ids Microsoft publishes for its first-party apps and resources
 * ("Application IDs of commonly used Microsoft applications"), as sign-in logs name them.
 */
export const MS_APPS = {
  azurePortal: { id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', name: 'Azure Portal' },
  azureCli: { id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', name: 'Microsoft Azure CLI' },
  teams: { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams' },
  officeHome: { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome' },
  outlook: { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
  office: { id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', name: 'Microsoft Office' },
} as const;

export const MS_RESOURCES = {
  graph: { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' },
  management: { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Windows Azure Service Management API' },
  keyVault: { id: 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093', name: 'Azure Key Vault' },
  storage: { id: 'e406a681-f3d4-42a8-90b6-c2b029497af1', name: 'Azure Storage' },
  exchange: { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
} as const;

/** Built-in role definition ids (the same in every tenant). */
export const BUILTIN_ROLES = {
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Monitoring Reader': '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Website Contributor': 'de139f84-1756-47ae-9be6-808fbbe84772',
} as const;

export interface AzureResource {
  /** Canonical ARM id, as the REST API prints it. */
  id: string;
  name: string;
  /** `Microsoft.Web/sites` */
  type: string;
  resourceGroup: string;
  location: string;
}

export interface AzureSubscription {
  id: string;
  name: string;
  resources: readonly AzureResource[];
}

export interface AzurePrincipal {
  name: string;
  objectId: string;
  appId: string;
}

export interface ManagedIdentity extends AzurePrincipal {
  /** The resource the identity belongs to (system-assigned) or the identity resource itself. */
  resourceId: string;
  kind: 'systemAssigned' | 'userAssigned';
  /** Resources it asks tokens for. */
  audiences: readonly (typeof MS_RESOURCES)[keyof typeof MS_RESOURCES][];
}

export interface AzureTenant {
  tenantId: string;
  domain: string;
  subscriptions: readonly AzureSubscription[];
  pipeline: AzurePrincipal;
  provisioning: AzurePrincipal;
  identities: readonly ManagedIdentity[];
  groups: readonly { id: string; name: string }[];
  apps: readonly AzurePrincipal[];
}

function resource(
  subscription: string,
  group: string,
  type: string,
  name: string,
  location: string,
): AzureResource {
  return {
    id: `/subscriptions/${subscription}/resourceGroups/${group}/providers/${type}/${name}`,
    name,
    type,
    resourceGroup: group,
    location,
  };
}

export function buildAzureTenant(rng: Random): AzureTenant {
  const prodId = rng.uuid();
  const devId = rng.uuid();
  const r = (sub: string, group: string, type: string, name: string, location = 'eastus') =>
    resource(sub, group, type, name, location);
  const prod: AzureSubscription = {
    id: prodId,
    name: 'kestrel-prod',
    resources: [
      r(prodId, 'rg-portal-prod', 'Microsoft.Web/sites', 'kestrel-portal-prod'),
      r(prodId, 'rg-portal-prod', 'Microsoft.Web/serverfarms', 'asp-portal-prod'),
      r(prodId, 'rg-portal-prod', 'Microsoft.KeyVault/vaults', 'kv-portal-prod'),
      r(prodId, 'rg-portal-prod', 'Microsoft.Storage/storageAccounts', 'stkestrelportalprod'),
      r(prodId, 'rg-data-prod', 'Microsoft.Web/sites', 'func-ingest-prod'),
      r(prodId, 'rg-data-prod', 'Microsoft.Storage/storageAccounts', 'stkestreldataprod'),
      r(prodId, 'rg-data-prod', 'Microsoft.Sql/servers', 'sql-kestrel-prod'),
      r(prodId, 'rg-network-prod', 'Microsoft.Network/networkSecurityGroups', 'nsg-app-prod'),
      r(prodId, 'rg-network-prod', 'Microsoft.Network/applicationGateways', 'agw-portal-prod'),
      r(prodId, 'rg-ops-prod', 'Microsoft.Compute/virtualMachines', 'vm-build-agent-01'),
      r(prodId, 'rg-ops-prod', 'Microsoft.Automation/automationAccounts', 'aa-ops-prod'),
    ],
  };
  const dev: AzureSubscription = {
    id: devId,
    name: 'kestrel-dev',
    resources: [
      r(devId, 'rg-portal-dev', 'Microsoft.Web/sites', 'kestrel-portal-dev', 'westeurope'),
      r(devId, 'rg-portal-dev', 'Microsoft.KeyVault/vaults', 'kv-portal-dev', 'westeurope'),
      r(devId, 'rg-portal-dev', 'Microsoft.Storage/storageAccounts', 'stkestrelportaldev', 'westeurope'),
      r(devId, 'rg-devboxes', 'Microsoft.Compute/virtualMachines', 'vm-dev-win-01', 'westeurope'),
      r(devId, 'rg-devboxes', 'Microsoft.Compute/virtualMachines', 'vm-dev-win-02', 'westeurope'),
      r(devId, 'rg-network-dev', 'Microsoft.Network/networkSecurityGroups', 'nsg-app-dev', 'westeurope'),
    ],
  };
  const principal = (name: string): AzurePrincipal => ({ name, objectId: rng.uuid(), appId: rng.uuid() });
  const find = (sub: AzureSubscription, name: string) => sub.resources.find((x) => x.name === name)!;
  const identity = (
    name: string,
    resourceId: string,
    kind: ManagedIdentity['kind'],
    audiences: ManagedIdentity['audiences'],
  ): ManagedIdentity => ({ ...principal(name), resourceId, kind, audiences });
  return {
    tenantId: rng.uuid(),
    domain: 'kestrel.example',
    subscriptions: [prod, dev],
    pipeline: principal('github-deploy-azure'),
    provisioning: principal('HR to Entra ID User Provisioning'),
    identities: [
      identity('kestrel-portal-prod', find(prod, 'kestrel-portal-prod').id, 'systemAssigned', [
        MS_RESOURCES.keyVault,
        MS_RESOURCES.storage,
      ]),
      identity('func-ingest-prod', find(prod, 'func-ingest-prod').id, 'systemAssigned', [
        MS_RESOURCES.keyVault,
        MS_RESOURCES.storage,
      ]),
      identity(
        'id-ops-automation',
        `/subscriptions/${prodId}/resourceGroups/rg-ops-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ops-automation`,
        'userAssigned',
        [MS_RESOURCES.management],
      ),
      identity('kestrel-portal-dev', find(dev, 'kestrel-portal-dev').id, 'systemAssigned', [
        MS_RESOURCES.keyVault,
      ]),
    ],
    groups: [
      'sg-engineering',
      'sg-platform-admins',
      'sg-data-analysts',
      'sg-security',
      'sg-portal-contributors',
      'sg-all-staff',
    ].map((name) => ({ id: rng.uuid(), name })),
    apps: [principal('Kestrel Customer Portal'), principal('Grafana SSO'), principal('Internal Wiki')],
  };
}
