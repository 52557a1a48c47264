import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { StateStore } from '@vigil/detect';
import { batchWrite, type WriteRequest } from './batch-write.ts';
import { StateStoreError } from './errors.ts';
import { TABLES } from './tables.ts';

const { partitionKey: PK, sortKey: SK, timeToLiveAttribute: TTL } = TABLES.detectState;
/** Values larger than this are stored gzip-compressed (`gz`, binary) instead of as JSON text. */
const COMPRESS_OVER = 32 * 1024;
/** DynamoDB items hold at most 400 KB; keep room for the keys and attribute names. */
const MAX_VALUE_BYTES = 380_000;
/** Sort key of the item whose `generation` changes on every save of the partition. */
const GENERATION_KEY = '#generation';

interface Entry {
  value: unknown;
  expiresAt: number;
}

interface HeldPartition {
  generation: string | undefined;
  entries: Map<string, Entry>;
}

/**
 * Partitions a warm function instance keeps between batches, so a shard's state is queried
 * once, not per batch: a load reuses them when the partition's generation item still says what
 * this instance last saved (one GetItem). A load takes the partition out; only a successful
 * save puts it back, so a batch that failed half-way never leaves its changes behind.
 */
export class StateCache {
  readonly #held = new Map<string, HeldPartition>();

  take(partition: string): HeldPartition | undefined {
    const held = this.#held.get(partition);
    this.#held.delete(partition);
    return held;
  }

  put(partition: string, held: HeldPartition): void {
    this.#held.set(partition, held);
  }

  get size(): number {
    return this.#held.size;
  }
}

/**
 * The detector's synchronous state, backed by one partition of the detect-state table (one per
 * stream shard): `load` reads the whole partition before a batch, `save` writes back only the
 * keys the batch changed. Values are stored as JSON (gzip past 32 KiB); expiry (event time)
 * becomes the table's TTL attribute in epoch seconds, so DynamoDB forgets state no rule will
 * read again. With a `StateCache`, a warm instance skips the Query while nobody else saved.
 */
export class DynamoStateStore implements StateStore {
  private entries = new Map<string, Entry>();
  private readonly dirty = new Set<string>();
  private generation: string | undefined;
  /** Where the last load found the partition: the instance's cache or a Query of the table. */
  loadedFrom: 'cache' | 'table' = 'table';

  private constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    readonly partition: string,
    private readonly cache: StateCache | undefined,
  ) {}

  static async load(
    client: DynamoDBDocumentClient,
    table: string,
    partition: string,
    cache?: StateCache,
  ): Promise<DynamoStateStore> {
    const store = new DynamoStateStore(client, table, partition, cache);
    const held = cache?.take(partition);
    if (held) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: table,
          Key: { [PK.name]: partition, [SK.name]: GENERATION_KEY },
          ConsistentRead: true,
        }),
      );
      if (Item?.generation === held.generation) {
        store.entries = held.entries;
        store.generation = held.generation;
        store.loadedFrom = 'cache';
        return store;
      }
    }
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
        if (item[SK.name] === GENERATION_KEY) {
          store.generation = String(item.generation);
          continue;
        }
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
    if (requests.length > 0) {
      // The generation moves before the items do: an instance holding the old one reloads even
      // if this save stops half-way.
      this.generation = randomUUID();
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: { [PK.name]: this.partition, [SK.name]: GENERATION_KEY, generation: this.generation },
        }),
      );
    }
    await batchWrite(
      this.client,
      this.table,
      requests,
      (message) => new StateStoreError(`detect state ${this.table}/${this.partition}: ${message}`),
    );
    this.dirty.clear();
    this.cache?.put(this.partition, { generation: this.generation, entries: this.entries });
  }
}
