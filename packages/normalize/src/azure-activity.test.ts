import type { SourceRecord } from '@vigil/decode';
import { type ApiActivity, validateEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeAzure } from './azure.ts';
import { activityFromOperation } from './azure-activity-id.ts';
import { azureEvents } from './azure-fixtures.test-helper.ts';

const SUB = '1b7a00bc-2b02-5a1e-a75f-4a47d835b109';
const TENANT = '5044e4c4-d42a-5b95-bfff-68c0f4e2f824';
const OID = '31aa75ba-a3d4-5f56-b75e-3f951363d375';
const VM = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
const OID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const UPN_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';

function diagnostic(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    time: '2026-03-02T09:15:41.9826317Z',
    resourceId: VM.toUpperCase(),
    operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE',
    category: 'Administrative',
    resultType: 'Success',
    resultSignature: 'Succeeded.OK',
    callerIpAddress: '203.0.113.10',
    correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    identity: { claims: { [OID_CLAIM]: OID, [UPN_CLAIM]: 'mallory.ops@contoso.example', appid: 'app-1' } },
    level: 'Informational',
    properties: { statusCode: 'OK', eventCategory: 'Administrative', entity: VM },
    ...overrides,
  };
}

function normalize(record: Record<string, unknown>, variant = 'activity') {
  const source: SourceRecord = {
    source: 'azure',
    variant,
    record,
    raw: JSON.stringify(record),
    location: { file: 'test' },
  };
  return normalizeAzure(source);
}

function event(record: Record<string, unknown>, variant = 'activity'): ApiActivity {
  const result = normalize(record, variant);
  if (!result.ok) throw new Error(result.reason);
  const valid = validateEvent(result.event);
  if (!valid.ok) throw new Error(valid.issues.join('; '));
  return result.event as ApiActivity;
}

describe('Activity activity_id from the operation verb', () => {
  it.each([
    ['Microsoft.Compute/virtualMachines/write', 3, 'Update'],
    ['MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE', 3, 'Update'],
    ['Microsoft.Authorization/roleAssignments/write', 1, 'Create'],
    ['MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE', 1, 'Create'],
    ['Microsoft.Authorization/roleDefinitions/write', 3, 'Update'],
    ['Microsoft.KeyVault/vaults/delete', 4, 'Delete'],
    ['Microsoft.Authorization/roleAssignments/delete', 4, 'Delete'],
    ['Microsoft.Resources/subscriptions/resourceGroups/read', 2, 'Read'],
    ['Microsoft.Storage/storageAccounts/listKeys/action', 99, 'Action'],
    ['Microsoft.Compute/virtualMachines/runCommand/action', 99, 'Action'],
    ['KeyDelete', 99, 'Other'],
    ['Microsoft.Compute/virtualMachines/', 99, 'Other'],
  ])('%s → %i %s', (operation, id, name) => {
    // Act
    const kind = activityFromOperation(operation);

    // Assess
    expect(kind).toEqual({ id, name });
  });
});

describe('Activity status', () => {
  it.each([
    ['Success', 1, 'Success'],
    ['Succeeded', 1, 'Success'],
    ['Failure', 2, 'Failure'],
    ['Failed', 2, 'Failure'],
    ['Start', 99, 'Start'],
    ['Started', 99, 'Started'],
    ['Accept', 99, 'Accept'],
    ['Accepted', 99, 'Accepted'],
  ])('resultType %s → status_id %i (%s)', (resultType, statusId, status) => {
    // Act
    const e = event(diagnostic({ resultType }));

    // Assess
    expect(e.status_id).toBe(statusId);
    expect(e.status).toBe(status);
  });

  it('reads the REST shape status object and keeps the sub-status as status_code', () => {
    // Act
    const e = event({
      eventDataId: 'e1',
      eventTimestamp: '2026-03-02T09:15:41Z',
      operationName: { value: 'Microsoft.Compute/virtualMachines/write', localizedValue: 'Create VM' },
      status: { value: 'Succeeded', localizedValue: 'Succeeded' },
      subStatus: { value: 'Created', localizedValue: 'Created (HTTP Status Code: 201)' },
      caller: 'jane.doe@contoso.example',
      resourceId: VM,
      httpRequest: { clientRequestId: 'req-1', clientIpAddress: '198.51.100.4', method: 'PUT' },
    });

    // Assess
    expect(e).toMatchObject({
      status_id: 1,
      status_code: 'Created',
      src_endpoint: { ip: '198.51.100.4' },
      http_request: { http_method: 'PUT', uid: 'req-1' },
      api: { operation: 'Microsoft.Compute/virtualMachines/write', service: { name: 'Microsoft.Compute' } },
      actor: { user: { name: 'jane.doe@contoso.example', type: 'User' } },
    });
  });

  it('reports a failed call with the error code and message of properties.statusMessage', () => {
    // Prepare
    const statusMessage = JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'no access' } });

    // Act
    const e = event(
      diagnostic({ resultType: 'Failure', properties: { statusCode: 'Forbidden', statusMessage } }),
    );

    // Assess
    expect(e.status_id).toBe(2);
    expect(e.api.response).toMatchObject({ error: 'AuthorizationFailed', error_message: 'no access' });
    expect(e.status_detail).toBe('no access');
  });
});

