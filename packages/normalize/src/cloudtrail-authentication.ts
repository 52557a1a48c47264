import type { Authentication, Session, User } from '@vigil/schema';
import { AUTHENTICATION_ACTIVITY, CLASS } from '@vigil/schema';
import { type CloudTrailInput, cloudTrailBase } from './cloudtrail-shared.ts';
import { arnAccount, arnLeaf } from './cloudtrail-values.ts';
import { asRecord, asString, classification } from './common.ts';

const LOGON = classification(CLASS.AUTHENTICATION, AUTHENTICATION_ACTIVITY.LOGON, 'Logon');

const ASSUME_ROLE = new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']);

/** The role session an AssumeRole* call created (or tried to create, when it failed). */
function assumedRoleUser(
  request: Record<string, unknown> | undefined,
  response: Record<string, unknown> | undefined,
): User | undefined {
  const assumed = asRecord(response?.assumedRoleUser);
  const arn = asString(assumed?.arn);
  const roleArn = asString(request?.roleArn);
  const uid = arn ?? roleArn;
  if (uid === undefined) return undefined;
  const user: User = { uid, type: 'AssumedRole', type_id: 99 };
  const sessionName = asString(request?.roleSessionName) ?? (arn !== undefined ? arnLeaf(arn) : undefined);
  if (sessionName !== undefined) user.name = sessionName;
  const assumedRoleId = asString(assumed?.assumedRoleId);
  if (assumedRoleId !== undefined) user.uid_alt = assumedRoleId;
  const key = asString(asRecord(response?.credentials)?.accessKeyId);
  if (key !== undefined) user.credential_uid = key;
  const account = arnAccount(uid);
  if (account !== undefined) user.account = { uid: account };
  return user;
}

/** The federated user a GetFederationToken call created. */
function federatedUser(
  request: Record<string, unknown> | undefined,
  response: Record<string, unknown> | undefined,
): User | undefined {
  const federated = asRecord(response?.federatedUser);
  const arn = asString(federated?.arn);
  const name = asString(request?.name);
  if (arn === undefined && name === undefined) return undefined;
  const user: User = { type: 'FederatedUser', type_id: 99 };
  if (arn !== undefined) user.uid = arn;
  if (name !== undefined) user.name = name;
  const id = asString(federated?.federatedUserId);
  if (id !== undefined) user.uid_alt = id;
  const key = asString(asRecord(response?.credentials)?.accessKeyId);
  if (key !== undefined) user.credential_uid = key;
  return user;
}

/** MFA as the sign-in reports it (`MFAUsed`), else as the caller's session reports it. */
function isMfa(record: Record<string, unknown>, input: CloudTrailInput): boolean | undefined {
  const used = asRecord(record.additionalEventData)?.MFAUsed;
  if (used === 'Yes') return true;
  if (used === 'No') return false;
  return input.actor.session?.is_mfa;
}

/** The session an STS call issued: its role (issuer) and temporary access key. */
function issuedSession(
  request: Record<string, unknown> | undefined,
  response: Record<string, unknown> | undefined,
): Session | undefined {
  const key = asString(asRecord(response?.credentials)?.accessKeyId);
  const issuer = asString(request?.roleArn);
  if (key === undefined && issuer === undefined) return undefined;
  const session: Session = {};
  if (key !== undefined) session.credential_uid = key;
  if (issuer !== undefined) session.issuer = issuer;
  return session;
}

/**
 * Authentication (Logon). `user` is who logged on: the caller for console sign-in and
 * GetSessionToken, the new role session for AssumeRole*, the federated user for
 * GetFederationToken. Undefined when the record names no such user.
 */
export function cloudTrailAuthentication(input: CloudTrailInput): Authentication | undefined {
  const { record, eventName } = input;
  const request = asRecord(record.requestParameters);
  const response = asRecord(record.responseElements);
  const issued = ASSUME_ROLE.has(eventName)
    ? assumedRoleUser(request, response)
    : eventName === 'GetFederationToken'
      ? federatedUser(request, response)
      : undefined;
  const user = issued ?? input.actor.user;
  if (user === undefined) return undefined;
  const event = cloudTrailBase(LOGON, input) as Authentication;
  event.user = user;
  const service = event.api?.service;
  if (service !== undefined) event.service = service;
  const mfa = isMfa(record, input);
  if (mfa !== undefined) event.is_mfa = mfa;
  const session = issuedSession(request, response);
  if (session !== undefined) event.session = session;
  if (eventName === 'AssumeRoleWithSAML') {
    event.auth_protocol = 'SAML';
    event.auth_protocol_id = 5;
  }
  if (event.status_detail !== undefined) event.message = event.status_detail;
  return event;
}
