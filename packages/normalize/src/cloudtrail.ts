import type { OcsfEvent } from '@vigil/schema';
import { cloudTrailAccountChange } from './cloudtrail-account-change.ts';
import { cloudTrailActor } from './cloudtrail-actor.ts';
import { cloudTrailApiActivity } from './cloudtrail-api-activity.ts';
import { cloudTrailAuthentication } from './cloudtrail-authentication.ts';
import { AUTHENTICATION_EVENTS, accountChangeActivityOf } from './cloudtrail-classes.ts';
import type { CloudTrailInput } from './cloudtrail-shared.ts';
import { describeValue, isoTimeMs } from './cloudtrail-values.ts';
import { asRecord } from './common.ts';
import type { NormalizeResult, Normalizer } from './types.ts';

function failure(reason: string): NormalizeResult {
  return { ok: false, reason };
}

function success(event: OcsfEvent): NormalizeResult {
  return { ok: true, event };
}

/**
 * CloudTrail record (S3 file entry, NDJSON line, or EventBridge `detail`) → OCSF, following
 * Security Lake's split: sign-ins and STS credential calls are Authentication, IAM principal
 * changes are Account Change, every other call is API Activity.
 */
export const normalizeCloudTrail: Normalizer = (source) => {
  const record = asRecord(source.record);
  if (record === undefined)
    return failure(`CloudTrail record: expected a JSON object, got ${describeValue(source.record)}`);
  const eventName = record.eventName;
  if (typeof eventName !== 'string' || eventName.length === 0)
    return failure(
      `CloudTrail record: eventName must be a non-empty string, got ${describeValue(eventName)}`,
    );
  const eventId = record.eventID;
  if (typeof eventId !== 'string' || eventId.length === 0)
    return failure(
      `CloudTrail record ${eventName}: eventID must be a non-empty string, got ${describeValue(eventId)}`,
    );
  const eventTime = record.eventTime;
  const time = isoTimeMs(eventTime);
  if (time === undefined)
    return failure(
      `CloudTrail record ${eventId}: eventTime must be an ISO-8601 time, got ${describeValue(eventTime)}`,
    );
  const eventSource = record.eventSource;
  if (typeof eventSource !== 'string' || eventSource.length === 0)
    return failure(
      `CloudTrail record ${eventId}: eventSource must be a non-empty string, got ${describeValue(eventSource)}`,
    );
  const identity = asRecord(record.userIdentity);
  if (identity === undefined)
    return failure(
      `CloudTrail record ${eventId}: userIdentity must be an object, got ${describeValue(record.userIdentity)}`,
    );
  const actor = cloudTrailActor(identity);
  if (actor === undefined)
    return failure(
      `CloudTrail record ${eventId}: userIdentity names no principal (expected arn, principalId, userName, accountId or invokedBy)`,
    );
  const input: CloudTrailInput = { record, identity, actor, eventName, eventId, time, raw: source.raw };

  if (AUTHENTICATION_EVENTS.has(eventName)) {
    const event = cloudTrailAuthentication(input);
    return event !== undefined
      ? success(event)
      : failure(`CloudTrail record ${eventId}: ${eventName} names no user that logged on`);
  }
  const change = accountChangeActivityOf(eventSource, eventName, asRecord(record.requestParameters));
  if (change !== undefined) {
    const event = cloudTrailAccountChange(input, change);
    return event !== undefined
      ? success(event)
      : failure(`CloudTrail record ${eventId}: ${eventName} names no user it changes`);
  }
  const event = cloudTrailApiActivity(input);
  return event !== undefined
    ? success(event)
    : failure(
        `CloudTrail record ${eventId}: sourceIPAddress must name the caller for API Activity, got ${describeValue(record.sourceIPAddress)}`,
      );
};
