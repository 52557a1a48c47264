import { randomUUID } from 'node:crypto';
import {
  type _Record,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import type {
  Context,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
} from 'aws-lambda';
import { REGION } from './loopback.ts';

const ACCOUNT = '000000000000';

export type KinesisHandler = (
  event: KinesisStreamEvent,
  context: Context,
) => Promise<KinesisStreamBatchResponse | undefined>;

/** What Lambda sends to an on-failure destination when it gives up on part of a shard. */
export interface OnFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetryAttemptsExhausted';
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError?: 'Unhandled' };
  version: '1.0';
  timestamp: string;
  KinesisBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export interface EventSourceOptions {
  kinesis: KinesisClient;
  stream: string;
  handler: KinesisHandler;
  /** Records per invocation at most (the mapping's BatchSize). */
  batchSize?: number;
  /** The mapping's MaximumRetryAttempts. */
  maxRetries?: number;
  /** The mapping's BisectBatchOnFunctionError. */
  bisectOnError?: boolean;
  /** The on-failure destination (e.g. an SQS send). */
  onFailure?: (record: OnFailureRecord) => Promise<void>;
  functionName?: string;
  /** Function timeout, for `context.getRemainingTimeInMillis()`. */
  timeoutMs?: number;
  clock?: () => number;
}

export interface EventSourceStats {
  invocations: number;
  /** Records passed to the function, counting every re-delivery. */
  delivered: number;
  /** Re-invocations that consumed the retry quota. */
  retries: number;
  bisections: number;
  /** Items the function reported in `batchItemFailures`. */
  itemFailures: number;
  functionErrors: number;
  /** Records handed to the on-failure destination. */
  discarded: number;
  /** Records the function acknowledged (delivered and not failed in the attempt that ended them). */
  succeeded: number;
}

export interface EventSource {
  /** Reads every shard to its current end and invokes the handler until each batch is settled. */
  drain(): Promise<number>;
  readonly stats: EventSourceStats;
}

interface Work {
  records: KinesisStreamRecord[];
  attempts: number;
}

/**
 * A local Kinesis event source mapping, as Lambda documents it: per shard, GetRecords in order,
 * one invocation per batch with real `KinesisStreamEvent` shapes; `batchItemFailures` move the
 * checkpoint to the lowest failed sequence number and the rest is retried (counting an attempt);
 * a function error bisects the batch (without counting) or retries it; past the retry quota the
 * batch's metadata goes to the on-failure destination and the shard moves on.
 */
