import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Profile } from '@vigil/features';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../document-client.ts';
import { createTable, type Loopback, startDynalite } from '../testing/index.ts';
import { DynamoProfileStore } from './dynamo-profile-store.ts';
import { ProfileStoreError } from './errors.ts';
import { LocalProfileStore } from './local-profile-store.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');

function profile(key: string, last: number, values = 3): Profile {
  const actions: Record<string, [number, number, number]> = {};
  for (let i = 0; i < values; i++) actions[`iam:Action${i}`] = [i + 1, last, T0];
  return { v: 1, key, first: T0, last, dims: { action: actions, asn: { '64601': [4, last, T0] } } };
}

describe('LocalProfileStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-profiles-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps profiles between runs in the folder, written through a rename that leaves no temporary file', async () => {
    const stateDir = join(dir, 'state');
    const first = new LocalProfileStore(stateDir);
    expect(await first.loadAll()).toEqual([]);
    await first.save([profile('p:alice', T0), profile('a:123', T0 + DAY)]);
    const second = new LocalProfileStore(stateDir);
    expect(await second.load(['a:123', 'p:nobody'])).toEqual([profile('a:123', T0 + DAY)]);
    await second.save([profile('p:alice', T0 + 2 * DAY, 5)]);
    const third = new LocalProfileStore(stateDir);
    const all = await third.loadAll();
    expect(all.map((p) => p.key)).toEqual(['a:123', 'p:alice']);
    expect(Object.keys(all.find((p) => p.key === 'p:alice')!.dims.action!)).toHaveLength(5);
    expect(await readdir(stateDir)).toEqual(['profiles.ndjson']);
  });

  it('forgets profiles idle for longer than the forget window when it writes', async () => {
    const store = new LocalProfileStore(join(dir, 'forget'), 30 * DAY);
    await store.save([profile('p:old', T0), profile('p:recent', T0 + 40 * DAY)]);
    const again = new LocalProfileStore(join(dir, 'forget'), 30 * DAY);
    expect((await again.loadAll()).map((p) => p.key)).toEqual(['p:recent']);
  });

  it('names the file and line of a corrupt profile', async () => {
    const bad = join(dir, 'bad');
    await new LocalProfileStore(bad).save([profile('p:ok', T0)]);
    await writeFile(join(bad, 'profiles.ndjson'), `${JSON.stringify(profile('p:ok', T0))}\n{"v":2}\n`);
    await expect(new LocalProfileStore(bad).loadAll()).rejects.toThrow(
      /profiles\.ndjson:2: not a version-1 profile/,
    );
    await writeFile(join(bad, 'profiles.ndjson'), 'not json\n');
    await expect(new LocalProfileStore(bad).loadAll()).rejects.toBeInstanceOf(ProfileStoreError);
  });
});

describe('DynamoProfileStore against dynalite', () => {
  let dynamo: Loopback<DynamoDBClient>;
  let table: string;
  beforeAll(async () => {
    dynamo = await startDynalite();
    table = await createTable(dynamo.client, 'profiles');
  });
  afterAll(async () => {
    await dynamo.stop();
  });

  it('writes and reads profiles in batches, more than one BatchGetItem and BatchWriteItem can carry', async () => {
    const store = new DynamoProfileStore(documentClient(dynamo.client), table);
    const profiles = Array.from({ length: 230 }, (_, i) => profile(`p:role-${i}`, T0 + i * 1000, 40));
    await store.save(profiles);
    const keys = [...profiles.map((p) => p.key), 'p:never-seen'];
    const loaded = await store.load(keys);
    expect(loaded).toHaveLength(230);
    expect(new Map(loaded.map((p) => [p.key, p]))).toEqual(new Map(profiles.map((p) => [p.key, p])));
  });

  it('sets the TTL to the last activity plus the forget window, in epoch seconds', async () => {
    const client = documentClient(dynamo.client);
    await new DynamoProfileStore(client, table, 10 * DAY).save([profile('p:ttl', T0 + 500)]);
    const { Item } = await client.send(
      new GetCommand({
        TableName: table,
        Key: { pk: 'p:ttl', sk: 'profile#v1' },
      }),
    );
    expect(Item?.expires_at).toBe(Math.ceil((T0 + 500 + 10 * DAY) / 1000));
  });

  it('refuses an item that is not a stored profile, naming its key', async () => {
    const client = documentClient(dynamo.client);
    await client.send(
      new PutCommand({ TableName: table, Item: { pk: 'p:corrupt', sk: 'profile#v1', data: 'text' } }),
    );
    await expect(new DynamoProfileStore(client, table).load(['p:corrupt'])).rejects.toThrow(
      /p:corrupt: no binary data/,
    );
  });
});
