import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { backoff, chunks, MAX_ATTEMPTS } from './retry.ts';

/** BatchWriteItem's limit. */
const WRITE_BATCH = 25;

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/**
 * Writes `requests` to `table` with BatchWriteItem, 25 at a time, retrying with backoff the
 * entries DynamoDB hands back as unprocessed. Entries still unprocessed after MAX_ATTEMPTS make
 * it throw the error `fail` builds from a message saying how many.
 */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  requests: readonly WriteRequest[],
  fail: (message: string) => Error,
): Promise<void> {
  for (const batch of chunks(requests, WRITE_BATCH)) {
    let pending = batch;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && pending.length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table] ?? [];
    }
    if (pending.length > 0)
      throw fail(`${pending.length} item(s) still unprocessed after ${MAX_ATTEMPTS} BatchWriteItem attempts`);
  }
}
