import type { AddressInfo, Server } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import dynalite from 'dynalite';
import kinesalite from 'kinesalite';
import { TABLES, type TableDef, type TableName } from '../tables.ts';

/** Credentials for loopback servers only; they check the signature's shape, not the secret. */
export const LOOPBACK_CREDENTIALS = { accessKeyId: 'loopback', secretAccessKey: 'loopback' };
export const REGION = 'us-east-1';

export interface Loopback<C> {
  endpoint: string;
  client: C;
  stop(): Promise<void>;
}

/** What every loopback client is built with: the server's endpoint, the region, loopback credentials. */
export interface LoopbackClientConfig {
  endpoint: string;
  region: string;
  credentials: typeof LOOPBACK_CREDENTIALS;
}

/**
 * Points a real SDK client, built by `create`, at a loopback server; stopping destroys the client
 * before the server stops, so no socket is left open.
 */
export function connect<C extends { destroy(): void }>(
  endpoint: string,
  create: (config: LoopbackClientConfig) => C,
  stopServer: () => Promise<void>,
): Loopback<C> {
  const client = create({ endpoint, region: REGION, credentials: LOOPBACK_CREDENTIALS });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      await stopServer();
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts an in-memory dynalite on 127.0.0.1 with a real DynamoDB client pointed at it. */
export async function startDynalite(): Promise<Loopback<DynamoDBClient>> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  return connect(
    await listen(server),
    (config) => new DynamoDBClient(config),
    () => close(server),
  );
}

/** Starts kinesalite on 127.0.0.1; the Kinesis client must speak HTTP/1.1 to it. */
export async function startKinesalite(): Promise<Loopback<KinesisClient>> {
  const server = kinesalite({
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    shardLimit: 100,
  }) as Server;
  return connect(
    await listen(server),
    (config) => new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() }),
    () => close(server),
  );
}

/** Creates a table from its shared definition, under `name` (defaults to the definition's id). */
export async function createTable(
  client: DynamoDBClient,
  table: TableName | TableDef,
  name?: string,
): Promise<string> {
  const def: TableDef = typeof table === 'string' ? TABLES[table] : table;
  const tableName = name ?? def.id;
  const keys = [def.partitionKey, ...(def.sortKey ? [def.sortKey] : [])];
  const indexKeys = (def.globalIndexes ?? []).flatMap((i) => [
    i.partitionKey,
    ...(i.sortKey ? [i.sortKey] : []),
  ]);
  const attributes = new Map([...keys, ...indexKeys].map((a) => [a.name, a.type]));
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
        AttributeName,
        AttributeType,
      })),
      KeySchema: [
        { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
        ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' as const }] : []),
      ],
      ...(def.globalIndexes?.length
        ? {
            GlobalSecondaryIndexes: def.globalIndexes.map((i) => ({
              IndexName: i.name,
              KeySchema: [
                { AttributeName: i.partitionKey.name, KeyType: 'HASH' as const },
                ...(i.sortKey ? [{ AttributeName: i.sortKey.name, KeyType: 'RANGE' as const }] : []),
              ],
              Projection: { ProjectionType: 'ALL' as const },
            })),
          }
        : {}),
    }),
  );
  return tableName;
}
