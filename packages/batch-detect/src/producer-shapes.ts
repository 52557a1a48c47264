import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type DecodeItem, decodeStream, type SourceRecord } from '@vigil/decode';

/** CloudWatch Logs puts at most this many log events in one subscription payload here. */
const FLOW_LINES_PER_PAYLOAD = 20;

/** One record's bytes as a producer puts them on the stream, with the partition key it uses. */
export interface StreamPayload {
  data: Uint8Array;
  partitionKey: string;
}

/**
 * The EventBridge event an "AWS API Call via CloudTrail" rule delivers to its Kinesis target:
 * the CloudTrail record is the `detail`. The id is derived from the record's eventID so the
 * same input always gives the same bytes.
 */
export function eventBridgeEnvelope(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const eventSource = String(record.eventSource ?? 'unknown.amazonaws.com');
  const digest = createHash('sha256')
    .update(String(record.eventID ?? JSON.stringify(record)))
    .digest('hex');
  return {
    version: '0',
    id: `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`,
    'detail-type':
      record.eventType === 'AwsConsoleSignIn'
        ? 'AWS Console Sign In via CloudTrail'
        : 'AWS API Call via CloudTrail',
    source: `aws.${eventSource.split('.')[0]}`,
    account: String(record.recipientAccountId ?? '000000000000'),
    time: String(record.eventTime ?? '1970-01-01T00:00:00Z').replace(/\.\d+Z$/, 'Z'),
    region: String(record.awsRegion ?? 'us-east-1'),
    resources: [],
    detail: record,
  };
}

/** A CloudWatch Logs subscription payload (gzip JSON) as a Logs destination writes it to Kinesis. */
export function cloudWatchLogsPayload(
  logGroup: string,
  lines: readonly string[],
  timestamp: number,
): Uint8Array {
  return gzipSync(
    JSON.stringify({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup,
      logStream: 'eni-all',
      subscriptionFilters: ['vigil-raw-events'],
      logEvents: lines.map((message, i) => ({
        id: createHash('sha256').update(message).digest('hex').slice(0, 56),
        timestamp: timestamp + i,
        message,
      })),
    }),
  );
}

/**
 * Turns the decoded items of one input file into what Vigil's producers would put on the
 * stream: CloudTrail records as EventBridge envelopes, default-format flow lines as CloudWatch
 * Logs payloads, custom-format flow lines as text under their header, Azure and GCP records as
 * the JSON lines the pollers write. Input that was rejected goes on as its raw text, so the
 * consumer meets malformed data too; items that carry no event are dropped.
 */
export function streamPayloads(items: Iterable<DecodeItem>, file: string): StreamPayload[] {
  const out: StreamPayload[] = [];
  let flows: SourceRecord[] = [];
  const flushFlows = () => {
    for (let i = 0; i < flows.length; i += FLOW_LINES_PER_PAYLOAD) {
      const chunk = flows.slice(i, i + FLOW_LINES_PER_PAYLOAD);
      const lines = chunk.map((r) => r.raw);
      const first = chunk[0]!;
      const data =
        first.variant === 'v2'
          ? cloudWatchLogsPayload(`/vpc/flow-logs/${file}`, lines, 1_700_000_000_000)
          : Buffer.from(`${Object.keys(first.record).join(' ')}\n${lines.join('\n')}\n`);
      out.push({ data, partitionKey: 'vpcflow' });
    }
    flows = [];
  };
  for (const item of items) {
    if (item.kind === 'skip') continue;
    if (item.kind === 'reject') {
      if (item.value.raw) out.push({ data: Buffer.from(item.value.raw), partitionKey: 'rejects' });
      continue;
    }
    const record = item.value;
    if (record.source === 'vpcflow') {
      if (flows.length > 0 && flows[0]!.variant !== record.variant) flushFlows();
      flows.push(record);
      continue;
    }
    const text =
      record.source === 'cloudtrail' && record.variant !== 'eventbridge'
        ? JSON.stringify(eventBridgeEnvelope(record.record))
        : record.raw;
    out.push({ data: Buffer.from(text), partitionKey: record.source });
  }
  flushFlows();
  return out;
}

/** A sample file's records as the producers would put them on the stream (see `streamPayloads`). */
export async function payloadsFromFile(path: string): Promise<StreamPayload[]> {
  const items: DecodeItem[] = [];
  for await (const batch of decodeStream(createReadStream(path), { file: path })) items.push(...batch);
  return streamPayloads(items, path);
}
