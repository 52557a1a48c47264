import type { Account, Actor, User } from '@vigil/schema';
import { asRecord, asString, firstString } from './common.ts';

const SERVICE_ACCOUNT_DOMAIN = '.gserviceaccount.com';
const USER_MANAGED_SA_DOMAIN = '.iam.gserviceaccount.com';

/**
 * The caller of an audited GCP call, from `authenticationInfo`. A call made by impersonating a
 * service account lists the impersonators in `serviceAccountDelegationInfo`, original caller
 * first; that chain becomes `actor.session.issuer`, comma-separated in the same order (one
 * entry is just that principal). Calls without a principal (system events, redacted callers of
 * denied calls) are attributed to the service itself as `actor.app_name`.
 */
export function gcpActor(
  auth: Record<string, unknown> | undefined,
  serviceName: string | undefined,
): Actor | undefined {
  const principal = firstString(auth?.principalEmail, auth?.principalSubject);
  if (principal === undefined) return serviceName === undefined ? undefined : { app_name: serviceName };
  const actor: Actor = { user: gcpPrincipal(principal, asString(auth?.serviceAccountKeyName)) };
  const issuer = delegationChain(auth?.serviceAccountDelegationInfo);
  if (issuer !== undefined) actor.session = { issuer };
  return actor;
}

/** A principal email (or subject) as an OCSF user; service accounts carry their project. */
export function gcpPrincipal(principal: string, credentialUid?: string): User {
  const isServiceAccount =
    principal.endsWith(SERVICE_ACCOUNT_DOMAIN) || principal.startsWith('serviceAccount:');
  const user: User = {
    uid: principal,
    name: principal,
    type: isServiceAccount ? 'ServiceAccount' : 'User',
    type_id: isServiceAccount ? 4 : 1,
    credential_uid: credentialUid,
  };
  const account = serviceAccountProject(principal);
  if (account !== undefined) user.account = account;
  return user;
}

/** `name@my-project.iam.gserviceaccount.com` → project `my-project` (Google-managed agents excluded). */
function serviceAccountProject(email: string): Account | undefined {
  if (!email.endsWith(USER_MANAGED_SA_DOMAIN)) return undefined;
  const at = email.lastIndexOf('@');
  const project = email.slice(at + 1, email.length - USER_MANAGED_SA_DOMAIN.length);
  if (at < 0 || project.length === 0 || project.startsWith('gcp-sa-')) return undefined;
  return { uid: project, type: 'GCP Project', type_id: 11 };
}

function delegationChain(info: unknown): string | undefined {
  if (!Array.isArray(info) || info.length === 0) return undefined;
  const chain: string[] = [];
  for (const entry of info) {
    const e = asRecord(entry);
    const first = asRecord(e?.firstPartyPrincipal);
    const third = asRecord(e?.thirdPartyPrincipal);
    const who = firstString(
      first?.principalEmail,
      e?.principalSubject,
      asRecord(third?.thirdPartyClaims)?.sub,
    );
    if (who !== undefined) chain.push(who);
  }
  return chain.length === 0 ? undefined : chain.join(',');
}
