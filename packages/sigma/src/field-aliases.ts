/**
 * Where Sigma field names live in each native shape. Keys are lower-cased Sigma names (a whole
 * field, or its first segment); values are native paths tried in order, `''` meaning "the rest
 * of the field at the record root". Fields not listed fall back per source (see `pathsFor`).
 */
type AliasTable = Readonly<Record<string, readonly string[]>>;

/** Azure Activity: diagnostic export and REST event (camelCase), Log Analytics AzureActivity (PascalCase). */
const AZURE_ACTIVITY: AliasTable = {
  operationname: ['operationName', 'OperationNameValue'],
  operationnamevalue: ['OperationNameValue', 'operationName'],
  resourceprovidervalue: ['ResourceProviderValue', 'resourceProviderName'],
  resourceprovidername: ['resourceProviderName', 'ResourceProviderValue'],
  status: ['ActivityStatusValue', 'status', 'resultType'],
  activitystatusvalue: ['ActivityStatusValue', 'status', 'resultType'],
  substatus: ['ActivitySubstatusValue', 'subStatus', 'resultSignature'],
  activitysubstatusvalue: ['ActivitySubstatusValue', 'subStatus', 'resultSignature'],
  category: ['CategoryValue', 'category'],
  categoryvalue: ['CategoryValue', 'category'],
  caller: ['Caller', 'caller'],
  calleripaddress: ['CallerIpAddress', 'callerIpAddress', 'httpRequest.clientIpAddress'],
  resourceid: ['ResourceId', 'resourceId'],
  properties: ['Properties_d', 'properties', 'Properties'],
  authorization: ['Authorization_d', 'identity.authorization', 'authorization'],
  claims: ['Claims_d', 'identity.claims', 'claims'],
};

/** Entra sign-ins: diagnostic export (fields under `properties`), Log Analytics SigninLogs rows. */
const AZURE_SIGNIN: AliasTable = {
  resulttype: ['ResultType', 'resultType', 'properties.status.errorCode'],
  resultdescription: ['ResultDescription', 'resultDescription', 'properties.status.failureReason'],
  clientapp: ['ClientAppUsed', 'properties.clientAppUsed'],
  clientappused: ['ClientAppUsed', 'properties.clientAppUsed'],
  username: ['UserPrincipalName', 'properties.userPrincipalName'],
  userprincipalname: ['UserPrincipalName', 'properties.userPrincipalName'],
  ipaddress: ['IPAddress', 'properties.ipAddress', 'callerIpAddress'],
  status: ['Status', 'properties.status'],
  locationdetails: ['LocationDetails', 'properties.location'],
  properties: ['properties', ''],
};

/** Entra audit: diagnostic export (fields under `properties`), Log Analytics AuditLogs rows. */
const AZURE_AUDIT: AliasTable = {
  operationname: ['OperationName', 'operationName', 'properties.activityDisplayName'],
  activitydisplayname: ['ActivityDisplayName', 'properties.activityDisplayName', 'operationName'],
  // SigmaHQ audit rules name the activity `properties.message`.
  'properties.message': ['ActivityDisplayName', 'properties.activityDisplayName', 'operationName'],
  category: ['Category', 'properties.category'],
  result: ['Result', 'properties.result'],
  resultreason: ['ResultReason', 'properties.resultReason'],
  operationtype: ['AADOperationType', 'properties.operationType'],
  aadoperationtype: ['AADOperationType', 'properties.operationType'],
  properties: ['properties', ''],
};

/** Elastic's `gcp.audit.*` names that are not a plain snake_case copy of the LogEntry path. */
const GCP: AliasTable = {
  'gcp.audit.principal_email': ['protoPayload.authenticationInfo.principalEmail'],
  'gcp.audit.caller_ip': ['protoPayload.requestMetadata.callerIp'],
  'gcp.audit.user_agent': ['protoPayload.requestMetadata.callerSuppliedUserAgent'],
  'gcp.audit.type': ['protoPayload.@type'],
};

function aliased(table: AliasTable, field: string): string[] | undefined {
  const lower = field.toLowerCase();
  const whole = table[lower];
  if (whole) return [...whole];
  const dot = field.indexOf('.');
  if (dot <= 0) return undefined;
  const head = table[lower.slice(0, dot)];
  const rest = field.slice(dot);
  return head?.map((prefix) => (prefix ? prefix + rest : rest.slice(1)));
}

function gcpPaths(field: string): string[] {
  const alias = aliased(GCP, field);
  if (alias) return alias;
  // `gcp.audit.method_name` → `protoPayload.method_name`, found as `methodName` by the loose lookup.
  if (/^gcp\.audit\./i.test(field)) return [`protoPayload.${field.slice('gcp.audit.'.length)}`];
  // Datadog wraps the LogEntry in `data`; some rules also put LogEntry fields under protoPayload.
  if (/^data\.protopayload\./i.test(field)) {
    const rest = field.slice('data.protoPayload.'.length);
    return [`protoPayload.${rest}`, rest];
  }
  if (/^data\./i.test(field)) return [field.slice('data.'.length)];
  return [field, `protoPayload.${field}`];
}

export type SourceKind = 'aws' | 'azure-activity' | 'azure-signin' | 'azure-audit' | 'gcp';

const AZURE_TABLES: Readonly<Record<string, AliasTable>> = {
  'azure-activity': AZURE_ACTIVITY,
  'azure-signin': AZURE_SIGNIN,
  'azure-audit': AZURE_AUDIT,
};

/** Native paths to try, in order, for a Sigma field of a rule on `source`. */
export function pathsFor(source: SourceKind, field: string): string[] {
  if (source === 'aws') return [field];
  if (source === 'gcp') return gcpPaths(field);
  return aliased(AZURE_TABLES[source]!, field) ?? [field, `properties.${field}`];
}
