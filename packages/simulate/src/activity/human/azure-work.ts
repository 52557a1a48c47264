import { auditRecord } from '../../formats/azure-audit.ts';
import { userClaims } from '../../formats/azure-claims.ts';
import { type AzureResource, BUILTIN_ROLES, MS_APPS, MS_RESOURCES } from '../../org/azure.ts';
import { staff } from '../../org/organisation.ts';
import { MINUTE, SECOND } from '../../time.ts';
import { type ArmCaller, type ArmOperation, armOperation } from '../azure-arm.ts';
import type { HumanContext } from './context.ts';
import { entraSignIn } from './entra.ts';
import type { WorkSession } from './plan.ts';

function caller(ctx: HumanContext, appId: string, time: number): ArmCaller {
  const { human, day } = ctx;
  return {
    claims: userClaims(
      day.rng,
      day.org.azure.tenantId,
      { objectId: human.entraId, upn: human.upn, given: human.given, family: human.family },
      appId,
      ctx.plan.where.ip,
      time - day.rng.int(5, 50) * MINUTE,
    ),
    ip: ctx.plan.where.ip,
    principalId: human.entraId,
    principalType: 'User',
    principal: human.entraId,
  };
}

/** Resources of a type, in the development subscription only unless `prodToo`. */
function resources(ctx: HumanContext, type: string, prodToo: boolean): AzureResource[] {
  const subs = ctx.day.org.azure.subscriptions.filter((s) => prodToo || s.name !== 'kestrel-prod');
  return subs.flatMap((s) => s.resources.filter((r) => r.type === type));
}

type OperationMaker = (ctx: HumanContext) => ArmOperation | undefined;

const appSettings: OperationMaker = (ctx) => {
  const sites = resources(ctx, 'Microsoft.Web/sites', ctx.human.role === 'admin');
  if (sites.length === 0) return undefined;
  return {
    resource: ctx.day.rng.pick(sites),
    operation: 'Microsoft.Web/sites/config/write',
    path: 'config/appsettings',
    role: 'Website Contributor',
    async: false,
  };
};

const restartSite: OperationMaker = (ctx) => {
  const sites = resources(ctx, 'Microsoft.Web/sites', ctx.human.role === 'admin');
  if (sites.length === 0) return undefined;
  return {
    resource: ctx.day.rng.pick(sites),
    operation: 'Microsoft.Web/sites/restart/action',
    role: 'Website Contributor',
    async: false,
  };
};

const vmPower: OperationMaker = (ctx) => {
  const vms = resources(ctx, 'Microsoft.Compute/virtualMachines', ctx.human.role === 'admin');
  if (vms.length === 0) return undefined;
  const start = ctx.day.rng.chance(0.5);
  return {
    resource: ctx.day.rng.pick(vms),
    operation: start
      ? 'Microsoft.Compute/virtualMachines/start/action'
      : 'Microsoft.Compute/virtualMachines/deallocate/action',
    role: 'Virtual Machine Contributor',
    async: true,
    audited: true,
  };
};

const nsgRule: OperationMaker = (ctx) => {
  const { rng } = ctx.day;
  const nsg = rng.pick(resources(ctx, 'Microsoft.Network/networkSecurityGroups', true));
  const gateway = rng.chance(0.3);
  const port = gateway ? '443' : rng.pick(['5432', '1433', '8080', '6379']);
  return {
    resource: nsg,
    operation: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
    path: `securityRules/${gateway ? 'allow-https-appgw' : `allow-${port}-app-subnet`}`,
    role: 'Network Contributor',
    async: false,
    requestbody: {
      properties: {
        protocol: 'Tcp',
        sourcePortRange: '*',
        destinationPortRange: port,
        sourceAddressPrefix: gateway ? 'Internet' : `10.40.${rng.int(1, 4)}.0/24`,
        destinationAddressPrefix: gateway ? '10.40.0.0/24' : `10.40.${rng.int(5, 8)}.0/24`,
        access: 'Allow',
        priority: rng.int(20, 40) * 10,
        direction: 'Inbound',
      },
    },
  };
};

const storageSettings: OperationMaker = (ctx) => ({
  resource: ctx.day.rng.pick(resources(ctx, 'Microsoft.Storage/storageAccounts', true)),
  operation: 'Microsoft.Storage/storageAccounts/write',
  role: 'Contributor',
  async: false,
  audited: true,
  requestbody: {
    properties: { allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true },
  },
});

const vaultSecret: OperationMaker = (ctx) => {
  const { rng } = ctx.day;
  return {
    resource: rng.pick(resources(ctx, 'Microsoft.KeyVault/vaults', true)),
    operation: 'Microsoft.KeyVault/vaults/secrets/write',
    path: `secrets/${rng.pick(['sql-connection', 'smtp-password', 'partner-api-key'])}`,
    role: 'Contributor',
    async: false,
  };
};

