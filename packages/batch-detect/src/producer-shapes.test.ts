import { gunzipSync } from 'node:zlib';
import { createDecoder, type DecodeItem } from '@vigil/decode';
import { describe, expect, it } from 'vitest';
import { cloudWatchLogsPayload, eventBridgeEnvelope, streamPayloads } from './producer-shapes.ts';

function decode(data: Uint8Array | string): DecodeItem[] {
  const items: DecodeItem[] = [];
  const decoder = createDecoder({ file: 't', format: 'auto' }, (i) => items.push(i));
  decoder.write(data);
  decoder.end();
  return items;
}

describe('producer shapes', () => {
  const record = {
    eventID: 'id-1',
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    eventTime: '2024-03-05T14:00:00.123Z',
    awsRegion: 'eu-west-1',
    recipientAccountId: '111122223333',
    eventVersion: '1.09',
    userIdentity: { type: 'Root' },
  };

  it('wraps a CloudTrail record the way an EventBridge rule delivers it, deterministically', () => {
    const envelope = eventBridgeEnvelope(record);
    expect(envelope).toMatchObject({
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.iam',
      account: '111122223333',
      region: 'eu-west-1',
      time: '2024-03-05T14:00:00Z',
      detail: record,
    });
    expect(eventBridgeEnvelope(record).id).toBe(envelope.id);
    const items = decode(JSON.stringify(envelope));
    expect(items.map((i) => i.kind === 'record' && i.value.variant)).toEqual(['eventbridge']);
  });

  it('builds CloudWatch Logs payloads the decoder reads as flow records', () => {
    const line = '2 123456789012 eni-0a 10.0.0.1 10.0.0.2 443 49152 6 10 840 1709647200 1709647260 ACCEPT OK';
    const payload = cloudWatchLogsPayload('/vpc/flow', [line, line.replace('443', '22')], 1);
    expect(JSON.parse(gunzipSync(payload).toString()).messageType).toBe('DATA_MESSAGE');
    expect(decode(payload).filter((i) => i.kind === 'record')).toHaveLength(2);
  });

  it('turns decoded items into payloads that decode to the same records, rejects kept as raw text', () => {
    const flow = '2 123456789012 eni-0a 10.0.0.1 10.0.0.2 443 49152 6 10 840 1709647200 1709647260 ACCEPT OK';
    const items = [...decode(`${JSON.stringify(record)}\n{"broken":\n`), ...decode(`${flow}\n`)];
    const payloads = streamPayloads(items, 'mixed');
    const raws = (list: DecodeItem[]) => list.flatMap((i) => (i.kind === 'record' ? [i.value.raw] : []));
    const again = payloads.flatMap((p) => decode(p.data));
    expect(again.filter((i) => i.kind === 'reject')).toHaveLength(
      items.filter((i) => i.kind === 'reject').length,
    );
    expect(raws(again).filter((r) => !r.startsWith('{"version":"0"'))).toEqual(
      raws(items).filter((r) => !r.startsWith('{"eventID"')),
    );
    expect(payloads.map((p) => p.partitionKey).sort()).toEqual(['cloudtrail', 'rejects', 'vpcflow']);
  });
});
