import { gunzipSync } from 'node:zlib';
import { emitReject, emitSkip } from './decode-context.ts';
import { describeValue, isJsonObject, jsonTypeName } from './describe-value.ts';
import { splitFlowTokens } from './flow-line.ts';
import type { RecordDispatcher } from './record-dispatcher.ts';
import type { RecordLocation } from './types.ts';

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Base64 text of a gzip (or plain) JSON payload: Kinesis/Firehose record data, `awslogs.data`. */
export function decodeBase64Payload(d: RecordDispatcher, text: string, location: RecordLocation): void {
  const ctx = d.ctx;
  if (text.length % 4 !== 0 || !BASE64_TEXT.test(text)) {
    emitReject(ctx, location, `invalid base64 payload (${text.length} characters)`, text);
    return;
  }
  let bytes: Buffer = Buffer.from(text, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: ctx.settings.maxRecordBytes });
    } catch (error) {
      emitReject(ctx, location, `base64 payload: gzip data cannot be inflated: ${errorMessage(error)}`, text);
      return;
    }
  }
  const json = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (json.charCodeAt(0) !== 123) {
    emitReject(ctx, location, 'base64 payload does not decode to a JSON object', json);
    return;
  }
  d.nest(location, text, () => d.text(json, location, 'line'));
}

/** CloudWatch Logs subscription payload: each logEvents[i].message is a flow line or a JSON record. */
function expandCloudWatchLogs(
  d: RecordDispatcher,
  payload: Record<string, unknown>,
  raw: string,
  at: RecordLocation,
) {
  const ctx = d.ctx;
  const type = payload.messageType;
  if (type === 'CONTROL_MESSAGE') {
    emitSkip(ctx, at, 'CloudWatch Logs CONTROL_MESSAGE (subscription health check, no log events)');
    return;
  }
  if (type !== 'DATA_MESSAGE') {
    const found = typeof type === 'string' ? `'${type.slice(0, 50)}'` : jsonTypeName(type);
    emitReject(
      ctx,
      at,
      `CloudWatch Logs payload: messageType must be DATA_MESSAGE or CONTROL_MESSAGE, got ${found}`,
      raw,
    );
    return;
  }
  const events = payload.logEvents;
  if (!Array.isArray(events)) {
    emitReject(
      ctx,
      at,
      `CloudWatch Logs payload: logEvents must be an array, got ${jsonTypeName(events)}`,
      raw,
    );
    return;
  }
  if (events.length === 0) {
    emitSkip(ctx, at, 'CloudWatch Logs DATA_MESSAGE without log events');
    return;
  }
  d.nest(at, raw, () => expandLogEvents(d, events, at));
}

function expandLogEvents(d: RecordDispatcher, events: unknown[], at: RecordLocation): void {
  const ctx = d.ctx;
  for (let index = 0; index < events.length; index++) {
    const event: unknown = events[index];
    const location = { ...at, index };
    const message = isJsonObject(event) ? event.message : undefined;
    if (typeof message !== 'string') {
      const found = isJsonObject(event) ? jsonTypeName(message) : describeValue(event);
      emitReject(ctx, location, `CloudWatch Logs logEvents[${index}].message must be a string, got ${found}`);
      continue;
    }
    const text = message.trim();
    if (text.charCodeAt(0) === 123) d.text(text, location, 'element');
    else d.flow(splitFlowTokens(text), ctx.defaultFlow, text, location);
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Base64 `data` of a Lambda `awslogs` trigger, a Kinesis event record or a Firehose record. */
function envelopeData(value: Record<string, unknown>): string | undefined {
  if (isJsonObject(value.awslogs)) return stringOrUndefined(value.awslogs.data);
  if (isJsonObject(value.kinesis)) return stringOrUndefined(value.kinesis.data);
  if (typeof value.recordId === 'string') return stringOrUndefined(value.data);
  return undefined;
}

/**
 * AWS delivery envelopes around records: CloudWatch Logs subscription payloads, the Lambda
 * `{"awslogs":{"data":…}}` trigger, Kinesis event records and Firehose records. False when
 * `value` is none of them.
 */
export function expandEnvelope(
  d: RecordDispatcher,
  value: Record<string, unknown>,
  raw: string,
  location: RecordLocation,
): boolean {
  if (typeof value.messageType === 'string' && ('logEvents' in value || 'logGroup' in value)) {
    expandCloudWatchLogs(d, value, raw, location);
    return true;
  }
  const data = envelopeData(value);
  if (data === undefined) return false;
  decodeBase64Payload(d, data, location);
  return true;
}
