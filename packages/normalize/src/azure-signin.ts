import type { SourceRecord } from '@vigil/decode';
import { AUTHENTICATION_ACTIVITY, type Authentication, CLASS, type NetworkEndpoint } from '@vigil/schema';
import { type EntraIdentityType, entraUser, tenantAccount } from './azure-actor.ts';
import { recordHead } from './azure-fields.ts';
import type { SignInView } from './azure-signin-view.ts';
import { asRecord, asString, classification, isIp, metadataFor, stamped } from './common.ts';
import type { NormalizeResult } from './types.ts';

const PRODUCT = { name: 'Microsoft Entra ID', vendor_name: 'Microsoft' };
const MFA_REQUIRED = 'multiFactorAuthentication';
const LOGON = classification(CLASS.AUTHENTICATION, AUTHENTICATION_ACTIVITY.LOGON, 'Logon');

/** An Entra sign-in → Authentication 3002, activity Logon. */
export function normalizeSignIn(record: SourceRecord, view: SignInView): NormalizeResult {
  const required = recordHead(
    'Azure sign-in record',
    view.id ?? view.correlationId,
    'id or correlationId',
    view.time,
  );
  if (!required.ok) return required;
  const { uid, time } = required;
  const type = identityType(view.category);
  const user =
    type === 'User'
      ? entraUser({
          uid: view.userId,
          name: view.userPrincipalName,
          displayName: view.userDisplayName,
          type,
        })
      : entraUser({
          uid: view.servicePrincipalId,
          name: view.servicePrincipalName ?? view.appDisplayName,
          type,
          appId: view.appId,
        });
  if (user === undefined)
    return {
      ok: false,
      reason: 'Azure sign-in record: expected userId, userPrincipalName or servicePrincipalId, found none',
    };
  if (view.tenantId !== undefined) user.account = tenantAccount(view.tenantId);

  const service = serviceOf(view);
  if (service === undefined)
    return {
      ok: false,
      reason: 'Azure sign-in record: expected appId, appDisplayName or resourceDisplayName, found none',
    };

  const code = view.errorCode;
  const failed = code !== undefined && code !== 0;
  const body = {
    time,
    metadata: metadataFor({
      uid,
      product: PRODUCT,
      logName: 'SignInLogs',
      eventCode: view.operation,
      originalTime: asString(view.time),
      tenantUid: view.tenantId,
      correlationUid: view.correlationId,
    }),
    cloud: { provider: 'Azure', account: view.tenantId === undefined ? undefined : { uid: view.tenantId } },
    user,
    status_id: code === undefined ? (0 as const) : failed ? (2 as const) : (1 as const),
    status: code === undefined ? undefined : failed ? 'Failure' : 'Success',
    status_code: code === undefined ? undefined : String(code),
    status_detail: failed ? view.failureReason : undefined,
    is_mfa: isMfa(view),
    src_endpoint: sourceEndpoint(view),
    service,
    raw_data: record.raw,
    unmapped: {
      category: view.category,
      riskLevelDuringSignIn: view.riskLevelDuringSignIn,
      riskLevelAggregated: view.riskLevelAggregated,
      riskState: view.riskState,
      riskEventTypes: view.riskEventTypes,
      clientAppUsed: view.clientAppUsed,
      conditionalAccessStatus: view.conditionalAccessStatus,
      isInteractive: view.isInteractive,
      authenticationRequirement: view.authenticationRequirement,
      resourceDisplayName: view.resourceDisplayName,
      userType: view.userType,
      deviceDetail: view.deviceDetail,
    },
    http_request: view.userAgent === undefined ? undefined : { user_agent: view.userAgent },
    session: view.sessionId === undefined ? undefined : { uid: view.sessionId },
  };
  const event: Authentication = stamped(body, LOGON);
  return { ok: true, event };
}

/** The log category (or Log Analytics table) says who signed in. */
function identityType(category: string | undefined): EntraIdentityType {
  if (category === undefined) return 'User';
  const c = category.toLowerCase();
  if (c.includes('serviceprincipal')) return 'ServicePrincipal';
  if (c.includes('managedidentity')) return 'ManagedIdentity';
  return 'User';
}

/**
 * The application signed in to (`appDisplayName`/`appId`, as the Entra portal lists it); a
 * sign-in without one names only the resource it asked a token for.
 */
function serviceOf(view: SignInView): { name?: string; uid?: string } | undefined {
  if (view.appId !== undefined || view.appDisplayName !== undefined)
    return { name: view.appDisplayName, uid: view.appId };
  if (view.resourceDisplayName !== undefined) return { name: view.resourceDisplayName };
  return undefined;
}

/** MFA was used when policy required it, or when Entra recorded an MFA method. */
function isMfa(view: SignInView): boolean | undefined {
  if (view.authenticationRequirement === MFA_REQUIRED || asString(view.mfaDetail?.authMethod) !== undefined)
    return true;
  return view.authenticationRequirement === undefined ? undefined : false;
}

/**
 * Address, location and network of the sign-in. OCSF needs an address (or a name) for an
 * endpoint, so a sign-in without one has no src_endpoint even when Entra located it.
 */
function sourceEndpoint(view: SignInView): NetworkEndpoint | undefined {
  const address = view.ipAddress;
  if (address === undefined) return undefined;
  const endpoint: NetworkEndpoint = isIp(address) ? { ip: address } : { name: address };
  const loc = view.location;
  const city = asString(loc?.city);
  const country = asString(loc?.countryOrRegion);
  const region = asString(loc?.state);
  if (city !== undefined || country !== undefined || region !== undefined) {
    const geo = asRecord(loc?.geoCoordinates);
    endpoint.location = {
      city,
      country,
      region,
      lat: typeof geo?.latitude === 'number' ? geo.latitude : undefined,
      long: typeof geo?.longitude === 'number' ? geo.longitude : undefined,
    };
  }
  if (view.autonomousSystemNumber !== undefined)
    endpoint.autonomous_system = { number: view.autonomousSystemNumber };
  return endpoint;
}
