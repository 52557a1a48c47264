import type { Account, Actor, User } from '@vigil/schema';
import { isGuid } from './azure-fields.ts';
import { asString, firstString } from './common.ts';

/** Activity log claims are the ARM token's claims, keyed by their long (WS-Fed) or short names. */
const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const WS_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const TID = 'http://schemas.microsoft.com/identity/claims/tenantid';
const AMR = 'http://schemas.microsoft.com/claims/authnmethodsreferences';

/** Entra identity kinds as Vigil names them in `user.type`, with the OCSF type_id each maps to. */
export type EntraIdentityType = 'User' | 'ServicePrincipal' | 'ManagedIdentity';
const TYPE_ID: Record<EntraIdentityType, number> = { User: 1, ServicePrincipal: 4, ManagedIdentity: 4 };

export function entraUser(input: {
  uid?: string | undefined;
  name?: string | undefined;
  displayName?: string | undefined;
  type?: EntraIdentityType | undefined;
  appId?: string | undefined;
  tenantId?: string | undefined;
}): User | undefined {
  if (input.uid === undefined && input.name === undefined) return undefined;
  const user: User = { uid: input.uid, name: input.name, display_name: input.displayName };
  if (input.type !== undefined) {
    user.type = input.type;
    user.type_id = TYPE_ID[input.type];
    if (input.type !== 'User') user.uid_alt = input.appId;
  }
  if (input.tenantId !== undefined) user.account = tenantAccount(input.tenantId);
  return user;
}

/** The Entra tenant a principal belongs to, as an OCSF account. */
export function tenantAccount(tenantId: string): Account {
  return { uid: tenantId, type: 'Azure AD Account', type_id: 6 };
}

function identityType(
  claims: Record<string, unknown> | undefined,
  upn: string | undefined,
  caller: string | undefined,
  appId: string | undefined,
): EntraIdentityType | undefined {
  if (claims?.xms_mirid !== undefined) return 'ManagedIdentity';
  const idtyp = claims?.idtyp;
  if (idtyp === 'app') return 'ServicePrincipal';
  if (idtyp === 'user' || upn !== undefined || caller?.includes('@')) return 'User';
  // App-only tokens carry an object id and an app id but no UPN; their caller is a GUID.
  if ((caller !== undefined && isGuid(caller)) || appId !== undefined) return 'ServicePrincipal';
  return undefined;
}

/**
 * The Activity log's caller: the UPN, object id and tenant from the token claims, falling back
 * on `caller` (a UPN for users, an object id for service principals). The claims' `appid` is
 * the client application the caller used, kept as `actor.app_uid`; `amr` tells whether the
 * token was obtained with MFA.
 */
export function activityActor(
  claims: Record<string, unknown> | undefined,
  caller: string | undefined,
  tenantId: string | undefined,
): Actor | undefined {
  const callerIsGuid = caller !== undefined && isGuid(caller);
  const upn = firstString(claims?.[UPN], claims?.upn);
  const appId = firstString(claims?.appid, claims?.azp);
  const type = identityType(claims, upn, caller, appId);
  const user = entraUser({
    uid: firstString(claims?.[OID], claims?.oid, callerIsGuid ? caller : undefined),
    name: firstString(upn, callerIsGuid ? undefined : caller, claims?.[WS_NAME]),
    displayName: type === 'User' ? asString(claims?.name) : undefined,
    type,
    appId,
    tenantId: firstString(claims?.[TID], claims?.tid, tenantId),
  });
  const amr = claims?.[AMR] ?? claims?.amr;
  if (user === undefined && appId === undefined) return undefined;
  const actor: Actor = { user, app_uid: appId };
  if (typeof amr === 'string' || Array.isArray(amr)) actor.session = { is_mfa: amr.includes('mfa') };
  return actor;
}