/** A read-only or narrowly scoped built-in role for a colleague or a workload. */
const roleAssignment: OperationMaker = (ctx) => {
  const { rng, org } = ctx.day;
  const sub = rng.pick(org.azure.subscriptions);
  const target = rng.pick(sub.resources);
  const group: AzureResource = {
    id: `/subscriptions/${sub.id}/resourceGroups/${target.resourceGroup}`,
    name: target.resourceGroup,
    type: 'Microsoft.Resources/resourceGroups',
    resourceGroup: target.resourceGroup,
    location: target.location,
  };
  const [roleName, roleId] = rng.pick(Object.entries(BUILTIN_ROLES));
  const assignee = rng.chance(0.7)
    ? { id: rng.pick(staff(org)).entraId, type: 'User' }
    : { id: rng.pick(org.azure.identities).objectId, type: 'ServicePrincipal' };
  const id = rng.uuid();
  return {
    resource: group,
    operation: 'Microsoft.Authorization/roleAssignments/write',
    path: `providers/Microsoft.Authorization/roleAssignments/${id}`,
    role: 'User Access Administrator',
    async: false,
    requestbody: {
      Id: id,
      Properties: {
        PrincipalId: assignee.id,
        PrincipalType: assignee.type,
        RoleDefinitionId: `/subscriptions/${sub.id}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
        Scope: group.id,
        Condition: null,
        ConditionVersion: null,
        Description: `${roleName} for ${target.resourceGroup}`,
      },
    },
  };
};

const ADMIN_OPERATIONS: readonly (readonly [OperationMaker, number])[] = [
  [appSettings, 3],
  [restartSite, 2],
  [vmPower, 2],
  [nsgRule, 1.5],
  [storageSettings, 1],
  [vaultSecret, 1.5],
  [roleAssignment, 0.8],
];
const ENGINEER_OPERATIONS: readonly (readonly [OperationMaker, number])[] = [
  [appSettings, 3],
  [restartSite, 2],
  [vmPower, 2],
];

/** Directory chores: group membership and app registration updates. */
function directoryChange(ctx: HumanContext, time: number): void {
  const { rng, org } = ctx.day;
  const tenantId = org.azure.tenantId;
  const initiatedBy = { user: { id: ctx.human.entraId, upn: ctx.human.upn, ip: ctx.plan.where.ip } };
  const kind = rng.weighted([
    ['group', 3],
    ['app', 1],
    ['assignment', 1],
  ] as const);
  const member = rng.pick(staff(org));
  const group = rng.pick(org.azure.groups);
  const app = rng.pick(org.azure.apps);
  const userTarget = {
    id: member.entraId,
    displayName: null,
    type: 'User' as const,
    userPrincipalName: member.upn,
  };
  const event =
    kind === 'group'
      ? {
          activity: 'Add member to group',
          category: 'GroupManagement' as const,
          operationType: 'Assign' as const,
          targets: [
            {
              ...userTarget,
              modifiedProperties: [
                { displayName: 'Group.ObjectID', oldValue: null, newValue: `"${group.id}"` },
                { displayName: 'Group.DisplayName', oldValue: null, newValue: `"${group.name}"` },
              ],
            },
            { id: group.id, displayName: group.name, type: 'Group' as const },
          ],
        }
      : kind === 'app'
        ? {
            activity: 'Update application',
            category: 'ApplicationManagement' as const,
            operationType: 'Update' as const,
            targets: [
              {
                id: app.objectId,
                displayName: app.name,
                type: 'Application' as const,
                modifiedProperties: [
                  {
                    displayName: 'AppAddress',
                    oldValue: `[{"AddressType":0,"Address":"https://${app.name.toLowerCase().replaceAll(' ', '-')}.kestrel.example/signin-oidc"}]`,
                    newValue: `[{"AddressType":0,"Address":"https://${app.name.toLowerCase().replaceAll(' ', '-')}.kestrel.example/signin-oidc"},{"AddressType":0,"Address":"https://${app.name.toLowerCase().replaceAll(' ', '-')}-staging.kestrel.example/signin-oidc"}]`,
                  },
                  { displayName: 'Included Updated Properties', oldValue: null, newValue: '"AppAddress"' },
                ],
              },
            ],
          }
        : {
            activity: 'Add app role assignment grant to user',
            category: 'ApplicationManagement' as const,
            operationType: 'Assign' as const,
            targets: [
              { id: app.objectId, displayName: app.name, type: 'ServicePrincipal' as const },
              userTarget,
            ],
          };
  ctx.day.emit(
    'azure',
    time,
    ctx.human.entraId,
    auditRecord(rng, time, {
      tenantId,
      service: 'Core Directory',
      initiatedBy,
      correlationId: rng.uuid(),
      ...event,
    }),
  );
}

function work(ctx: HumanContext, session: WorkSession, app: { id: string }, start: number): void {
  const { rng } = ctx.day;
  const admin = ctx.human.role === 'admin';
  const operations = admin ? ADMIN_OPERATIONS : ctx.human.role === 'engineer' ? ENGINEER_OPERATIONS : [];
  let t = start;
  while (t < session.end) {
    t += Math.round(rng.exponential(5) * MINUTE) + 30 * SECOND;
    if (operations.length > 0 && rng.chance(admin ? 0.3 : 0.15)) {
      const op = rng.weighted(operations)(ctx);
      if (op !== undefined) t = armOperation(ctx.day, t, caller(ctx, app.id, t), op);
    }
    if (admin && rng.chance(0.06)) directoryChange(ctx, t + rng.int(5, 60) * SECOND);
  }
}

/** The portal: reads leave no Activity log, changes leave Start and Success records. */
export function azurePortal(ctx: HumanContext, session: WorkSession): void {
  const t = entraSignIn(ctx, session.start, MS_APPS.azurePortal, MS_RESOURCES.management);
  work(ctx, session, MS_APPS.azurePortal, t);
}

export function azureCli(ctx: HumanContext, session: WorkSession): void {
  const t = entraSignIn(ctx, session.start, MS_APPS.azureCli, MS_RESOURCES.management);
  work(ctx, session, MS_APPS.azureCli, t);
}
