import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createBatchDetector,
  mergeFinding,
  type QuarantineMessage,
  type StreamRecord,
} from '@vigil/batch-detect';
import type { Analytic, Signal } from '@vigil/detect';
import { SEVERITY_NAME } from '@vigil/schema';
import { DynamoStateStore, recordFindings, type StateCache, sendToQueue } from '@vigil/store';
import type { Context, KinesisStreamBatchResponse, KinesisStreamRecord } from 'aws-lambda';
import type { DetectConfig } from './config.ts';
import type { KinesisEvent, KinesisEventRecord } from './kinesis-event.ts';

export interface BatchDeps {
  config: DetectConfig;
  analytics: readonly Analytic[];
  suppress?: (signal: Signal) => string | undefined;
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
  const detector = createBatchDetector({
    analytics: deps.analytics,
    state,
    clock: deps.clock,
    ...(deps.suppress ? { suppress: deps.suppress } : {}),
  });
  const quarantined: QuarantineMessage[] = [];
  const response = await processPartialResponse(
    event as unknown as { Records: KinesisStreamRecord[] },
    async (record: KinesisStreamRecord) => {
      try {
        const outcome = detector.process(toStreamRecord(record as unknown as KinesisEventRecord));
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