describe('Activity metadata.uid', () => {
  it.each([
    [{ eventDataId: 'event-data-id', id: '/subscriptions/x/events/y/ticks/1' }, 'event-data-id'],
    [{ id: '/subscriptions/x/events/y/ticks/1' }, '/subscriptions/x/events/y/ticks/1'],
    [{}, 'c0ffee00-0000-4000-8000-000000000001'],
  ])('prefers eventDataId, then id, then correlationId (%o)', (ids, uid) => {
    // Act
    const e = event(diagnostic(ids));

    // Assess
    expect(e.metadata.uid).toBe(uid);
    expect(e.metadata.correlation_uid).toBe('c0ffee00-0000-4000-8000-000000000001');
  });

  it('falls back to correlationId in diagnostic exports, so an operation Start and Success share it', () => {
    // Act
    const [start, success] = azureEvents('scenarios/azure-owner-assignment.json').map(({ event }) => event);

    // Assess
    expect(start!.metadata.uid).toBe(success!.metadata.uid);
    expect(start!.metadata.uid).toBe(start!.metadata.correlation_uid);
  });

  it('is a failure without any of the three ids', () => {
    // Act
    const result = normalize(diagnostic({ correlationId: undefined }));

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'Azure Activity record: expected eventDataId, id or correlationId, found none',
    });
  });
});

describe('Activity actor', () => {
  it('is a user from the UPN and object id claims, with the client app and MFA', () => {
    // Act
    const e = event(
      diagnostic({
        identity: {
          claims: {
            [OID_CLAIM]: OID,
            [UPN_CLAIM]: 'mallory.ops@contoso.example',
            name: 'Mallory Ops',
            'http://schemas.microsoft.com/identity/claims/tenantid': TENANT,
            'http://schemas.microsoft.com/claims/authnmethodsreferences': 'pwd,mfa',
            appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
          },
        },
      }),
    );

    // Assess
    expect(e.actor).toEqual({
      user: {
        uid: OID,
        name: 'mallory.ops@contoso.example',
        display_name: 'Mallory Ops',
        type: 'User',
        type_id: 1,
        account: { uid: TENANT, type: 'Azure AD Account', type_id: 6 },
      },
      app_uid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      session: { is_mfa: true },
    });
  });

  it.each([
    [{ idtyp: 'app', appid: 'app-1', [OID_CLAIM]: OID }, 'ServicePrincipal'],
    [
      { idtyp: 'app', appid: 'app-1', [OID_CLAIM]: OID, xms_mirid: '/subscriptions/s/…/id-x' },
      'ManagedIdentity',
    ],
    [{ appid: 'app-1', [OID_CLAIM]: OID }, 'ServicePrincipal'],
  ])('types app-only callers (%o) as %s, with the app id as uid_alt', (claims, type) => {
    // Act
    const e = event(diagnostic({ identity: { claims } }));

    // Assess
    expect(e.actor.user).toMatchObject({ uid: OID, type, type_id: 4, uid_alt: 'app-1' });
    expect(e.actor.user?.name).toBeUndefined();
  });

  it('takes a GUID caller without claims as a service principal object id', () => {
    // Act
    const e = event(diagnostic({ identity: undefined, caller: OID }));

    // Assess
    expect(e.actor.user).toMatchObject({ uid: OID, type: 'ServicePrincipal' });
  });

  it('attributes events without a caller to the resource provider, as actor and source service', () => {
    // Act
    const e = event(
      diagnostic({
        identity: undefined,
        callerIpAddress: undefined,
        operationName: 'MICROSOFT.SECURITY/LOCATIONS/ALERTS/ACTIVATE/ACTION',
        category: 'Security',
      }),
    );

    // Assess
    expect(e.actor).toEqual({ app_name: 'MICROSOFT.SECURITY' });
    expect(e.src_endpoint).toEqual({ svc_name: 'MICROSOFT.SECURITY' });
  });
});

