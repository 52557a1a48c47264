import { asInteger, dynamicArray, dynamicRecord, parseEmbeddedJson } from './azure-fields.ts';
import { asRecord, asString, firstString } from './common.ts';

/** One Entra sign-in, from a diagnostic export record or a Log Analytics row. */
export interface SignInView {
  id: string | undefined;
  time: unknown;
  operation: string | undefined;
  category: string | undefined;
  tenantId: string | undefined;
  correlationId: string | undefined;
  userId: string | undefined;
  userPrincipalName: string | undefined;
  userDisplayName: string | undefined;
  userType: string | undefined;
  servicePrincipalId: string | undefined;
  servicePrincipalName: string | undefined;
  appId: string | undefined;
  appDisplayName: string | undefined;
  ipAddress: string | undefined;
  errorCode: number | undefined;
  failureReason: string | undefined;
  userAgent: string | undefined;
  sessionId: string | undefined;
  autonomousSystemNumber: number | undefined;
  location: Record<string, unknown> | undefined;
  mfaDetail: Record<string, unknown> | undefined;
  deviceDetail: Record<string, unknown> | undefined;
  clientAppUsed: string | undefined;
  conditionalAccessStatus: string | undefined;
  authenticationRequirement: string | undefined;
  isInteractive: boolean | undefined;
  resourceDisplayName: string | undefined;
  riskLevelDuringSignIn: string | undefined;
  riskLevelAggregated: string | undefined;
  riskState: string | undefined;
  riskEventTypes: unknown;
}

/**
 * Diagnostic export: envelope fields at the top (`time`, `tenantId`, `resultType`), the Graph
 * signIn resource under `properties`. A bare Graph signIn (no envelope) reads the same way.
 */
export function readSignIn(r: Record<string, unknown>): SignInView {
  const p = asRecord(r.properties) ?? r;
  const status = asRecord(p.status);
  return {
    id: firstString(p.id, r.id),
    time: r.time ?? p.createdDateTime,
    operation: asString(r.operationName),
    category: asString(r.category),
    tenantId: firstString(r.tenantId, p.tenantId, p.resourceTenantId),
    correlationId: firstString(p.correlationId, r.correlationId),
    userId: asString(p.userId),
    userPrincipalName: asString(p.userPrincipalName),
    userDisplayName: asString(p.userDisplayName),
    userType: asString(p.userType),
    servicePrincipalId: asString(p.servicePrincipalId),
    servicePrincipalName: asString(p.servicePrincipalName),
    appId: asString(p.appId),
    appDisplayName: asString(p.appDisplayName),
    ipAddress: firstString(p.ipAddress, r.callerIpAddress),
    errorCode: asInteger(status?.errorCode) ?? asInteger(r.resultType),
    failureReason: firstString(status?.failureReason, r.resultDescription),
    userAgent: asString(p.userAgent),
    sessionId: asString(p.sessionId),
    autonomousSystemNumber: asInteger(p.autonomousSystemNumber),
    location: asRecord(p.location),
    mfaDetail: asRecord(p.mfaDetail),
    deviceDetail: asRecord(p.deviceDetail),
    clientAppUsed: asString(p.clientAppUsed),
    conditionalAccessStatus: asString(p.conditionalAccessStatus),
    authenticationRequirement: asString(p.authenticationRequirement),
    isInteractive: asBoolean(p.isInteractive),
    resourceDisplayName: asString(p.resourceDisplayName),
    riskLevelDuringSignIn: asString(p.riskLevelDuringSignIn),
    riskLevelAggregated: asString(p.riskLevelAggregated),
    riskState: asString(p.riskState),
    riskEventTypes: nonEmptyArray(p.riskEventTypes_v2) ?? p.riskEventTypes,
  };
}

/** A row of SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs… */
export function readSignInRow(r: Record<string, unknown>): SignInView {
  const status = dynamicRecord(r.Status);
  return {
    id: asString(r.Id),
    time: r.TimeGenerated ?? r.CreatedDateTime,
    operation: asString(r.OperationName),
    category: firstString(r.Category, r.Type),
    tenantId: firstString(r.AADTenantId, r.TenantId, r.ResourceTenantId),
    correlationId: asString(r.CorrelationId),
    userId: asString(r.UserId),
    userPrincipalName: asString(r.UserPrincipalName),
    userDisplayName: asString(r.UserDisplayName),
    userType: asString(r.UserType),
    servicePrincipalId: asString(r.ServicePrincipalId),
    servicePrincipalName: asString(r.ServicePrincipalName),
    appId: asString(r.AppId),
    appDisplayName: asString(r.AppDisplayName),
    ipAddress: asString(r.IPAddress),
    errorCode: asInteger(r.ResultType) ?? asInteger(status?.errorCode),
    failureReason: firstString(r.ResultDescription, status?.failureReason),
    userAgent: asString(r.UserAgent),
    sessionId: asString(r.SessionId),
    autonomousSystemNumber: asInteger(r.AutonomousSystemNumber),
    location: dynamicRecord(r.LocationDetails),
    mfaDetail: dynamicRecord(r.MfaDetail),
    deviceDetail: dynamicRecord(r.DeviceDetail),
    clientAppUsed: asString(r.ClientAppUsed),
    conditionalAccessStatus: asString(r.ConditionalAccessStatus),
    authenticationRequirement: asString(r.AuthenticationRequirement),
    isInteractive: asBoolean(r.IsInteractive),
    resourceDisplayName: asString(r.ResourceDisplayName),
    riskLevelDuringSignIn: asString(r.RiskLevelDuringSignIn),
    riskLevelAggregated: asString(r.RiskLevelAggregated),
    riskState: asString(r.RiskState),
    riskEventTypes: nonEmptyArray(dynamicArray(r.RiskEventTypes_V2)) ?? parseEmbeddedJson(r.RiskEventTypes),
  };
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

function nonEmptyArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}
