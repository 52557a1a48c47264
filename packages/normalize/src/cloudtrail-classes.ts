import { ACCOUNT_CHANGE_ACTIVITY } from '@vigil/schema';

export type AccountChangeActivityId = (typeof ACCOUNT_CHANGE_ACTIVITY)[keyof typeof ACCOUNT_CHANGE_ACTIVITY];

/**
 * Sign-in and credential-issuing events Security Lake maps to Authentication (activity Logon),
 * plus the STS token calls and IAM Identity Center sign-in steps.
 */
export const AUTHENTICATION_EVENTS: ReadonlySet<string> = new Set([
  'ConsoleLogin',
  'CheckMfa',
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetFederationToken',
  'GetSessionToken',
  'ExternalIdPDirectoryLogin',
  'UserAuthentication',
  'CredentialChallenge',
  'CredentialVerification',
]);

const A = ACCOUNT_CHANGE_ACTIVITY;

/**
 * IAM principal changes → Account Change activity_id. The event list is Security Lake's; the
 * ids use OCSF 1.8, which added MFA Factor Enable/Disable, and give policy deletions and
 * password resets their own activity where Security Lake's 1.1 mapping had Delete or Other.
 */
const IAM_ACCOUNT_CHANGES: ReadonlyMap<string, AccountChangeActivityId> = new Map<
  string,
  AccountChangeActivityId
>([
  ...names(
    A.CREATE,
    'CreateUser CreateLoginProfile CreateAccessKey CreateRole CreateGroup CreateServiceLinkedRole CreateInstanceProfile CreateVirtualMFADevice CreateAccountAlias',
  ),
  ...names(A.PASSWORD_CHANGE, 'ChangePassword'),
  ...names(A.PASSWORD_RESET, 'UpdateLoginProfile'),
  ...names(
    A.DELETE,
    'DeleteUser DeleteLoginProfile DeleteAccessKey DeleteRole DeleteGroup DeleteInstanceProfile DeleteVirtualMFADevice',
  ),
  ...names(
    A.ATTACH_POLICY,
    'AttachUserPolicy AttachGroupPolicy AttachRolePolicy PutUserPolicy PutGroupPolicy PutRolePolicy PutUserPermissionsBoundary PutRolePermissionsBoundary AddUserToGroup',
  ),
  ...names(
    A.DETACH_POLICY,
    'DetachUserPolicy DetachGroupPolicy DetachRolePolicy DeleteUserPolicy DeleteGroupPolicy DeleteRolePolicy DeletePolicy DeleteUserPermissionsBoundary DeleteRolePermissionsBoundary RemoveUserFromGroup',
  ),
  ...names(A.MFA_FACTOR_ENABLE, 'EnableMFADevice'),
  ...names(A.MFA_FACTOR_DISABLE, 'DeactivateMFADevice'),
  // UpdateAccessKey is Enable or Disable depending on the requested status.
  ...names(
    A.OTHER,
    'UpdateAccessKey UpdateUser UpdateGroup UpdateRole UpdateRoleDescription UpdateAssumeRolePolicy ResyncMFADevice AddRoleToInstanceProfile RemoveRoleFromInstanceProfile DeleteServiceLinkedRole DeleteAccountAlias UpdateAccountPasswordPolicy DeleteAccountPasswordPolicy TagUser UntagUser TagRole UntagRole TagInstanceProfile UntagInstanceProfile',
  ),
]);

function names(activity: AccountChangeActivityId, list: string): [string, AccountChangeActivityId][] {
  return list.split(' ').map((name) => [name, activity]);
}

/**
 * Account Change activity_id of an IAM event, or undefined when the event is not an account
 * change. Only `iam.amazonaws.com` counts: MQ, Transfer Family, ElastiCache and others have
 * their own `CreateUser`/`DeleteUser` that do not touch an AWS principal.
 */
export function accountChangeActivityOf(
  eventSource: unknown,
  eventName: string,
  requestParameters: Record<string, unknown> | undefined,
): AccountChangeActivityId | undefined {
  if (eventSource !== 'iam.amazonaws.com') return undefined;
  const activity = IAM_ACCOUNT_CHANGES.get(eventName);
  if (eventName !== 'UpdateAccessKey') return activity;
  const status = requestParameters?.status;
  if (status === 'Active') return A.ENABLE;
  if (status === 'Inactive') return A.DISABLE;
  return activity;
}
