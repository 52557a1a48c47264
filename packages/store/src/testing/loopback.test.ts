import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../tables.ts';
import { createTable, type Loopback, startDynalite, startKinesalite } from './loopback.ts';

describe('loopback servers', () => {
  let ddb: Loopback<DynamoDBClient>;
  let kinesis: Loopback<KinesisClient>;
  beforeAll(async () => {
    [ddb, kinesis] = await Promise.all([startDynalite(), startKinesalite()]);
  });
  afterAll(async () => {
    await Promise.all([ddb?.stop(), kinesis?.stop()]);
  });

  it('creates every shared table with its keys and indexes', async () => {
    for (const def of Object.values(TABLES)) {
      const name = await createTable(ddb.client, def);
      const { Table } = await ddb.client.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(
        [def.partitionKey.name, 'sortKey' in def ? def.sortKey.name : undefined].filter(Boolean),
      );
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName) ?? []).toEqual(
        'globalIndexes' in def ? def.globalIndexes.map((i) => i.name) : [],
      );
    }
    await ddb.client.send(
      new PutItemCommand({ TableName: 'checkpoints', Item: { source: { S: 'azure' }, at: { N: '1' } } }),
    );
    const { Item } = await ddb.client.send(
      new GetItemCommand({ TableName: 'checkpoints', Key: { source: { S: 'azure' } } }),
    );
    expect(Item?.at?.N).toBe('1');
  });

  it('serves Kinesis over HTTP/1.1 on 127.0.0.1', async () => {
    expect(kinesis.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await kinesis.client.send(new CreateStreamCommand({ StreamName: 'raw-events', ShardCount: 2 }));
    const { StreamDescriptionSummary } = await kinesis.client.send(
      new DescribeStreamSummaryCommand({ StreamName: 'raw-events' }),
    );
    expect(StreamDescriptionSummary?.OpenShardCount).toBe(2);
  });
});
