import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from './document-client.ts';
import { DynamoStateStore, StateCache } from './dynamo-state-store.ts';
import { createTable, type Loopback, startDynalite } from './testing/loopback.ts';

describe('DynamoStateStore against dynalite', () => {
  let ddb: Loopback<DynamoDBClient>;
  let table: string;
  beforeAll(async () => {
    ddb = await startDynalite();
    table = await createTable(ddb.client, 'detectState');
  });
  afterAll(() => ddb?.stop());

  it('round-trips a partition: values, expiry as TTL seconds, deletes, more than one write batch', async () => {
    const client = documentClient(ddb.client);
    const store = await DynamoStateStore.load(client, table, 'raw-events/shardId-000000000000');
    expect(store.size).toBe(0);
    for (let i = 0; i < 60; i++) store.set(`k${i}`, { step: i, events: [`e${i}`] }, 1_700_000_000_500 + i);
    store.set('forever', { values: ['a'] });
    store.delete('k0');
    expect(store.pendingWrites).toBe(61);
    await store.save();
    expect(store.pendingWrites).toBe(0);

    const again = await DynamoStateStore.load(client, table, 'raw-events/shardId-000000000000');
    expect(again.size).toBe(60);
    expect(again.get('k0')).toBeUndefined();
    expect(again.get('k59')).toEqual({ step: 59, events: ['e59'] });
    expect(again.get('forever')).toEqual({ values: ['a'] });
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': 'raw-events/shardId-000000000000', ':sk': 'k1' },
      }),
    );
    expect(Items[0]?.expires_at).toBe(1_700_000_001);

    const other = await DynamoStateStore.load(client, table, 'raw-events/shardId-000000000001');
    expect(other.size).toBe(0);
  });

  it('writes back only the keys a batch changed', async () => {
    const client = documentClient(ddb.client);
    const a = await DynamoStateStore.load(client, table, 'p2');
    a.set('x', 1);
    a.set('y', 1);
    await a.save();
    const b = await DynamoStateStore.load(client, table, 'p2');
    const c = await DynamoStateStore.load(client, table, 'p2');
    b.set('x', 2);
    c.set('y', 3);
    await b.save();
    await c.save();
    const d = await DynamoStateStore.load(client, table, 'p2');
    expect([d.get('x'), d.get('y')]).toEqual([2, 3]);
  });

  it('compresses large values and forgets (rather than fails on) values no item can hold', async () => {
    const client = documentClient(ddb.client);
    const store = await DynamoStateStore.load(client, table, 'p3');
    const large = { events: Array.from({ length: 2000 }, (_, i) => ({ uid: `event-${i}`, time: i })) };
    const random = randomBytes(400_000).toString('base64');
    store.set('large', large);
    store.set('huge', { random });
    await store.save();
    expect(store.oversized).toEqual(['huge']);
    const again = await DynamoStateStore.load(client, table, 'p3');
    expect(again.get('large')).toEqual(large);
    expect(again.get('huge')).toBeUndefined();
  });

  it("reuses a warm instance's partition until someone else saves it, and never keeps a failed batch's changes", async () => {
    const client = documentClient(ddb.client);
    const warm = new StateCache();
    const a = await DynamoStateStore.load(client, table, 'p4', warm);
    a.set('k', { n: 1 });
    await a.save();
    const b = await DynamoStateStore.load(client, table, 'p4', warm);
    expect(b.loadedFrom).toBe('cache');
    expect(b.get('k')).toEqual({ n: 1 });
    await b.save();

    const other = await DynamoStateStore.load(client, table, 'p4', new StateCache());
    other.set('k', { n: 2 });
    await other.save();
    const c = await DynamoStateStore.load(client, table, 'p4', warm);
    expect(c.loadedFrom).toBe('table');
    expect(c.get('k')).toEqual({ n: 2 });
    await c.save();

    const failed = await DynamoStateStore.load(client, table, 'p4', warm);
    expect(failed.loadedFrom).toBe('cache');
    failed.get<{ n: number }>('k')!.n = 99;
    expect(warm.size).toBe(0);
    const d = await DynamoStateStore.load(client, table, 'p4', warm);
    expect(d.loadedFrom).toBe('table');
    expect(d.get('k')).toEqual({ n: 2 });
  });
});
