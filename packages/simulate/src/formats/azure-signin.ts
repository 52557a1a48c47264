import type { Random } from '../random.ts';
import { isoFraction, isoSeconds } from '../time.ts';
import type { Built } from './cloudtrail.ts';

export interface SignInPlace {
  city: string;
  state: string;
  countryOrRegion: string;
  lat: number;
  long: number;
  asn: number;
  /** Sign-ins from an office match the named location of the corporate egress. */
  namedNetwork: boolean;
}

export interface UserSignIn {
  kind: 'user';
  interactive: boolean;
  id: string;
  upn: string;
  display: string;
  userAgent: string;
  deviceOs: string;
  deviceBrowser: string;
  clientApp: 'Browser' | 'Mobile Apps and Desktop clients';
  sessionId: string;
  /** Set on interactive sign-ins that completed MFA. */
  mfaMethod?: string;
}

export interface AppSignIn {
  kind: 'servicePrincipal' | 'managedIdentity';
  id: string;
  name: string;
  appId: string;
  /** Managed identities: how they are attached. */
  identityType?: 'systemAssigned' | 'userAssigned';
}

export interface SignInEvent {
  tenantId: string;
  app: { id: string; name: string };
  resource: { id: string; name: string };
  ip: string;
  place?: SignInPlace;
  errorCode: number;
  failureReason?: string;
  who: UserSignIn | AppSignIn;
  correlationId: string;
}

const CATEGORY = {
  user: 'SignInLogs',
  nonInteractive: 'NonInteractiveUserSignInLogs',
  servicePrincipal: 'ServicePrincipalSignInLogs',
  managedIdentity: 'ManagedIdentitySignInLogs',
} as const;

function categoryOf(who: SignInEvent['who']): string {
  if (who.kind === 'user') return who.interactive ? CATEGORY.user : CATEGORY.nonInteractive;
  return CATEGORY[who.kind];
}

function location(place: SignInPlace | undefined): Record<string, unknown> {
  if (place === undefined) return {};
  return {
    city: place.city,
    state: place.state,
    countryOrRegion: place.countryOrRegion,
    geoCoordinates: { latitude: place.lat, longitude: place.long },
  };
}

const MFA_POLICY = { displayName: 'Require MFA for all users', enforcedGrantControls: ['Mfa'] };

function userProperties(e: SignInEvent, who: UserSignIn, time: number, p: Record<string, unknown>): void {
  const failed = e.errorCode !== 0;
  const mfa = !failed;
  p.userDisplayName = who.display;
  p.userPrincipalName = who.upn;
  p.userId = who.id;
  p.appId = e.app.id;
  p.appDisplayName = e.app.name;
  p.ipAddress = e.ip;
  p.status = failed ? { errorCode: e.errorCode, failureReason: e.failureReason } : { errorCode: 0 };
  p.clientAppUsed = who.clientApp;
  p.deviceDetail = {
    deviceId: '',
    operatingSystem: who.deviceOs,
    browser: who.deviceBrowser,
    isCompliant: false,
    isManaged: false,
  };
  p.location = location(e.place);
  p.conditionalAccessStatus = failed ? 'notApplied' : 'success';
  p.appliedConditionalAccessPolicies = failed ? [] : [{ ...MFA_POLICY, result: 'success' }];
  p.isInteractive = who.interactive;
  p.tokenIssuerType = 'AzureAD';
  p.networkLocationDetails = e.place?.namedNetwork
    ? [{ networkType: 'namedNetwork', networkNames: ['Corporate egress'] }]
    : [];
  p.riskDetail = 'none';
  p.riskLevelAggregated = 'none';
  p.riskLevelDuringSignIn = 'none';
  p.riskState = 'none';
  p.riskEventTypes = [];
  p.riskEventTypes_v2 = [];
  p.resourceDisplayName = e.resource.name;
  p.resourceId = e.resource.id;
  p.authenticationRequirement = mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication';
  p.userType = 'Member';
  p.crossTenantAccessType = 'none';
  if (e.place !== undefined) p.autonomousSystemNumber = e.place.asn;
  p.sessionId = who.sessionId;
  p.authenticationDetails = authenticationDetails(e, who, time);
  p.homeTenantId = e.tenantId;
  p.resourceTenantId = e.tenantId;
  p.userAgent = who.userAgent;
  if (mfa && who.interactive && who.mfaMethod !== undefined)
    p.mfaDetail = { authMethod: who.mfaMethod, authDetail: null };
}

