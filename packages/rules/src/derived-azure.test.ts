import { normalizeAzure } from '@vigil/normalize';
import type { OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import {
  AZURE_DERIVED,
  auditChanges,
  auditPreviousValues,
  federatedIssuers,
  grantedPermissions,
  nsgOpenAdminPorts,
  privilegedDirectoryRoles,
  requestSettings,
} from './derived-azure.ts';

const TENANT = '5044e4c4-d42a-5b95-bfff-68c0f4e2f824';
const NSG =
  '/subscriptions/1b7a00bc-2b02-5a1e-a75f-4a47d835b109/resourceGroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg-web';

function normalized(variant: string, record: Record<string, unknown>): OcsfEvent {
  const result = normalizeAzure({
    source: 'azure',
    variant,
    record,
    raw: JSON.stringify(record),
    location: { file: 'derived-azure.test.ts' },
  });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

/** An Activity log record as diagnostic settings export it, with optional request and response bodies. */
function activity(
  operation: string,
  resourceId: string,
  bodies: { request?: unknown; response?: unknown; resultType?: string } = {},
): OcsfEvent {
  const properties: Record<string, unknown> = { eventCategory: 'Administrative', entity: resourceId };
  if (bodies.request !== undefined) properties.requestbody = JSON.stringify(bodies.request);
  if (bodies.response !== undefined) properties.responseBody = JSON.stringify(bodies.response);
  return normalized('activity', {
    time: '2026-11-02T10:00:00.0000000Z',
    resourceId: resourceId.toUpperCase(),
    operationName: operation.toUpperCase(),
    category: 'Administrative',
    resultType: bodies.resultType ?? 'Start',
    callerIpAddress: '192.0.2.66',
    correlationId: 'a9fc147e-d41b-5281-ae1d-4fb8611523a5',
    identity: {
      claims: {
        'http://schemas.microsoft.com/identity/claims/objectidentifier':
          '31aa75ba-a3d4-5f56-b75e-3f951363d375',
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'mallory.ops@contoso.example',
      },
    },
    level: 'Informational',
    properties,
  });
}

type Change = [name: string, oldValue: string | null, newValue: string | null];
const target = (type: string, changes: Change[], extra: Record<string, unknown> = {}) => ({
  id: '88117075-4a92-5b91-860d-3054d644dd09',
  displayName: null,
  type,
  ...extra,
  modifiedProperties: changes.map(([displayName, oldValue, newValue]) => ({
    displayName,
    oldValue,
    newValue,
  })),
});

/** An Entra audit record as diagnostic settings export it. */
function audit(activityName: string, targets: unknown[]): OcsfEvent {
  return normalized('audit', {
    time: '2026-11-02T10:00:00.0000000Z',
    operationName: activityName,
    category: 'AuditLogs',
    tenantId: TENANT,
    correlationId: '579b300c-a1c3-5c2d-aa3d-b42d476f1c20',
    properties: {
      id: 'Directory_FE98E217_98682',
      category: 'ApplicationManagement',
      result: 'success',
      activityDisplayName: activityName,
      loggedByService: 'Core Directory',
      operationType: 'Update',
      initiatedBy: {
        user: {
          id: '31aa75ba-a3d4-5f56-b75e-3f951363d375',
          userPrincipalName: 'mallory.ops@contoso.example',
          ipAddress: '192.0.2.66',
        },
      },
      targetResources: targets,
    },
  });
}

const rule = (props: Record<string, unknown>) => ({
  properties: {
    priority: 100,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    ...props,
  },
});

describe('requestSettings', () => {
  it('flattens the request body into lower-cased paths, whatever the key casing', () => {
    // Prepare
    const event = activity('Microsoft.Storage/storageAccounts/write', `${NSG}x`, {
      request: {
        Properties: { AllowBlobPublicAccess: true, encryption: { keySource: 'Microsoft.Keyvault' } },
        tags: [{ a: 1 }],
      },
    });

    // Act
    const settings = requestSettings(event);

    // Assess
    expect(settings).toEqual([
      'properties.allowblobpublicaccess=true',
      'properties.encryption.keysource=Microsoft.Keyvault',
      'tags.a=1',
    ]);
  });

  it('reads nothing from a record without a request body (its own properties are not settings)', () => {
    // Prepare
    const event = activity('Microsoft.Storage/storageAccounts/write', `${NSG}x`, { resultType: 'Success' });

    // Act + Assess
    expect(requestSettings(event)).toEqual([]);
    expect(AZURE_DERIVED.azureRequestSettings!(event)).toBeUndefined();
  });
});

describe('nsgOpenAdminPorts', () => {
  it('finds admin ports a rule write allows from any source', () => {
    const event = activity(
      'Microsoft.Network/networkSecurityGroups/securityRules/write',
      `${NSG}/securityRules/a`,
      {
        request: rule({ destinationPortRange: '22', sourceAddressPrefix: '*' }),
      },
    );
    expect(nsgOpenAdminPorts(event)).toEqual([22]);
  });

  it('reads port ranges, port lists, the Internet tag and inline rules of an NSG write response', () => {
    // Prepare
    const response = {
      properties: {
        securityRules: [
          { name: 'web', ...rule({ destinationPortRange: '443', sourceAddressPrefix: 'Internet' }) },
          {
            name: 'mgmt',
            ...rule({ destinationPortRanges: ['3000-4000', '5985'], sourceAddressPrefixes: ['0.0.0.0/0'] }),
          },
          { name: 'any', ...rule({ protocol: '*', destinationPortRange: '*', sourceAddressPrefix: 'Any' }) },
        ],
      },
    };
    const event = activity('Microsoft.Network/networkSecurityGroups/write', NSG, {
      response,
      resultType: 'Accept',
    });

    // Act + Assess
    expect(nsgOpenAdminPorts(event)).toEqual([22, 23, 3389, 5900, 5985, 5986]);
  });

  it.each([
    ['a private source', { destinationPortRange: '22', sourceAddressPrefix: '10.0.0.0/8' }],
    ['a deny rule', { access: 'Deny', destinationPortRange: '22', sourceAddressPrefix: '*' }],
    ['an outbound rule', { direction: 'Outbound', destinationPortRange: '22', sourceAddressPrefix: '*' }],
    ['UDP', { protocol: 'Udp', destinationPortRange: '3389', sourceAddressPrefix: '*' }],
    ['a web port', { destinationPortRange: '443', sourceAddressPrefix: '*' }],
  ])('ignores %s', (_name, props) => {
    const event = activity(
      'Microsoft.Network/networkSecurityGroups/securityRules/write',
      `${NSG}/securityRules/a`,
      {
        request: rule(props),
      },
    );
    expect(AZURE_DERIVED.azureNsgOpenAdminPorts!(event)).toBeUndefined();
  });
});

describe('auditChanges and auditPreviousValues', () => {
  it('pair each modified property name with its new and old value, JSON string quoting removed', () => {
    // Prepare
    const event = audit('Consent to application', [
      target('ServicePrincipal', [
        ['ConsentContext.IsAdminConsent', null, '"True"'],
        ['Visibility', '[]', '["HiddenMembership"]'],
      ]),
    ]);

    // Act + Assess
    expect(auditChanges(event)).toEqual([
      'ConsentContext.IsAdminConsent=True',
      'Visibility=["HiddenMembership"]',
    ]);
    expect(auditPreviousValues(event)).toEqual(['Visibility=[]']);
  });

  it('read the targets of an Account Change event, kept in unmapped', () => {
    // Prepare
    const event = audit('Disable Strong Authentication', [
      target('User', [['StrongAuthenticationRequirement', '[{"State":1}]', '[]']], {
        userPrincipalName: 'jane.doe@contoso.example',
      }),
    ]);

    // Act + Assess
    expect(event.class_uid).toBe(3001);
    expect(auditChanges(event)).toEqual(['StrongAuthenticationRequirement=[]']);
  });
});

describe('grantedPermissions', () => {
  it('reads the scopes a consent adds, after the arrow', () => {
    const event = audit('Consent to application', [
      target('ServicePrincipal', [
        [
          'ConsentAction.Permissions',
          null,
          '"[[Id: a, Scope: User.Read]] => [[Id: a, ClientId: c, ConsentType: Principal, Scope:  Mail.Read Mail.Send offline_access, CreatedDateTime: ]]; "',
        ],
      ]),
    ]);
    expect(grantedPermissions(event)).toEqual(['Mail.Read', 'Mail.Send', 'offline_access']);
  });

  it('reads app role values and delegated grant scopes', () => {
    const event = audit('Add app role assignment to service principal', [
      target('ServicePrincipal', [
        ['AppRole.Value', null, '"RoleManagement.ReadWrite.Directory"'],
        ['DelegatedPermissionGrant.Scope', null, '" Files.Read.All User.Read"'],
      ]),
    ]);
    expect(grantedPermissions(event)).toEqual([
      'RoleManagement.ReadWrite.Directory',
      'Files.Read.All',
      'User.Read',
    ]);
  });
});

describe('federatedIssuers', () => {
  it('reads the issuer of a managed identity credential write', () => {
    const event = activity(
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
      '/subscriptions/1b7a00bc-2b02-5a1e-a75f-4a47d835b109/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi/federatedIdentityCredentials/f',
      { request: { properties: { issuer: 'https://evil.example/oidc', subject: 's' } } },
    );
    expect(federatedIssuers(event)).toEqual(['https://evil.example/oidc']);
  });

  it('reads only the issuers an application update adds', () => {
    // Prepare
    const github = { Name: 'gh', Issuer: 'https://token.actions.githubusercontent.com' };
    const rogue = { Name: 'x', Issuer: 'https://x.blob.core.windows.net/oidc' };
    const added = audit('Update application', [
      target('Application', [
        ['FederatedIdentityCredentials', JSON.stringify([github]), JSON.stringify([github, rogue])],
      ]),
    ]);
    const removed = audit('Update application', [
      target('Application', [['FederatedIdentityCredentials', JSON.stringify([github]), '[]']]),
    ]);

    // Act + Assess
    expect(federatedIssuers(added)).toEqual(['https://x.blob.core.windows.net/oidc']);
    expect(AZURE_DERIVED.azureFederatedIssuers!(removed)).toBeUndefined();
  });
});

describe('privilegedDirectoryRoles', () => {
  it('names the role of an Account Change role membership (the event policy)', () => {
    const event = audit('Add member to role', [
      target('User', [['Role.DisplayName', null, '"Global Administrator"']], {
        userPrincipalName: 'backdoor_outlook.example#EXT#@contoso.example',
      }),
    ]);
    expect(event.class_uid).toBe(3001);
    expect(privilegedDirectoryRoles(event)).toEqual(['Global Administrator']);
  });

  it('recognizes a role by template id on a scoped assignment and ignores unprivileged roles', () => {
    // Prepare
    const scoped = audit('Add scoped member to role', [
      target('User', [['Role.TemplateId', null, '"7be44c8a-adaf-4e2a-84d6-ab2649e08a13"']]),
    ]);
    const readers = audit('Add member to role', [
      target('ServicePrincipal', [['Role.DisplayName', null, '"Directory Readers"']]),
    ]);

    // Act + Assess
    expect(privilegedDirectoryRoles(scoped)).toEqual(['Privileged Authentication Administrator']);
    expect(AZURE_DERIVED.entraPrivilegedRole!(readers)).toBeUndefined();
  });
});
