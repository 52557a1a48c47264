import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateStreamCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { KinesisStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventSource, type KinesisHandler, type OnFailureRecord } from './kinesis-event-source.ts';
import { type Loopback, startKinesalite } from './loopback.ts';

describe('local Kinesis event source mapping on kinesalite', () => {
  let kinesis: Loopback<KinesisClient>;
  let sequence: string[];
  beforeAll(async () => {
    kinesis = await startKinesalite();
    await kinesis.client.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    const out = await kinesis.client.send(
      new PutRecordsCommand({
        StreamName: 's',
        Records: Array.from({ length: 10 }, (_, i) => ({ Data: Buffer.from(`r${i}`), PartitionKey: 'p' })),
      }),
    );
    sequence = out.Records!.map((r) => r.SequenceNumber!);
  });
  afterAll(() => kinesis?.stop());

  const bodies = (e: KinesisStreamEvent) =>
    e.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString());

  /** A source over the stream in batches of 10 that records each batch's bodies and every on-failure record. */
  function recording(maxRetries: number, handler: KinesisHandler) {
    const seen: string[][] = [];
    const failures: OnFailureRecord[] = [];
    const source = createEventSource({
      kinesis: kinesis.client,
      stream: 's',
      batchSize: 10,
      maxRetries,
      onFailure: async (f) => void failures.push(f),
      handler: async (e, context) => {
        seen.push(bodies(e));
        return handler(e, context);
      },
    });
    return { source, seen, failures };
  }

  it('delivers real Kinesis event shapes, in order, in batches of BatchSize', async () => {
    const seen: KinesisStreamEvent[] = [];
    const source = createEventSource({
      kinesis: kinesis.client,
      stream: 's',
      batchSize: 4,
      handler: async (e) => void seen.push(e),
    });
    expect(await source.drain()).toBe(10);
    expect(seen.map(bodies)).toEqual([
      ['r0', 'r1', 'r2', 'r3'],
      ['r4', 'r5', 'r6', 'r7'],
      ['r8', 'r9'],
    ]);
    const r = seen[0]!.Records[0]!;
    expect(r).toMatchObject({
      eventSource: 'aws:kinesis',
      eventName: 'aws:kinesis:record',
      eventID: `shardId-000000000000:${sequence[0]}`,
      eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
    });
    expect(r.kinesis.approximateArrivalTimestamp).toBeGreaterThan(1_000_000_000);
    expect(await source.drain()).toBe(0);
  });

  it('retries from the lowest failed item, then sends the rest on-failure', async () => {
    const { source, seen, failures } = recording(1, async (e) => ({
      batchItemFailures: e.Records.filter((x) => bodies({ Records: [x] })[0] === 'r6').map((x) => ({
        itemIdentifier: x.kinesis.sequenceNumber,
      })),
    }));
    await source.drain();
    expect(seen).toEqual([Array.from({ length: 10 }, (_, i) => `r${i}`), ['r6', 'r7', 'r8', 'r9']]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200 },
      KinesisBatchInfo: {
        shardId: 'shardId-000000000000',
        startSequenceNumber: sequence[6],
        endSequenceNumber: sequence[9],
        batchSize: 4,
      },
    });
    expect(source.stats).toMatchObject({ succeeded: 6, discarded: 4, retries: 1, itemFailures: 2 });
  });

  it('bisects a failing batch down to the record that throws, without spending retries on splits', async () => {
    const { source, seen, failures } = recording(2, async (e) => {
      if (bodies(e).includes('r3')) throw new Error('poison');
      return { batchItemFailures: [] };
    });
    await source.drain();
    expect(seen.slice(0, 5)).toEqual([
      ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'],
      ['r0', 'r1', 'r2', 'r3', 'r4'],
      ['r0', 'r1', 'r2'],
      ['r3', 'r4'],
      ['r3'],
    ]);
    expect(seen.filter((b) => b.length === 1 && b[0] === 'r3')).toHaveLength(3);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      responseContext: { functionError: 'Unhandled' },
      KinesisBatchInfo: { startSequenceNumber: sequence[3], endSequenceNumber: sequence[3], batchSize: 1 },
    });
    expect(source.stats).toMatchObject({ succeeded: 9, discarded: 1, retries: 2 });
  });

  it('treats an itemIdentifier that is not in the batch as a failure of the whole batch', async () => {
    let calls = 0;
    const source = createEventSource({
      kinesis: kinesis.client,
      stream: 's',
      batchSize: 10,
      maxRetries: 0,
      bisectOnError: false,
      handler: async () => {
        calls++;
        return { batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] };
      },
    });
    await source.drain();
    expect(calls).toBe(1);
    expect(source.stats).toMatchObject({ functionErrors: 1, discarded: 10 });
  });
});
