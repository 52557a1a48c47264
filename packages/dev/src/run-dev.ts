import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { payloadsFromFile, type StreamPayload } from '@vigil/batch-detect/producers';
import { DEFAULT_MODELS_DIR, loadDetection, resolveInputs } from '@vigil/cli';
import { bundledIpDatabasePaths } from '@vigil/features';
import { readConfig } from '@vigil/fn-detect/config';
import { createHandler } from '@vigil/fn-detect/create-handler';
import { loadMl } from '@vigil/fn-detect/load-ml';
import { CATALOG_DIR } from '@vigil/rules';
import type { DetectionFinding } from '@vigil/schema';
import { VIGIL_SIGMA_RULES_DIR } from '@vigil/sigma';
import { documentClient, type FindingItem } from '@vigil/store';
import {
  createEventSource,
  type EventSourceStats,
  type LocalStack,
  startLocalStack,
} from '@vigil/store/testing';
import type { DevOptions } from './args.ts';

/** PutRecords takes at most 500 records per call. */
const PUT_BATCH = 500;

export interface DevRun {
  stack: LocalStack;
  records: number;
  /** Reads the stream to its end through the handler; returns records read. */
  poll(): Promise<number>;
  findings(): Promise<DetectionFinding[]>;
  /** Quarantined records and on-failure notices taken from the DLQ so far. */
  dlq(): Promise<{ quarantined: number; onFailure: number }>;
  readonly stats: EventSourceStats;
  stop(): Promise<void>;
}

/**
 * Starts the local stack, points the process's AWS SDK environment at it (as Lambda's
 * environment would point at AWS), builds the real detect handler and puts the inputs on the
 * stream. The caller polls and reads findings; `stop` ends every server started here.
 */
export async function startDev(options: DevOptions): Promise<DevRun> {
  const files = await resolveInputs(options.inputs);
  const stack = await startLocalStack({ shards: options.shards });
  try {
    Object.assign(process.env, stack.env, {
      VIGIL_CATALOG_DIR: CATALOG_DIR,
      VIGIL_SIGMA_DIR: VIGIL_SIGMA_RULES_DIR,
      VIGIL_MODELS_DIR: DEFAULT_MODELS_DIR,
      POWERTOOLS_SERVICE_NAME: 'vigil-detect',
      POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
      POWERTOOLS_TRACE_ENABLED: 'false',
      ...(options.verbose ? {} : { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' }),
    });
    const config = readConfig();
    // The workspace's catalog, Sigma rules and intel sets, models and IP tables: what the asset bundles.
    const [detection, ml] = await Promise.all([
      loadDetection({ rules: [], sigma: [] }),
      loadMl(config.modelsDir, bundledIpDatabasePaths()),
    ]);
    const handler = createHandler(config, { ...detection, ml });
    const payloads: StreamPayload[] = [];
    for (const file of files) payloads.push(...(await payloadsFromFile(file.path)));
    await putAll(stack, payloads);
    const dlq = { quarantined: 0, onFailure: 0 };
    const source = createEventSource({
      kinesis: stack.kinesis.client,
      stream: stack.stream,
      batchSize: options.batchSize,
      maxRetries: options.maxRetries,
      handler: (event, context) => handler(event as never, context),
      onFailure: async (record) => {
        await stack.sqs.client.send(
          new SendMessageCommand({ QueueUrl: stack.dlqUrl, MessageBody: JSON.stringify(record) }),
        );
      },
    });
    return {
      stack,
      records: payloads.length,
      poll: () => source.drain(),
      stats: source.stats,
      findings: () => readFindings(stack),
      async dlq() {
        for (;;) {
          const { Messages = [] } = await stack.sqs.client.send(
            new ReceiveMessageCommand({ QueueUrl: stack.dlqUrl, MaxNumberOfMessages: 10 }),
          );
          if (Messages.length === 0) return { ...dlq };
          for (const m of Messages) {
            const body = JSON.parse(m.Body!) as { kind?: string };
            if (body.kind === 'quarantine') dlq.quarantined++;
            else dlq.onFailure++;
            await stack.sqs.client.send(
              new DeleteMessageCommand({ QueueUrl: stack.dlqUrl, ReceiptHandle: m.ReceiptHandle! }),
            );
          }
        }
      },
      stop: () => stack.stop(),
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

async function putAll(stack: LocalStack, payloads: readonly StreamPayload[]): Promise<void> {
  for (let i = 0; i < payloads.length; i += PUT_BATCH) {
    const chunk = payloads.slice(i, i + PUT_BATCH);
    const out = await stack.kinesis.client.send(
      new PutRecordsCommand({
        StreamName: stack.stream,
        Records: chunk.map((p) => ({ Data: p.data, PartitionKey: p.partitionKey })),
      }),
    );
    if (out.FailedRecordCount)
      throw new Error(`kinesalite refused ${out.FailedRecordCount} record(s) of ${chunk.length}`);
  }
}

async function readFindings(stack: LocalStack): Promise<DetectionFinding[]> {
  const out: DetectionFinding[] = [];
  const pages = paginateScan(
    { client: documentClient(stack.dynamo.client) },
    { TableName: stack.tables.findings },
  );
  for await (const page of pages)
    for (const item of (page.Items ?? []) as FindingItem[]) out.push(item.finding);
  return out.sort((a, b) => b.severity_id - a.severity_id || a.time - b.time);
}
