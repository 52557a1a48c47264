import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { Analytic, Signal } from '@vigil/detect';
import { documentClient, StateCache } from '@vigil/store';
import type { Context } from 'aws-lambda';
import type { DetectConfig } from './config.ts';
import { PartialBatchError } from './errors.ts';
import { type KinesisEvent, KinesisEventSchema } from './kinesis-event.ts';
import type { DetectMl } from './load-ml.ts';
import { runBatch } from './run-batch.ts';

/** How long a processed batch is remembered: a redelivery within a day answers from the record. */
const IDEMPOTENCY_SECONDS = 86_400;

export interface Detection {
  analytics: readonly Analytic[];
  suppress?: (signal: Signal) => string | undefined;
  /** Models and IP tables: the ML stage runs after the analytics when present. */
  ml?: DetectMl;
}

/** The detect Lambda: Powertools middlewares around one batch run. */
export function createHandler(config: DetectConfig, detection: Detection, clock: () => number = Date.now) {
  const logger = new Logger();
  const metrics = new Metrics();
  const tracer = new Tracer();
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({}));
  const clients = {
    dynamo: documentClient(dynamo),
    eventBridge: tracer.captureAWSv3Client(new EventBridgeClient({})),
    sqs: tracer.captureAWSv3Client(new SQSClient({})),
  };
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: config.idempotencyTable,
    awsSdkV3Client: dynamo,
  });
  // The whole batch is the unit: a redelivered batch (same event ids) that fully succeeded
  // answers from the stored record. Batches with item failures are not stored, so retries run.
  const idempotency = new IdempotencyConfig({
    eventKeyJmesPath: 'Records[*].eventID',
    expiresAfterSeconds: IDEMPOTENCY_SECONDS,
  });
  const deps = { config, ...detection, clock, logger, metrics, clients, stateCache: new StateCache() };
  let ran = false;
  const processBatch = makeIdempotent(
    async (event: KinesisEvent, context: Context) => {
      ran = true;
      const response = await runBatch(deps, event, context);
      if (response.batchItemFailures.length > 0) throw new PartialBatchError(response);
      return response;
    },
    { persistenceStore, config: idempotency },
  );

  return middy(async (event: KinesisEvent, context: Context) => {
    const first = event.Records[0]!;
    logger.setCorrelationId(first.eventID);
    logger.appendKeys({ shardId: first.eventID.slice(0, first.eventID.indexOf(':')) });
    idempotency.registerLambdaContext(context);
    ran = false;
    try {
      const response = await processBatch(event, context);
      // A redelivered batch answered from the idempotency table: counted, so replays are visible.
      if (!ran) metrics.addMetric('BatchesReplayed', MetricUnit.Count, 1);
      return response;
    } catch (error) {
      if (error instanceof PartialBatchError) return error.response;
      throw error;
    }
  })
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(parser({ schema: KinesisEventSchema }));
}
