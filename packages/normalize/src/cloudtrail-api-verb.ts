import { API_ACTIVITY } from '@vigil/schema';

export type ApiActivityId = (typeof API_ACTIVITY)[keyof typeof API_ACTIVITY];

const { CREATE, READ, UPDATE, DELETE, OTHER } = API_ACTIVITY;

/** Leading verb of an AWS operation name → OCSF API Activity activity_id. */
const VERB_ACTIVITY: ReadonlyMap<string, ApiActivityId> = new Map<string, ApiActivityId>([
  ...verbs(
    CREATE,
    'Create Put Run Authorize Add Allocate Import Register Copy Upload Send Publish Generate Issue Request Post Launch Submit',
  ),
  ...verbs(READ, 'Get List Describe Head Search Lookup Query Scan Select Download View Preview Estimate'),
  ...verbs(
    UPDATE,
    'Update Modify Set Attach Associate Detach Disassociate Enable Disable Start Stop Reboot Reset Replace Change Apply Tag Untag Restore Rotate Edit Patch Accept Reject Assign Unassign Rename Resume Suspend Cancel Upgrade Configure Move Deactivate Activate',
  ),
  ...verbs(DELETE, 'Delete Remove Revoke Terminate Deregister Release Purge Destroy Drop'),
]);

function verbs(activity: ApiActivityId, names: string): [string, ApiActivityId][] {
  return names.split(' ').map((name) => [name, activity]);
}

/** Index of the second word of a PascalCase name (`DescribeInstances` → 8), or its length. */
function wordEnd(name: string, from: number): number {
  for (let i = from + 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return i;
  }
  return name.length;
}

/**
 * API Activity activity_id from the verb that starts an operation name (`GetObject` → Read).
 * `Batch` operations take the verb after it (`BatchGetSecretValue` → Read). Unknown verbs are
 * Other, except that CloudTrail's own `readOnly: true` marks them as reads.
 */
export function apiActivityOf(eventName: string, readOnly: unknown): ApiActivityId {
  const end = wordEnd(eventName, 0);
  let verb = eventName.slice(0, end);
  if (verb === 'Batch' && end < eventName.length) verb = eventName.slice(end, wordEnd(eventName, end));
  const activity = VERB_ACTIVITY.get(verb);
  if (activity !== undefined) return activity;
  return readOnly === true ? READ : OTHER;
}
