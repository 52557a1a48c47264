import type { Actor, Api, Cloud, NetworkEndpoint } from '@vigil/schema';
import { STATUS } from '@vigil/schema';
import {
  cloudTrailApi,
  cloudTrailCloud,
  cloudTrailMetadata,
  cloudTrailSrcEndpoint,
} from './cloudtrail-parts.ts';
import { asRecord, asString } from './common.ts';

/** Class, activity and severity attributes, as `classification()` builds them. */
export interface EventHead {
  class_uid: number;
  class_name: string;
  category_uid: number;
  category_name: string;
  activity_id: number;
  activity_name: string;
  type_uid: number;
  type_name: string;
  severity_id: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 99;
  severity: string | undefined;
}

/** What the normalizer has already checked and read from the record. */
export interface CloudTrailInput {
  record: Record<string, unknown>;
  identity: Record<string, unknown>;
  actor: Actor;
  eventName: string;
  eventId: string;
  time: number;
  raw: string;
}

/** Attributes every CloudTrail event carries, whatever its class. */
export interface CloudTrailBase extends EventHead {
  time: number;
  metadata: ReturnType<typeof cloudTrailMetadata>;
  cloud: Cloud;
  actor: Actor;
  /** Absent when the record has neither `sourceIPAddress` nor `vpcEndpointId`. */
  src_endpoint?: NetworkEndpoint;
  api: Api;
  http_request?: { user_agent: string };
  status_id: 1 | 2;
  status: string;
  status_code?: string;
  status_detail?: string;
  raw_data: string;
}

/**
 * A call failed when CloudTrail recorded an `errorCode`, or when a sign-in event answers
 * `Failure` under its own name (`responseElements.ConsoleLogin`, `responseElements.CheckMfa`).
 */
function failed(record: Record<string, unknown>, eventName: string): boolean {
  if (asString(record.errorCode) !== undefined) return true;
  return asRecord(record.responseElements)?.[eventName] === 'Failure';
}

/**
 * The event with its class head and every attribute the classes share. Written as one object
 * literal on purpose: `{ ...head, more }` is two orders of magnitude slower in V8, and this runs
 * once per record.
 */
export function cloudTrailBase(head: EventHead, input: CloudTrailInput): CloudTrailBase {
  const { record, eventName, eventId } = input;
  const isFailure = failed(record, eventName);
  const event: CloudTrailBase = {
    class_uid: head.class_uid,
    class_name: head.class_name,
    category_uid: head.category_uid,
    category_name: head.category_name,
    activity_id: head.activity_id,
    activity_name: head.activity_name,
    type_uid: head.type_uid,
    type_name: head.type_name,
    severity_id: head.severity_id,
    severity: head.severity,
    time: input.time,
    metadata: cloudTrailMetadata(record, eventId, eventName),
    cloud: cloudTrailCloud(record, input.identity),
    actor: input.actor,
    api: cloudTrailApi(record, eventName, eventId),
    status_id: isFailure ? STATUS.FAILURE : STATUS.SUCCESS,
    status: isFailure ? 'Failure' : 'Success',
    raw_data: input.raw,
  };
  const endpoint = cloudTrailSrcEndpoint(record);
  if (endpoint !== undefined) event.src_endpoint = endpoint;
  const userAgent = asString(record.userAgent);
  if (userAgent !== undefined) event.http_request = { user_agent: userAgent };
  const errorCode = asString(record.errorCode);
  if (errorCode !== undefined) event.status_code = errorCode;
  const errorMessage = asString(record.errorMessage);
  if (errorMessage !== undefined) event.status_detail = errorMessage;
  return event;
}