describe('Activity resource, cloud and request data', () => {
  it('lists the resource with its type and puts the (lower-cased) subscription in cloud.account', () => {
    // Act
    const e = event(diagnostic());

    // Assess
    expect(e.resources).toEqual([
      { uid: VM.toUpperCase(), name: 'VM-WEB-01', type: 'MICROSOFT.COMPUTE/VIRTUALMACHINES' },
    ]);
    expect(e.cloud.account).toEqual({ uid: SUB, type: 'Azure Subscription', type_id: 13 });
    expect(e.api.service?.name).toBe('MICROSOFT.COMPUTE');
  });

  it('parses properties.requestbody and responseBody, keeping properties in unmapped', () => {
    // Prepare
    const properties = {
      requestbody: '{"Properties":{"RoleDefinitionId":"/providers/x/roleDefinitions/8e3a"}}',
      responseBody: '{"properties":{"roleDefinitionId":"/providers/x/roleDefinitions/8e3a"}}',
    };

    // Act
    const e = event(diagnostic({ properties }));

    // Assess
    expect(e.api.request?.data).toEqual({
      Properties: { RoleDefinitionId: '/providers/x/roleDefinitions/8e3a' },
    });
    expect(e.api.response?.data).toEqual({
      properties: { roleDefinitionId: '/providers/x/roleDefinitions/8e3a' },
    });
    expect(e.unmapped?.properties).toBe(properties);
  });

  it('keeps a request body that is not JSON as text, and uses properties when there is none', () => {
    // Act
    const broken = event(diagnostic({ properties: { requestbody: '{"Id": trunc' } }));
    const none = event(diagnostic({ properties: { entity: VM } }));

    // Assess
    expect(broken.api.request?.data).toBe('{"Id": trunc');
    expect(none.api.request?.data).toEqual({ entity: VM });
    expect(none.api.request?.uid).toBe('c0ffee00-0000-4000-8000-000000000001');
  });

  it('reads Log Analytics rows whose dynamic columns are JSON text or objects alike', () => {
    // Prepare
    const claims = { [OID_CLAIM]: OID, [UPN_CLAIM]: 'mallory.ops@contoso.example' };
    const properties = { requestbody: '{"a":1}', entity: VM };
    const row = {
      TimeGenerated: '2026-03-02T09:15:41.9826317Z',
      OperationNameValue: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE',
      ActivityStatusValue: 'Success',
      ActivitySubstatusValue: 'OK',
      CallerIpAddress: '203.0.113.10',
      CorrelationId: 'corr-1',
      EventDataId: 'edi-1',
      SubscriptionId: SUB,
      ResourceProviderValue: 'MICROSOFT.COMPUTE',
      _ResourceId: VM.toLowerCase(),
      CategoryValue: 'Administrative',
      Type: 'AzureActivity',
    };

    // Act
    const asObjects = event({ ...row, Claims_d: claims, Properties_d: properties }, 'activity-la');
    const asText = event(
      { ...row, Claims: JSON.stringify(claims), Properties: JSON.stringify(properties) },
      'activity-la',
    );

    // Assess
    expect({ ...asText, raw_data: undefined }).toEqual({ ...asObjects, raw_data: undefined });
    expect(asObjects).toMatchObject({
      metadata: { uid: 'edi-1' },
      actor: { user: { uid: OID, name: 'mallory.ops@contoso.example' } },
      api: { request: { data: { a: 1 } }, service: { name: 'MICROSOFT.COMPUTE' } },
      resources: [{ uid: VM.toLowerCase(), type: 'microsoft.compute/virtualmachines' }],
    });
  });
});

describe('the Owner role assignment scenario', () => {
  const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
  const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
  const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

  it('exposes the role definition of each assignment to rules, on Start and on Success', () => {
    // Act
    const events = azureEvents('scenarios/azure-owner-assignment.json').map(
      ({ event }) => event as ApiActivity,
    );
    const roles = events.map((e) => {
      const req = (e.api.request?.data as { Properties?: { RoleDefinitionId?: string } } | undefined)
        ?.Properties;
      const resp = (e.api.response?.data as { properties?: { roleDefinitionId?: string } } | undefined)
        ?.properties;
      return (req?.RoleDefinitionId ?? resp?.roleDefinitionId)?.split('/').pop();
    });

    // Assess
    expect(roles).toEqual([OWNER, OWNER, CONTRIBUTOR, CONTRIBUTOR, READER, READER]);
    expect(events.map((e) => [e.activity_id, e.status_id])).toEqual([
      [1, 99],
      [1, 1],
      [1, 99],
      [1, 1],
      [1, 99],
      [1, 1],
    ]);
    expect(events.map((e) => e.actor.user?.name)).toEqual([
      'mallory.ops@contoso.example',
      'mallory.ops@contoso.example',
      'mallory.ops@contoso.example',
      'mallory.ops@contoso.example',
      'jane.doe@contoso.example',
      'jane.doe@contoso.example',
    ]);
  });
});
