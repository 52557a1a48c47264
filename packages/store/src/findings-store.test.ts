import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from './document-client.ts';
import { type FindingItem, markPublished, writeFindings } from './findings-store.ts';
import { findingOf, unionMerge } from './test-findings.test-helper.ts';
import { createTable, type Loopback, startDynalite } from './testing/loopback.ts';

describe('writeFindings against dynalite', () => {
  let ddb: Loopback<DynamoDBClient>;
  let options: Parameters<typeof writeFindings>[0];
  beforeAll(async () => {
    ddb = await startDynalite();
    const table = await createTable(ddb.client, 'findings');
    options = { client: documentClient(ddb.client), table, retentionDays: 30, merge: unionMerge };
  });
  afterAll(() => ddb?.stop());

  const read = async (uid: string) =>
    (await options.client.send(new GetCommand({ TableName: options.table, Key: { uid } })))
      .Item as FindingItem;

  it('creates, then merges, then leaves a replay alone', async () => {
    const first = findingOf([1, 2]);
    const created = await writeFindings(options, [first]);
    expect(created.created).toHaveLength(1);
    const uid = first.finding_info.uid;
    const item = await read(uid);
    expect(item).toMatchObject({
      uid,
      version: 1,
      day: '2023-11-14',
      severity_id: 3,
      analytic: 'store-test',
    });
    expect(item.expires_at).toBe(Math.ceil((first.time + 30 * 86_400_000) / 1000));
    expect(item.finding).toEqual(first);

    const grown = await writeFindings(options, [findingOf([2, 3])]);
    expect(grown.updated).toHaveLength(1);
    expect((await read(uid)).version).toBe(2);
    expect((await read(uid)).finding.finding_info.related_events.map((e) => e.uid)).toEqual([
      'e1',
      'e2',
      'e3',
    ]);

    const replay = await writeFindings(options, [findingOf([1, 2]), findingOf([3])]);
    expect(replay).toMatchObject({ created: [], updated: [], unchanged: 2 });
    expect((await read(uid)).version).toBe(2);
    // Never marked published: a replay hands the stored version back for publishing.
    expect(replay.unpublished.map((u) => u.version)).toEqual([2, 2]);
    await markPublished(options, [{ finding: first, version: 1 }]);
    expect((await read(uid)).published).toBeUndefined();
    await markPublished(options, replay.unpublished.slice(0, 1));
    expect((await read(uid)).published).toBe(2);
    expect((await writeFindings(options, [findingOf([1])])).unpublished).toEqual([]);
  });

  it('loses no events when writers race on one uid (optimistic locking)', async () => {
    const start = 1_710_000_000_000;
    const parts = [[1], [2], [3], [4], [5]].map((ids) => findingOf(ids, start));
    await Promise.all(parts.map((f) => writeFindings(options, [f])));
    const item = await read(parts[0]!.finding_info.uid);
    expect(item.finding.finding_info.related_events.map((e) => e.uid).sort()).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
    ]);
    expect(item.version).toBe(5);
  });

  it('lists findings by day through the byDay index', async () => {
    const { Items = [] } = await options.client.send(
      new QueryCommand({
        TableName: options.table,
        IndexName: 'byDay',
        KeyConditionExpression: '#d = :d',
        ExpressionAttributeNames: { '#d': 'day' },
        ExpressionAttributeValues: { ':d': '2023-11-14' },
      }),
    );
    expect(Items).toHaveLength(1);
  });
});
