import type { AzurePrincipal, ManagedIdentity } from '../org/azure.ts';
import type { Random } from '../random.ts';

/** ARM token claims of a person, keyed by their long names as Activity log exports print them. */
export function userClaims(
  rng: Random,
  tenantId: string,
  person: { objectId: string; upn: string; given: string; family: string },
  appId: string,
  ip: string,
  issuedAt: number,
): Record<string, unknown> {
  const iat = Math.floor(issuedAt / 1000);
  const compact = person.objectId.replaceAll('-', '');
  return {
    aud: 'https://management.core.windows.net/',
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: String(iat),
    nbf: String(iat),
    exp: String(iat + 4500 + rng.int(0, 900)),
    'http://schemas.microsoft.com/claims/authnclassreference': '1',
    aio: `AVQAq/8YAAAA${rng.chars(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`,
    'http://schemas.microsoft.com/claims/authnmethodsreferences': 'pwd,mfa',
    appid: appId,
    appidacr: '0',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': person.family,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': person.given,
    ipaddr: ip,
    name: `${person.given} ${person.family}`,
    'http://schemas.microsoft.com/identity/claims/objectidentifier': person.objectId,
    puid: `10032001${compact.slice(0, 8).toUpperCase()}`,
    'http://schemas.microsoft.com/identity/claims/scope': 'user_impersonation',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier': `x${compact}`,
    'http://schemas.microsoft.com/identity/claims/tenantid': tenantId,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': person.upn,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': person.upn,
    uti: rng.chars(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
    ver: '1.0',
  };
}

/** App-only token claims of a service principal, or of a managed identity (with `xms_mirid`). */
export function appClaims(
  rng: Random,
  tenantId: string,
  principal: AzurePrincipal | ManagedIdentity,
  issuedAt: number,
): Record<string, unknown> {
  const iat = Math.floor(issuedAt / 1000);
  const claims: Record<string, unknown> = {
    aud: 'https://management.azure.com/',
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: String(iat),
    nbf: String(iat),
    exp: String(iat + 86_400),
    aio: `E2Ng${rng.chars(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`,
    appid: principal.appId,
    appidacr: '2',
    'http://schemas.microsoft.com/identity/claims/identityprovider': `https://sts.windows.net/${tenantId}/`,
    idtyp: 'app',
    'http://schemas.microsoft.com/identity/claims/objectidentifier': principal.objectId,
    rh: `0.AQ4A${rng.chars(30, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}.`,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier': principal.objectId,
    'http://schemas.microsoft.com/identity/claims/tenantid': tenantId,
    uti: rng.chars(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
    ver: '1.0',
  };
  if ('resourceId' in principal) {
    const mirid =
      principal.kind === 'userAssigned'
        ? principal.resourceId.replace('/resourceGroups/', '/resourcegroups/')
        : principal.resourceId;
    claims.xms_mirid = mirid;
    claims.xms_az_rid = mirid;
  }
  return claims;
}
