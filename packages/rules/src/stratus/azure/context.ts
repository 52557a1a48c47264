import type { Step } from '../run-steps.ts';
import type { ReplayBase } from '../technique.ts';

/** The signed-in user Stratus runs as (Azure CLI credentials, through DefaultAzureCredential). */
export interface EntraCaller {
  upn: string;
  objectId: string;
  givenName: string;
  surname: string;
}

/** The victim tenant and subscription, and who calls them from where. */
export interface AzureContext extends ReplayBase {
  tenantId: string;
  subscriptionId: string;
  domain: string;
  location: string;
  caller: EntraCaller;
  /** Terraform's random suffix for the warm-up resources' names. */
  suffix: string;
}

export type AzurePlan = (ctx: AzureContext) => Step<Record<string, unknown>>[];

/** The Azure CLI's well-known application id: the `appid` of tokens it obtains. */
export const AZURE_CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

export function azureContext(base: ReplayBase): AzureContext {
  return {
    ...base,
    tenantId: '5044e4c4-d42a-5b95-bfff-68c0f4e2f824',
    subscriptionId: '1b7a00bc-2b02-5a1e-a75f-4a47d835b109',
    domain: 'contoso.example',
    location: 'westus',
    caller: { upn: 'it.admin@contoso.example', objectId: base.rng.uuid(), givenName: 'IT', surname: 'Admin' },
    suffix: base.rng.lowerAlnum(4),
  };
}

/** The ARM token's claims, as the Activity log copies them into `identity.claims`. */
export function armClaims(ctx: AzureContext): Record<string, string> {
  const issued = Math.floor(ctx.clock.now() / 1000) - 300;
  const { caller } = ctx;
  const oidHex = caller.objectId.replaceAll('-', '');
  return {
    aud: 'https://management.core.windows.net/',
    iss: `https://sts.windows.net/${ctx.tenantId}/`,
    iat: String(issued),
    nbf: String(issued),
    exp: String(issued + 4500),
    'http://schemas.microsoft.com/claims/authnclassreference': '1',
    aio: `AVQAq/8YAAAA${ctx.rng.base64(40)}`,
    'http://schemas.microsoft.com/claims/authnmethodsreferences': 'pwd',
    appid: AZURE_CLI_APP_ID,
    appidacr: '0',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': caller.surname,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': caller.givenName,
    ipaddr: ctx.attackerIp,
    name: `${caller.givenName} ${caller.surname}`,
    'http://schemas.microsoft.com/identity/claims/objectidentifier': caller.objectId,
    puid: `10032001${oidHex.slice(0, 8).toUpperCase()}`,
    'http://schemas.microsoft.com/identity/claims/scope': 'user_impersonation',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier': ctx.rng.base64(43),
    'http://schemas.microsoft.com/identity/claims/tenantid': ctx.tenantId,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': caller.upn,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': caller.upn,
    uti: ctx.rng.base64(22),
    ver: '1.0',
    xms_tcdt: '1614880000',
  };
}
