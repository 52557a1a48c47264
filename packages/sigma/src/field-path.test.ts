import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pathsFor, type SourceKind } from './field-aliases.ts';
import { compileFieldResolver, someValue, valuesOf } from './field-path.ts';

const scenario = JSON.parse(
  readFileSync(new URL('../../../events/scenarios/aws-sg-open-admin-port.json', import.meta.url), 'utf8'),
) as { Records: Record<string, unknown>[] };
const openSsh = scenario.Records[0]!;
const internalSsh = scenario.Records[3]!;

function resolve(source: SourceKind, field: string, record: unknown): unknown[] {
  return valuesOf(record, compileFieldResolver(field, pathsFor(source, field)));
}

describe('field resolution on CloudTrail records', () => {
  it('steps over arrays: a path matches when any element matches', () => {
    // Prepare
    const resolver = compileFieldResolver('cidr', [
      'requestParameters.ipPermissions.items.ipRanges.items.cidrIp',
    ]);
    // Act
    const open = someValue(openSsh, resolver, (v) => v === '0.0.0.0/0');
    const internal = someValue(internalSsh, resolver, (v) => v === '0.0.0.0/0');
    // Assess
    expect([open, internal]).toEqual([true, false]);
  });

  it('says a field is missing (undefined) rather than not matching', () => {
    // Prepare
    const resolver = compileFieldResolver('x', ['requestParameters.userData']);
    // Act
    const result = someValue(openSsh, resolver, () => true);
    // Assess
    expect(result).toBeUndefined();
  });

  it('stops at null parents without failing', () => {
    // Prepare
    const record = { requestParameters: null };
    // Act
    const values = resolve('aws', 'requestParameters.bucketName', record);
    // Assess
    expect(values).toEqual([]);
  });

  it('flattens a terminal array into its elements', () => {
    // Prepare
    const record = {
      responseElements: { securityGroupRuleSet: { items: [{ fromPort: 22 }, { fromPort: 3389 }] } },
    };
    // Act
    const values = resolve('aws', 'responseElements.securityGroupRuleSet.items.fromPort', record);
    // Assess
    expect(values).toEqual([22, 3389]);
  });

  it('falls back to a case-insensitive key only when no exact key exists', () => {
    // Prepare
    const loose = { EventName: 'StopLogging' };
    const both = { eventName: 'exact', EVENTNAME: 'loose' };
    // Act
    const fromLoose = resolve('aws', 'eventName', loose);
    const fromBoth = resolve('aws', 'eventName', both);
    // Assess
    expect([fromLoose, fromBoth]).toEqual([['StopLogging'], ['exact']]);
  });

  it('reads keys that contain dots', () => {
    // Prepare
    const record = { claims: { 'http://schemas.microsoft.com/identity/claims/scope': 'user_impersonation' } };
    // Act
    const values = resolve('aws', 'claims.http://schemas.microsoft.com/identity/claims/scope', record);
    // Assess
    expect(values).toEqual(['user_impersonation']);
  });

  it('parses JSON text it has to step into, as Log Analytics returns dynamic columns', () => {
    // Prepare
    const record = { Properties: '{"message":"Microsoft.KeyVault/vaults/delete"}', Text: '{not json' };
    // Act
    const inside = resolve('aws', 'Properties.message', record);
    const broken = resolve('aws', 'Text.x', record);
    const whole = resolve('aws', 'Properties', record);
    // Assess
    expect([inside, broken, whole]).toEqual([
      ['Microsoft.KeyVault/vaults/delete'],
      [],
      ['{"message":"Microsoft.KeyVault/vaults/delete"}'],
    ]);
  });
});

const activityDiagnostic = {
  operationName: 'MICROSOFT.KEYVAULT/VAULTS/DELETE',
  resultType: 'Success',
  callerIpAddress: '192.0.2.66',
  properties: { message: 'Microsoft.KeyVault/vaults/delete' },
};
const activityRow = {
  OperationNameValue: 'MICROSOFT.KEYVAULT/VAULTS/DELETE',
  OperationName: 'Delete Key Vault',
  ActivityStatusValue: 'Success',
  CallerIpAddress: '192.0.2.66',
  Properties_d: { message: 'Microsoft.KeyVault/vaults/delete' },
};
const activityRest = {
  operationName: { value: 'Microsoft.KeyVault/vaults/delete', localizedValue: 'Delete Key Vault' },
  status: { value: 'Succeeded', localizedValue: 'Succeeded' },
  httpRequest: { clientIpAddress: '192.0.2.66' },
};
const signinDiagnostic = {
  resultType: '0',
  properties: {
    userPrincipalName: 'mallory@contoso.example',
    clientAppUsed: 'IMAP4',
    authenticationRequirement: 'singleFactorAuthentication',
    deviceDetail: { trustType: '' },
  },
};
const signinRow = {
  ResultType: '0',
  UserPrincipalName: 'mallory@contoso.example',
  ClientAppUsed: 'IMAP4',
  AuthenticationRequirement: 'singleFactorAuthentication',
  DeviceDetail: '{"trustType":""}',
};
const auditDiagnostic = {
  operationName: 'Consent to application',
  category: 'AuditLogs',
  properties: {
    category: 'ApplicationManagement',
    activityDisplayName: 'Consent to application',
    result: 'success',
  },
};
const auditRow = {
  OperationName: 'Consent to application',
  ActivityDisplayName: 'Consent to application',
  Category: 'ApplicationManagement',
  Result: 'success',
};

