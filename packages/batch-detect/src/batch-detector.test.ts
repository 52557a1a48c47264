import { gzipSync } from 'node:zlib';
import { type Analytic, MemoryStateStore } from '@vigil/detect';
import { describe, expect, it } from 'vitest';
import { createBatchDetector } from './batch-detector.ts';
import { eventBridgeEnvelope } from './producer-shapes.ts';
import { MAX_QUARANTINE_BYTES } from './quarantine.ts';
import { everyEvent } from './test-findings.test-helper.ts';
import type { StreamRecord } from './types.ts';

let seq = 0;
function record(data: string | Uint8Array): StreamRecord {
  seq++;
  return {
    id: `shardId-000000000000:${seq}`,
    shardId: 'shardId-000000000000',
    sequenceNumber: String(seq),
    partitionKey: 'p',
    arrivalTime: 1_700_000_000_000,
    data: typeof data === 'string' ? Buffer.from(data) : data,
  };
}

const trail = (eventID: string, eventName = 'StopLogging') => ({
  eventVersion: '1.09',
  userIdentity: {
    type: 'IAMUser',
    arn: 'arn:aws:iam::111122223333:user/alice',
    accountId: '111122223333',
    principalId: 'AIDA',
    userName: 'alice',
  },
  eventTime: '2024-03-05T14:00:00Z',
  eventSource: 'cloudtrail.amazonaws.com',
  eventName,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.10',
  requestParameters: { name: 'trail' },
  responseElements: null,
  eventID,
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
});

function detector(analytics: readonly Analytic[] = [everyEvent]) {
  return createBatchDetector({ analytics, state: new MemoryStateStore(), clock: () => 0 });
}

describe('createBatchDetector', () => {
  it('detects over EventBridge envelopes, gzip payloads and JSON lines, in one finding per key', () => {
    const d = detector();
    expect(d.process(record(JSON.stringify(eventBridgeEnvelope(trail('a'))))).events).toBe(1);
    expect(d.process(record(gzipSync(`${JSON.stringify(trail('b'))}\n`))).events).toBe(1);
    expect(d.process(record(`${JSON.stringify(trail('c'))}\n${JSON.stringify(trail('d'))}\n`)).events).toBe(
      2,
    );
    const { findings, stats } = d.finish();
    expect(stats.events).toBe(4);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.finding_info.related_events.map((e) => e.uid)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('quarantines the rejected part of a record, with a bounded copy of its bytes', () => {
    const d = detector();
    const big = `${JSON.stringify(trail('ok'))}\n{"truncated":\n${'x'.repeat(MAX_QUARANTINE_BYTES)}\n`;
    const outcome = d.process(record(big));
    expect(outcome.events).toBe(1);
    const q = outcome.quarantine!;
    expect(q.kind).toBe('quarantine');
    expect(q.rejectCount).toBeGreaterThanOrEqual(1);
    expect(q.reason).toMatch(/JSON/);
    expect(q.truncated).toBe(true);
    expect(Buffer.from(q.data, 'base64').byteLength).toBe(MAX_QUARANTINE_BYTES);
    expect(q.dataBytes).toBe(Buffer.byteLength(big));
    expect(q.recordId).toBe(`${q.shardId}:${q.sequenceNumber}`);
  });

  it('quarantines a record that carries nothing', () => {
    const outcome = detector().process(record('   \n'));
    expect(outcome.quarantine?.reason).toBe('record carries no data');
  });

  it('lets a throwing analytic surface, so the caller reports the record as failed', () => {
    const boom: Analytic = {
      info: { uid: 'boom', name: 'boom', type_id: 1 },
      evaluate() {
        throw new Error('defect');
      },
    };
    const d = detector([boom]);
    expect(() => d.process(record(JSON.stringify(trail('x'))))).toThrow('defect');
  });
});