export function createEventSource(options: EventSourceOptions): EventSource {
  const { kinesis, stream, handler } = options;
  const batchSize = options.batchSize ?? 100;
  const maxRetries = options.maxRetries ?? 2;
  const bisect = options.bisectOnError ?? true;
  const clock = options.clock ?? Date.now;
  const functionName = options.functionName ?? 'vigil-detect';
  const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`;
  const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${stream}`;
  const iterators = new Map<string, string>();
  const stats: EventSourceStats = {
    invocations: 0,
    delivered: 0,
    retries: 0,
    bisections: 0,
    itemFailures: 0,
    functionErrors: 0,
    discarded: 0,
    succeeded: 0,
  };

  function toEventRecord(shardId: string, r: _Record): KinesisStreamRecord {
    return {
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: r.PartitionKey!,
        sequenceNumber: r.SequenceNumber!,
        data: Buffer.from(r.Data ?? new Uint8Array()).toString('base64'),
        approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp?.getTime() ?? clock()) / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${shardId}:${r.SequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/${functionName}`,
      awsRegion: REGION,
      eventSourceARN: streamArn,
    };
  }

  function context(): Context {
    const deadline = clock() + (options.timeoutMs ?? 60_000);
    const requestId = randomUUID();
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: functionArn,
      memoryLimitInMB: '1024',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: `${new Date(clock()).toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${requestId.replaceAll('-', '')}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - clock()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }

  /** One invocation; the response goes through JSON as it would over the Lambda API. */
  async function invoke(records: KinesisStreamRecord[]): Promise<{ failed?: string[]; error?: unknown }> {
    stats.invocations++;
    stats.delivered += records.length;
    try {
      const response = await handler({ Records: records }, context());
      const parsed = response === undefined ? undefined : (JSON.parse(JSON.stringify(response)) as unknown);
      const failures = (parsed as KinesisStreamBatchResponse | undefined)?.batchItemFailures ?? [];
      const ids = failures.map((f) => f.itemIdentifier);
      // Lambda treats an identifier that is not a sequence number of the batch as a full failure.
      const known = new Set(records.map((r) => r.kinesis.sequenceNumber));
      if (ids.some((id) => typeof id !== 'string' || !known.has(id))) {
        return { error: new Error(`invalid batchItemFailures ${JSON.stringify(ids)}`) };
      }
      return { failed: ids };
    } catch (error) {
      return { error };
    }
  }

  async function discard(shardId: string, work: Work, functionError: boolean): Promise<void> {
    const first = work.records[0]!;
    const last = work.records[work.records.length - 1]!;
    stats.discarded += work.records.length;
    await options.onFailure?.({
      requestContext: {
        requestId: randomUUID(),
        functionArn,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: work.attempts + 1,
      },
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(functionError ? { functionError: 'Unhandled' as const } : {}),
      },
      version: '1.0',
      timestamp: new Date(clock()).toISOString(),
      KinesisBatchInfo: {
        shardId,
        startSequenceNumber: first.kinesis.sequenceNumber,
        endSequenceNumber: last.kinesis.sequenceNumber,
        approximateArrivalOfFirstRecord: new Date(
          first.kinesis.approximateArrivalTimestamp * 1000,
        ).toISOString(),
        approximateArrivalOfLastRecord: new Date(
          last.kinesis.approximateArrivalTimestamp * 1000,
        ).toISOString(),
        batchSize: work.records.length,
        streamArn,
      },
    });
  }

  async function settle(shardId: string, records: KinesisStreamRecord[]): Promise<void> {
    const queue: Work[] = [{ records, attempts: 0 }];
    while (queue.length > 0) {
      const work = queue.shift()!;
      const result = await invoke(work.records);
      if (result.error !== undefined) {
        stats.functionErrors++;
        if (bisect && work.records.length > 1) {
          stats.bisections++;
          const half = Math.ceil(work.records.length / 2);
          queue.unshift(
            { records: work.records.slice(0, half), attempts: work.attempts },
            { records: work.records.slice(half), attempts: work.attempts },
          );
        } else if (work.attempts < maxRetries) {
          stats.retries++;
          queue.unshift({ records: work.records, attempts: work.attempts + 1 });
        } else {
          await discard(shardId, work, true);
        }
        continue;
      }
      const failed = new Set(result.failed);
      stats.itemFailures += failed.size;
      const lowest = work.records.findIndex((r) => failed.has(r.kinesis.sequenceNumber));
      if (lowest < 0) {
        stats.succeeded += work.records.length;
        continue;
      }
      stats.succeeded += lowest;
      const rest = { records: work.records.slice(lowest), attempts: work.attempts + 1 };
      if (work.attempts < maxRetries) {
        stats.retries++;
        queue.unshift(rest);
      } else {
        await discard(shardId, { ...rest, attempts: work.attempts }, false);
      }
    }
  }

  async function shards(): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const out = await kinesis.send(
        new ListShardsCommand(token ? { NextToken: token } : { StreamName: stream }),
      );
      for (const s of out.Shards ?? []) ids.push(s.ShardId!);
      token = out.NextToken;
    } while (token);
    return ids;
  }

  return {
    stats,
    async drain() {
      let read = 0;
      for (const shardId of await shards()) {
        let iterator = iterators.get(shardId);
        if (!iterator) {
          const out = await kinesis.send(
            new GetShardIteratorCommand({
              StreamName: stream,
              ShardId: shardId,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          );
          iterator = out.ShardIterator!;
        }
        for (;;) {
          const out: GetRecordsCommandOutput = await kinesis.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }),
          );
          iterator = out.NextShardIterator!;
          const records = out.Records ?? [];
          if (records.length === 0) break;
          read += records.length;
          await settle(
            shardId,
            records.map((r) => toEventRecord(shardId, r)),
          );
        }
        iterators.set(shardId, iterator!);
      }
      return read;
    },
  };
}