describe('Azure fields resolve on both the diagnostic-export and the Log Analytics shapes', () => {
  it.each([
    ['azure-activity', 'operationName', activityDiagnostic, 'MICROSOFT.KEYVAULT/VAULTS/DELETE'],
    ['azure-activity', 'operationName', activityRow, 'MICROSOFT.KEYVAULT/VAULTS/DELETE'],
    ['azure-activity', 'operationName', activityRest, activityRest.operationName],
    ['azure-activity', 'OperationNameValue', activityDiagnostic, 'MICROSOFT.KEYVAULT/VAULTS/DELETE'],
    ['azure-activity', 'Status', activityDiagnostic, 'Success'],
    ['azure-activity', 'Status', activityRow, 'Success'],
    ['azure-activity', 'Status', activityRest, activityRest.status],
    ['azure-activity', 'CallerIpAddress', activityRest, '192.0.2.66'],
    ['azure-activity', 'properties.message', activityRow, 'Microsoft.KeyVault/vaults/delete'],
    ['azure-activity', 'Properties.message', activityDiagnostic, 'Microsoft.KeyVault/vaults/delete'],
    ['azure-signin', 'ResultType', signinDiagnostic, '0'],
    ['azure-signin', 'ResultType', signinRow, '0'],
    ['azure-signin', 'ClientApp', signinDiagnostic, 'IMAP4'],
    ['azure-signin', 'ClientAppUsed', signinRow, 'IMAP4'],
    ['azure-signin', 'Username', signinDiagnostic, 'mallory@contoso.example'],
    ['azure-signin', 'AuthenticationRequirement', signinDiagnostic, 'singleFactorAuthentication'],
    ['azure-signin', 'DeviceDetail.trusttype', signinDiagnostic, ''],
    ['azure-signin', 'DeviceDetail.trusttype', signinRow, ''],
    ['azure-audit', 'Category', auditDiagnostic, 'ApplicationManagement'],
    ['azure-audit', 'Category', auditRow, 'ApplicationManagement'],
    ['azure-audit', 'ActivityDisplayName', auditDiagnostic, 'Consent to application'],
    ['azure-audit', 'properties.message', auditRow, 'Consent to application'],
    ['azure-audit', 'properties.result', auditRow, 'success'],
    ['azure-audit', 'Result', auditDiagnostic, 'success'],
  ] as const)('%s %s', (source, field, record, expected) => {
    // Act
    const values = resolve(source, field, record);
    // Assess
    expect(values[0]).toEqual(expected);
  });
});

const logEntry = {
  logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
  resource: { type: 'k8s_cluster' },
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    methodName: 'google.iam.admin.v1.CreateServiceAccountKey',
    serviceName: 'iam.googleapis.com',
    resourceName: 'projects/-/serviceAccounts/1056',
    authenticationInfo: { principalEmail: 'alice@contoso.example' },
    authorizationInfo: [{ permission: 'iam.serviceAccountKeys.create', granted: true }],
    requestMetadata: { callerIp: '203.0.113.10' },
    request: { sourceRanges: ['0.0.0.0/0'], private_key_type: 2 },
  },
};

describe('GCP fields resolve from the gcp.audit taxonomy and Datadog-style names', () => {
  it.each([
    ['gcp.audit.method_name', 'google.iam.admin.v1.CreateServiceAccountKey'],
    ['gcp.audit.service_name', 'iam.googleapis.com'],
    ['gcp.audit.resource_name', 'projects/-/serviceAccounts/1056'],
    ['gcp.audit.principal_email', 'alice@contoso.example'],
    ['gcp.audit.authentication_info.principal_email', 'alice@contoso.example'],
    ['gcp.audit.authorization_info.permission', 'iam.serviceAccountKeys.create'],
    ['gcp.audit.request_metadata.caller_ip', '203.0.113.10'],
    ['gcp.audit.request.source_ranges', '0.0.0.0/0'],
    ['gcp.audit.request.private_key_type', 2],
    ['data.protoPayload.methodName', 'google.iam.admin.v1.CreateServiceAccountKey'],
    ['data.protoPayload.resource.type', 'k8s_cluster'],
    ['data.logName', 'projects/p/logs/cloudaudit.googleapis.com%2Factivity'],
    ['protoPayload.serviceName', 'iam.googleapis.com'],
    ['methodName', 'google.iam.admin.v1.CreateServiceAccountKey'],
  ])('%s', (field, expected) => {
    // Act
    const values = resolve('gcp', field, logEntry);
    // Assess
    expect(values[0]).toEqual(expected);
  });
});
