import type { User } from '@vigil/schema';
import { asRecord, asString, firstString } from './common.ts';
import { gcpPrincipal } from './gcp-actor.ts';

/**
 * The service account a lifecycle call (Create/Delete/Disable/EnableServiceAccount) acted on.
 * Its monitored resource (`service_account`) labels carry `email_id` and `unique_id`; a create's
 * response and the request's `name` (`projects/-/serviceAccounts/<email or id>`) are the
 * fallbacks. The email is the uid, as for service accounts seen as actors, so the two match.
 */
export function serviceAccountTarget(
  payload: Record<string, unknown>,
  labels: Record<string, unknown> | undefined,
): User | undefined {
  const response = asRecord(payload.response);
  const request = asRecord(payload.request);
  const named = lastSegment(asString(request?.name)) ?? lastSegment(asString(payload.resourceName));
  const email = firstString(
    labels?.email_id,
    response?.email,
    asRecord(request?.service_account)?.email,
    named?.includes('@') ? named : undefined,
  );
  const uniqueId = firstString(
    labels?.unique_id,
    response?.unique_id,
    named && isDigits(named) ? named : undefined,
  );
  if (email === undefined) return uniqueId === undefined ? undefined : serviceAccountById(uniqueId);
  const user = gcpPrincipal(email);
  user.type = 'ServiceAccount';
  user.type_id = 4;
  user.uid_alt = uniqueId;
  return user;
}

function serviceAccountById(uniqueId: string): User {
  return { uid: uniqueId, type: 'ServiceAccount', type_id: 4 };
}

function lastSegment(path: string | undefined): string | undefined {
  return path === undefined ? undefined : asString(path.slice(path.lastIndexOf('/') + 1));
}

function isDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return value.length > 0;
}
