import type { Classification } from './classification.ts';
import { isJsonObject, jsonTypeName } from './describe-value.ts';

/** EventBridge detail types that carry a CloudTrail record in `detail`. */
const CLOUDTRAIL_DETAIL_TYPES: ReadonlySet<string> = new Set([
  'AWS API Call via CloudTrail',
  'AWS Console Sign In via CloudTrail',
  'AWS Service Event via CloudTrail',
  'AWS Console Action via CloudTrail',
]);

const CLOUDTRAIL: Classification = { source: 'cloudtrail', variant: 'record' };
const EVENTBRIDGE: Classification = { source: 'cloudtrail', variant: 'eventbridge' };

/** CloudTrail record or EventBridge envelope; undefined when the object is neither. */
export function classifyAws(value: Record<string, unknown>): Classification | undefined {
  const eventSource = value.eventSource;
  if (typeof value.eventName === 'string' && typeof eventSource === 'string') {
    // Lambda event-source records (S3, Kinesis, SQS…) also carry eventName/eventSource, as `aws:<service>`.
    if (eventSource.startsWith('aws:')) {
      return { reason: `AWS Lambda event record (eventSource ${eventSource}) is not a CloudTrail record` };
    }
    return CLOUDTRAIL;
  }
  const detailType = value['detail-type'];
  if (typeof detailType !== 'string') return undefined;
  if (!CLOUDTRAIL_DETAIL_TYPES.has(detailType)) {
    return {
      reason: `EventBridge event detail-type '${detailType.slice(0, 100)}' is not a CloudTrail event (expected ${[...CLOUDTRAIL_DETAIL_TYPES].join(', ')})`,
    };
  }
  const detail = value.detail;
  if (!isJsonObject(detail)) {
    return { reason: `EventBridge CloudTrail event: detail must be an object, got ${jsonTypeName(detail)}` };
  }
  if (typeof detail.eventName !== 'string') {
    return {
      reason: `EventBridge CloudTrail event: detail.eventName must be a string, got ${jsonTypeName(detail.eventName)}`,
    };
  }
  return EVENTBRIDGE;
}
