import type { ApiActivity } from '@vigil/schema';
import { API_ACTIVITY, API_ACTIVITY_NAME, CLASS } from '@vigil/schema';
import { apiActivityOf } from './cloudtrail-api-verb.ts';
import { cloudTrailResources } from './cloudtrail-parts.ts';
import { type CloudTrailInput, cloudTrailBase } from './cloudtrail-shared.ts';
import { classification } from './common.ts';

const HEADS = new Map(
  Object.values(API_ACTIVITY).map((id) => [
    id,
    classification(CLASS.API_ACTIVITY, id, API_ACTIVITY_NAME[id]!),
  ]),
);

/**
 * API Activity, with the activity read from the operation's verb. Undefined without a source
 * endpoint, which the class requires.
 */
export function cloudTrailApiActivity(input: CloudTrailInput): ApiActivity | undefined {
  const { record } = input;
  const event = cloudTrailBase(
    HEADS.get(apiActivityOf(input.eventName, record.readOnly))!,
    input,
  ) as ApiActivity;
  if (event.src_endpoint === undefined) return undefined;
  const resources = cloudTrailResources(record);
  if (resources !== undefined) event.resources = resources;
  return event;
}
