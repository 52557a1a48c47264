import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { PublishError } from './errors.ts';
import { backoff, MAX_ATTEMPTS } from './retry.ts';

/** SendMessageBatch takes at most 10 entries and 256 KiB per call. */
const SEND_BATCH = 10;
const MAX_BATCH_BYTES = 256 * 1024;

/**
 * Sends messages (JSON-serializable, each well under 256 KiB) to an SQS queue in batches; entries
 * SQS reports as failed are retried with backoff, and still-failing ones make it throw.
 */
export async function sendToQueue(
  client: SQSClient,
  queueUrl: string,
  messages: readonly unknown[],
): Promise<void> {
  let batch: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const message of messages) {
    const body = JSON.stringify(message);
    const size = Buffer.byteLength(body);
    if (batch.length === SEND_BATCH || bytes + size > MAX_BATCH_BYTES) {
      await send(client, queueUrl, batch);
      batch = [];
      bytes = 0;
    }
    batch.push({ Id: String(batch.length), MessageBody: body });
    bytes += size;
  }
  if (batch.length > 0) await send(client, queueUrl, batch);
}

async function send(
  client: SQSClient,
  queueUrl: string,
  batch: SendMessageBatchRequestEntry[],
): Promise<void> {
  let pending = batch;
  let lastError = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await backoff(attempt);
    const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
    const failed = new Set((out.Failed ?? []).map((f) => f.Id));
    lastError = out.Failed?.[0]?.Code ?? lastError;
    pending = pending.filter((e) => failed.has(e.Id));
    if (pending.length === 0) return;
  }
  throw new PublishError(
    `queue ${queueUrl}: ${pending.length} message(s) still failing after ${MAX_ATTEMPTS} SendMessageBatch attempts (${lastError})`,
  );
}