function authenticationDetails(e: SignInEvent, who: UserSignIn, time: number): Record<string, unknown>[] {
  if (e.errorCode !== 0)
    return [
      {
        authenticationStepDateTime: isoSeconds(time),
        authenticationMethod: 'Password',
        authenticationMethodDetail: 'Password in the cloud',
        succeeded: false,
        authenticationStepResultDetail:
          'Invalid username or password or Invalid on-premise username or password.',
        authenticationStepRequirement: 'Primary authentication',
      },
    ];
  if (!who.interactive || who.mfaMethod === undefined)
    return [
      {
        authenticationStepDateTime: isoSeconds(time),
        authenticationMethod: 'Previously satisfied',
        succeeded: true,
        authenticationStepResultDetail: 'MFA requirement satisfied by claim in the token',
        authenticationStepRequirement: 'Multi-factor authentication',
      },
    ];
  return [
    {
      authenticationStepDateTime: isoSeconds(time - 9000),
      authenticationMethod: 'Password',
      authenticationMethodDetail: 'Password in the cloud',
      succeeded: true,
      authenticationStepResultDetail: 'Correct password',
      authenticationStepRequirement: 'Primary authentication',
    },
    {
      authenticationStepDateTime: isoSeconds(time),
      authenticationMethod: who.mfaMethod,
      succeeded: true,
      authenticationStepResultDetail: 'MFA successfully completed',
      authenticationStepRequirement: 'Multi-factor authentication',
    },
  ];
}

function appProperties(e: SignInEvent, who: AppSignIn, p: Record<string, unknown>, rng: Random): void {
  p.appId = who.appId;
  p.appDisplayName = who.name;
  p.servicePrincipalId = who.id;
  p.servicePrincipalName = who.name;
  p.ipAddress = e.ip;
  p.status = { errorCode: e.errorCode };
  p.resourceDisplayName = e.resource.name;
  p.resourceId = e.resource.id;
  if (who.kind === 'managedIdentity') {
    p.managedIdentityType = who.identityType;
    p.federatedCredentialId = '';
  } else {
    p.location = location(e.place);
    p.clientCredentialType = 'federatedIdentityCredential';
    p.servicePrincipalCredentialKeyId = '';
    p.federatedCredentialId = rng.uuid();
    if (e.place !== undefined) p.autonomousSystemNumber = e.place.asn;
  }
  p.conditionalAccessStatus = 'notApplied';
  p.isInteractive = false;
}

/** An Entra sign-in in the diagnostic-settings export shape, the Graph signIn under `properties`. */
export function signInRecord(rng: Random, time: number, e: SignInEvent): Built {
  const id = rng.uuid();
  const who = e.who;
  const p: Record<string, unknown> = { id, createdDateTime: `${isoSeconds(time).slice(0, 19)}+00:00` };
  if (who.kind === 'user') userProperties(e, who, time, p);
  else appProperties(e, who, p, rng);
  p.correlationId = e.correlationId;
  const record = {
    time: isoFraction(time, rng.chars(4, '0123456789')),
    resourceId: `/tenants/${e.tenantId}/providers/Microsoft.aadiam`,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category: categoryOf(who),
    tenantId: e.tenantId,
    resultType: String(e.errorCode),
    resultSignature: 'None',
    resultDescription: e.failureReason ?? '',
    durationMs: 0,
    callerIpAddress: e.ip,
    correlationId: e.correlationId,
    identity: who.kind === 'user' ? who.display : who.name,
    Level: 4,
    location: e.place?.countryOrRegion ?? '',
    properties: p,
  };
  return { text: JSON.stringify(record), uid: id };
}
