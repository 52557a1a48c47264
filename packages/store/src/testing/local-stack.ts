import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand } from '@aws-sdk/client-eventbridge';
import { CreateStreamCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { TABLES } from '../tables.ts';
import { type EventBridgeLoopback, startEventBridge } from './eventbridge-server.ts';
import {
  createTable,
  LOOPBACK_CREDENTIALS,
  type Loopback,
  REGION,
  startDynalite,
  startKinesalite,
} from './loopback.ts';
import { type SqsLoopback, startSqs } from './sqs-server.ts';

export interface LocalStack {
  dynamo: Loopback<DynamoDBClient>;
  kinesis: Loopback<KinesisClient>;
  sqs: SqsLoopback;
  eventBridge: EventBridgeLoopback;
  stream: string;
  bus: string;
  dlqUrl: string;
  tables: { findings: string; state: string; profiles: string; idempotency: string };
  /** What a function running against this stack needs in its environment: the VIGIL_* names and
   * the AWS SDK's own service endpoint variables (`AWS_ENDPOINT_URL_<SERVICE>`). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Everything the detect function talks to, on loopback: dynalite with the findings, state,
 * profiles and idempotency tables, kinesalite with the raw-events stream, an SQS with the DLQ and an
 * EventBridge with the findings bus. `stop` ends every server it started.
 */
export async function startLocalStack(options: { shards?: number } = {}): Promise<LocalStack> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    const dynamo = await startDynalite();
    started.push(dynamo);
    const kinesis = await startKinesalite();
    started.push(kinesis);
    const sqs = await startSqs();
    started.push(sqs);
    const eventBridge = await startEventBridge();
    started.push(eventBridge);
    const tables = {
      findings: await createTable(dynamo.client, 'findings', 'vigil-findings'),
      state: await createTable(dynamo.client, 'detectState', `vigil-${TABLES.detectState.id}`),
      profiles: await createTable(dynamo.client, 'profiles', 'vigil-profiles'),
      idempotency: await createTable(dynamo.client, 'idempotency', 'vigil-idempotency'),
    };
    const stream = 'vigil-raw-events';
    await kinesis.client.send(
      new CreateStreamCommand({ StreamName: stream, ShardCount: options.shards ?? 2 }),
    );
    const { QueueUrl } = await sqs.client.send(new CreateQueueCommand({ QueueName: 'vigil-detect-dlq' }));
    const bus = 'vigil-findings';
    await eventBridge.client.send(new CreateEventBusCommand({ Name: bus }));
    const dlqUrl = QueueUrl!;
    return {
      dynamo,
      kinesis,
      sqs,
      eventBridge,
      stream,
      bus,
      dlqUrl,
      tables,
      env: {
        VIGIL_FINDINGS_TABLE: tables.findings,
        VIGIL_STATE_TABLE: tables.state,
        VIGIL_PROFILES_TABLE: tables.profiles,
        VIGIL_IDEMPOTENCY_TABLE: tables.idempotency,
        VIGIL_FINDINGS_BUS: bus,
        VIGIL_DLQ_URL: dlqUrl,
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: LOOPBACK_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOOPBACK_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_ENDPOINT_URL_SQS: sqs.endpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
      },
      stop: () => stopAll(started),
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(started: readonly { stop(): Promise<void> }[]): Promise<void> {
  await Promise.all(started.map((s) => s.stop()));
}
