import { ACCOUNT_CHANGE_ACTIVITY, API_ACTIVITY } from '@vigil/schema';

export interface GcpActivity {
  id: number;
  name: string;
}

/** Leading verbs of a method's last segment (`v1.compute.instances.insert`, `SetIamPolicy`). */
const VERBS: ReadonlyArray<readonly [string, GcpActivity]> = [
  ['create', { id: API_ACTIVITY.CREATE, name: 'Create' }],
  ['insert', { id: API_ACTIVITY.CREATE, name: 'Create' }],
  ['get', { id: API_ACTIVITY.READ, name: 'Read' }],
  ['list', { id: API_ACTIVITY.READ, name: 'Read' }],
  ['update', { id: API_ACTIVITY.UPDATE, name: 'Update' }],
  ['patch', { id: API_ACTIVITY.UPDATE, name: 'Update' }],
  ['set', { id: API_ACTIVITY.UPDATE, name: 'Update' }],
  ['delete', { id: API_ACTIVITY.DELETE, name: 'Delete' }],
];
const OTHER: GcpActivity = { id: API_ACTIVITY.OTHER, name: 'Other' };

/**
 * API Activity verb of a Cloud Audit Logs methodName, from the leading word of its last
 * dot-separated segment: Create/Insert, Get/List, Update/Patch/Set, Delete; anything else
 * (AccessSecretVersion, GenerateAccessToken, migrateOnHostMaintenance…) is Other. The verb must
 * end the segment or be followed by an upper-case letter, so `settle` is not `set`.
 */
export function apiActivityOf(methodName: string): GcpActivity {
  const segment = methodName.slice(methodName.lastIndexOf('.') + 1);
  const lower = segment.toLowerCase();
  for (const [verb, activity] of VERBS) {
    if (!lower.startsWith(verb)) continue;
    const next = segment.charCodeAt(verb.length);
    if (Number.isNaN(next) || (next >= 0x41 && next <= 0x5a)) return activity;
  }
  return OTHER;
}

/** IAM service-account lifecycle methods, which change an account rather than call an API. */
const ACCOUNT_CHANGES: ReadonlyMap<string, GcpActivity> = new Map([
  ['google.iam.admin.v1.CreateServiceAccount', { id: ACCOUNT_CHANGE_ACTIVITY.CREATE, name: 'Create' }],
  ['google.iam.admin.v1.DeleteServiceAccount', { id: ACCOUNT_CHANGE_ACTIVITY.DELETE, name: 'Delete' }],
  ['google.iam.admin.v1.DisableServiceAccount', { id: ACCOUNT_CHANGE_ACTIVITY.DISABLE, name: 'Disable' }],
  ['google.iam.admin.v1.EnableServiceAccount', { id: ACCOUNT_CHANGE_ACTIVITY.ENABLE, name: 'Enable' }],
]);

export function accountChangeOf(methodName: string): GcpActivity | undefined {
  return ACCOUNT_CHANGES.get(methodName);
}
