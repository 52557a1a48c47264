import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createBatchDetector,
  decodeRecord,
  mergeFinding,
  openBatchMl,
  type QuarantineMessage,
  type StreamRecord,
} from '@vigil/batch-detect';
import type { DecodeItem } from '@vigil/decode';
import type { Analytic, Signal } from '@vigil/detect';
import { SEVERITY_NAME } from '@vigil/schema';
import {
  DynamoProfileStore,
  DynamoStateStore,
  recordFindings,
  type StateCache,
  sendToQueue,
} from '@vigil/store';
import type { Context, KinesisStreamBatchResponse, KinesisStreamRecord } from 'aws-lambda';
import type { DetectConfig } from './config.ts';
import type { KinesisEvent, KinesisEventRecord } from './kinesis-event.ts';
import type { DetectMl } from './load-ml.ts';

export interface BatchDeps {
  config: DetectConfig;
  analytics: readonly Analytic[];
  suppress?: (signal: Signal) => string | undefined;
  ml?: DetectMl;
  clock: () => number;
  logger: Logger;
  metrics: Metrics;
  clients: { dynamo: DynamoDBDocumentClient; eventBridge: EventBridgeClient; sqs: SQSClient };
  /** Shard state this warm instance holds between its batches. */
  stateCache: StateCache;
}

export function toStreamRecord(record: KinesisEventRecord): StreamRecord {
  const { kinesis } = record;
  return {
    id: record.eventID,
    shardId: record.eventID.slice(0, record.eventID.indexOf(':')),
    sequenceNumber: kinesis.sequenceNumber,
    partitionKey: kinesis.partitionKey,
    arrivalTime: Math.round(kinesis.approximateArrivalTimestamp * 1000),
    data: Buffer.from(kinesis.data, 'base64'),
  };
}

/**
 * One batch from one shard: load the shard's rule state, run every record through the detect
 * core (a throwing record is a batch item failure; an undecodable one is quarantined), then
 * make the results durable — quarantine, findings, bus events, state — before answering.
 * Any of those writes failing fails the whole batch, which Lambda retries: findings merge by uid
 * and the bus is fed from the table's outbox, so nothing repeats; quarantine is at least once.
 */
export async function runBatch(
  deps: BatchDeps,
  event: KinesisEvent,
  context: Context,
): Promise<KinesisStreamBatchResponse> {
  const { config, logger, metrics, clients } = deps;
  const first = event.Records[0]!;
  const stream = first.eventSourceARN.slice(first.eventSourceARN.lastIndexOf('/') + 1);
  const state = await DynamoStateStore.load(
    clients.dynamo,
    config.stateTable,
    `${stream}/${toStreamRecord(first).shardId}`,
    deps.stateCache,
  );
  const records = new Map(
    event.Records.map((r) => {
      const record = toStreamRecord(r);
      return [record.id, record] as const;
    }),
  );
  // Decoded once: the ML stage first reads which profiles the batch needs (one batched load),
  // then the records run. A record whose decoding throws (a defect) fails as its own item below.
  const decoded = new Map<string, DecodeItem[] | Error>();
  for (const [id, record] of records) {
    try {
      decoded.set(id, decodeRecord(record));
    } catch (error) {
      decoded.set(id, error as Error);
    }
  }
  const ml = deps.ml
    ? await openBatchMl({
        models: deps.ml.models,
        ipInfo: deps.ml.ipInfo,
        profiles: new DynamoProfileStore(clients.dynamo, config.profilesTable),
        state,
        records: [...records.values()].flatMap((record) => {
          const items = decoded.get(record.id);
          return Array.isArray(items) ? [{ record, items }] : [];
        }),
      })
    : undefined;
  const detector = createBatchDetector({
    analytics: deps.analytics,
    state,
    clock: deps.clock,
    ...(deps.suppress ? { suppress: deps.suppress } : {}),
    ...(ml ? { observer: ml.observer, normalize: ml.normalize } : {}),
  });
  const quarantined: QuarantineMessage[] = [];
  const response = await processPartialResponse(
    event as unknown as { Records: KinesisStreamRecord[] },
    async (record: KinesisStreamRecord) => {
      try {
        const stream = records.get(record.eventID)!;
        const items = decoded.get(record.eventID);
        if (items instanceof Error) throw items;
        ml?.begin(stream);
        const outcome = detector.process(stream, items);
        if (outcome.quarantine) quarantined.push(outcome.quarantine);
      } catch (error) {
        logger.error('record failed; reported as a batch item failure', {
          eventID: record.eventID,
          error: error as Error,
        });
        throw error;
      }
    },
    new BatchProcessor(EventType.KinesisDataStreams),
    { context, processInParallel: false },
  );
  // Models score the batch's rows in one call each; their signals join the rules' findings.
  if (ml) detector.raise(await ml.score());
  const { findings, stats } = detector.finish();
  await sendToQueue(clients.sqs, config.dlqUrl, quarantined);
  const written = await recordFindings(
    {
      store: {
        client: clients.dynamo,
        table: config.findingsTable,
        retentionDays: config.retentionDays,
        merge: mergeFinding,
      },
      eventBridge: clients.eventBridge,
      bus: config.findingsBus,
    },
    findings,
  );
  // Profiles first, then the carry with the rule state: a failure in between makes the retry
  // count this batch's events in the profiles twice, never lose them.
  const carried = ml ? await ml.save() : undefined;
  await state.save();
  if (state.oversized.length > 0) {
    logger.warn('rule state too large for one item was forgotten', { keys: state.oversized.slice(0, 20) });
    metrics.addMetric('StateOversized', MetricUnit.Count, state.oversized.length);
  }

  metrics.addMetric('Records', MetricUnit.Count, event.Records.length);
  metrics.addMetric('Events', MetricUnit.Count, stats.events);
  metrics.addMetric('Rejects', MetricUnit.Count, stats.rejected);
  metrics.addMetric('Quarantined', MetricUnit.Count, quarantined.length);
  metrics.addMetric('ItemFailures', MetricUnit.Count, response.batchItemFailures.length);
  metrics.addMetric('FindingsUpdated', MetricUnit.Count, written.updated.length);
  const bySeverity = new Map<number, number>();
  for (const { finding: f } of written.created)
    bySeverity.set(f.severity_id, (bySeverity.get(f.severity_id) ?? 0) + 1);
  for (const [severity, count] of bySeverity) {
    metrics
      .singleMetric()
      .addDimension('severity', SEVERITY_NAME[severity] ?? String(severity))
      .addMetric('Findings', MetricUnit.Count, count);
  }
  logger.info('batch done', {
    records: event.Records.length,
    events: stats.events,
    quarantined: quarantined.length,
    state: { keys: state.size, loadedFrom: state.loadedFrom },
    ...(ml ? { ml: { ...carried, alreadyObserved: ml.skipped } } : {}),
    itemFailures: response.batchItemFailures.length,
    findings: {
      created: written.created.length,
      updated: written.updated.length,
      unchanged: written.unchanged,
      republished: written.unpublished.length,
    },
  });
  return response;
}
