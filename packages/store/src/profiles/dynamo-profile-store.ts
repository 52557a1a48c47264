import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { checkProfile, type Profile } from '@vigil/features';
import { batchWrite, type WriteRequest } from '../batch-write.ts';
import { backoff, chunks, MAX_ATTEMPTS } from '../retry.ts';
import { TABLES } from '../tables.ts';
import { ProfileStoreError } from './errors.ts';
import { DEFAULT_FORGET_MS, type ProfileStore } from './types.ts';

const { partitionKey: PK, sortKey: SK, timeToLiveAttribute: TTL } = TABLES.profiles;
/** BatchGetItem's limit. */
const READ_BATCH = 100;
/** The sort key of the one item a profile is today; a profile split over items would add others. */
const ITEM = 'profile#v1';
/** DynamoDB items hold at most 400 KB; keep room for the keys and attribute names. */
const MAX_ITEM_BYTES = 380_000;

type Keys = NonNullable<BatchGetCommandInput['RequestItems']>[string];

/**
 * Profiles in the `profiles` table: partition key = profile key (`p:<principal>`,
 * `a:<account>`, `i:<interface>`), sort key = `profile#v1`, the profile as gzip-compressed JSON
 * in `data`, and `expires_at` = last activity + the forget window (epoch seconds), so DynamoDB's
 * TTL forgets principals that went quiet. One BatchGetItem per 100 keys, one BatchWriteItem per
 * 25 profiles, unprocessed entries retried with backoff.
 */
export class DynamoProfileStore implements ProfileStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly forgetMs = DEFAULT_FORGET_MS,
  ) {}

  async load(keys: readonly string[]): Promise<Profile[]> {
    const out: Profile[] = [];
    const unique = [...new Set(keys)];
    for (const batch of chunks(unique, READ_BATCH)) {
      let pending: Keys = { Keys: batch.map((k) => ({ [PK.name]: k, [SK.name]: ITEM })) };
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) await backoff(attempt);
        const res = await this.client.send(new BatchGetCommand({ RequestItems: { [this.table]: pending } }));
        for (const item of res.Responses?.[this.table] ?? []) out.push(this.#decode(item));
        const left = res.UnprocessedKeys?.[this.table];
        if (!left?.Keys || left.Keys.length === 0) break;
        if (attempt + 1 >= MAX_ATTEMPTS)
          throw new ProfileStoreError(
            `profiles ${this.table}: ${left.Keys.length} key(s) still unprocessed after ${MAX_ATTEMPTS} BatchGetItem attempts`,
          );
        pending = left;
      }
    }
    return out;
  }

  #decode(item: Record<string, unknown>): Profile {
    const key = String(item[PK.name]);
    const data = item.data;
    if (!(data instanceof Uint8Array))
      throw new ProfileStoreError(`profiles ${this.table}/${key}: no binary data attribute`);
    try {
      return checkProfile(JSON.parse(gunzipSync(data).toString('utf8')), `profiles ${this.table}/${key}`);
    } catch (error) {
      throw new ProfileStoreError(`profiles ${this.table}/${key}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async save(profiles: readonly Profile[]): Promise<void> {
    const requests: WriteRequest[] = profiles.map((p) => {
      const data = gzipSync(JSON.stringify(p));
      if (data.byteLength > MAX_ITEM_BYTES)
        throw new ProfileStoreError(
          `profiles ${this.table}/${p.key}: ${data.byteLength} bytes compressed, more than an item holds (${MAX_ITEM_BYTES})`,
        );
      return {
        PutRequest: {
          Item: {
            [PK.name]: p.key,
            [SK.name]: ITEM,
            data,
            [TTL]: Math.ceil((p.last + this.forgetMs) / 1000),
          },
        },
      };
    });
    await batchWrite(
      this.client,
      this.table,
      requests,
      (message) => new ProfileStoreError(`profiles ${this.table}: ${message}`),
    );
  }
}
