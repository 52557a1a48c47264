import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { StateStore } from '@vigil/detect';
import { StateStoreError } from './errors.ts';
import { backoff, chunks, MAX_ATTEMPTS } from './retry.ts';
import { TABLES } from './tables.ts';

const { partitionKey: PK, sortKey: SK, timeToLiveAttribute: TTL } = TABLES.detectState;
/** BatchWriteItem's limit. */
const WRITE_BATCH = 25;
/** Values larger than this are stored gzip-compressed (`gz`, binary) instead of as JSON text. */
const COMPRESS_OVER = 32 * 1024;
/** DynamoDB items hold at most 400 KB; keep room for the keys and attribute names. */
const MAX_VALUE_BYTES = 380_000;

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

interface Entry {
  value: unknown;
  expiresAt: number;
}

/**
 * The detector's synchronous state, backed by one partition of the detect-state table (one per
 * stream shard): `load` reads the whole partition before a batch, `save` writes back only the
 * keys the batch changed. Values are stored as JSON (gzip past 32 KiB); expiry (event time)
 * becomes the table's TTL attribute in epoch seconds, so DynamoDB forgets state no rule will
 * read again.
 */
export class DynamoStateStore implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Set<string>();

  private constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    readonly partition: string,
  ) {}

  static async load(
    client: DynamoDBDocumentClient,
    table: string,
    partition: string,
  ): Promise<DynamoStateStore> {
    const store = new DynamoStateStore(client, table, partition);
    const pages = paginateQuery(
      { client },
      {
        TableName: table,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK.name },
        ExpressionAttributeValues: { ':pk': partition },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const expires = item[TTL];
        const gz = item.gz as Uint8Array | undefined;
        store.entries.set(String(item[SK.name]), {
          value: JSON.parse(gz ? gunzipSync(gz).toString('utf8') : String(item.value)),
          expiresAt: typeof expires === 'number' ? expires * 1000 : Number.POSITIVE_INFINITY,
        });
      }
    }
    return store;
  }

  get<T>(key: string): T | undefined {
    return this.entries.get(key)?.value as T | undefined;
  }

  set<T>(key: string, value: T, expiresAt = Number.POSITIVE_INFINITY): void {
    this.entries.set(key, { value, expiresAt });
    this.dirty.add(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
    this.dirty.add(key);
  }

  get size(): number {
    return this.entries.size;
  }

  get pendingWrites(): number {
    return this.dirty.size;
  }

  /** Keys the last `save` could not store because even compressed they exceed an item; those
   * keys are forgotten in the table (the rule starts over) rather than failing every batch. */
  oversized: string[] = [];

  /** Writes every changed key; unprocessed items are retried with backoff, then it throws. */
  async save(): Promise<void> {
    this.oversized = [];
    const requests: WriteRequest[] = [...this.dirty].map((key) => {
      const entry = this.entries.get(key);
      const remove = { DeleteRequest: { Key: { [PK.name]: this.partition, [SK.name]: key } } };
      if (!entry) return remove;
      const json = JSON.stringify(entry.value);
      const body = json.length > COMPRESS_OVER ? { gz: gzipSync(json) } : { value: json };
      if ((body.gz?.byteLength ?? Buffer.byteLength(json)) > MAX_VALUE_BYTES) {
        this.oversized.push(key);
        return remove;
      }
      return {
        PutRequest: {
          Item: {
            [PK.name]: this.partition,
            [SK.name]: key,
            ...body,
            ...(Number.isFinite(entry.expiresAt) ? { [TTL]: Math.ceil(entry.expiresAt / 1000) } : {}),
          },
        },
      };
    });
    for (const batch of chunks(requests, WRITE_BATCH)) await this.write(batch);
    this.dirty.clear();
  }

  private async write(batch: WriteRequest[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const out = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
      pending = out.UnprocessedItems?.[this.table] ?? [];
      if (pending.length === 0) return;
    }
    throw new StateStoreError(
      `detect state ${this.table}/${this.partition}: ${pending.length} item(s) still unprocessed after ${MAX_ATTEMPTS} BatchWriteItem attempts`,
    );
  }
}
