import { ACCOUNT_CHANGE_ACTIVITY } from '@vigil/schema';

export interface AccountChangeKind {
  id: (typeof ACCOUNT_CHANGE_ACTIVITY)[keyof typeof ACCOUNT_CHANGE_ACTIVITY];
  name: string;
  /** Role membership changes name the role (an OCSF policy) besides the user. */
  role?: true;
}

const A = ACCOUNT_CHANGE_ACTIVITY;

/**
 * Entra audit activities (activityDisplayName, compared lower-cased) that change a user account,
 * with their Account Change activity. Every other audit activity is API Activity.
 * Names follow Microsoft's "audit log activities" reference.
 */
const ACCOUNT_CHANGES: ReadonlyMap<string, AccountChangeKind> = new Map([
  ['add user', { id: A.CREATE, name: 'Create' }],
  ['delete user', { id: A.DELETE, name: 'Delete' }],
  ['hard delete user', { id: A.DELETE, name: 'Delete' }],
  ['enable account', { id: A.ENABLE, name: 'Enable' }],
  ['disable account', { id: A.DISABLE, name: 'Disable' }],
  ['change user password', { id: A.PASSWORD_CHANGE, name: 'Password Change' }],
  ['change password (self-service)', { id: A.PASSWORD_CHANGE, name: 'Password Change' }],
  ['reset user password', { id: A.PASSWORD_RESET, name: 'Password Reset' }],
  ['reset password (by admin)', { id: A.PASSWORD_RESET, name: 'Password Reset' }],
  ['reset password (self-service)', { id: A.PASSWORD_RESET, name: 'Password Reset' }],
  ['add member to role', { id: A.ATTACH_POLICY, name: 'Attach Policy', role: true }],
  ['remove member from role', { id: A.DETACH_POLICY, name: 'Detach Policy', role: true }],
  ['user registered security info', { id: A.MFA_FACTOR_ENABLE, name: 'MFA Factor Enable' }],
  ['admin registered security info', { id: A.MFA_FACTOR_ENABLE, name: 'MFA Factor Enable' }],
  ['user deleted security info', { id: A.MFA_FACTOR_DISABLE, name: 'MFA Factor Disable' }],
  ['admin deleted security info', { id: A.MFA_FACTOR_DISABLE, name: 'MFA Factor Disable' }],
  ['disable strong authentication', { id: A.MFA_FACTOR_DISABLE, name: 'MFA Factor Disable' }],
]);

export function accountChangeOf(activityDisplayName: string): AccountChangeKind | undefined {
  return ACCOUNT_CHANGES.get(activityDisplayName.toLowerCase());
}
