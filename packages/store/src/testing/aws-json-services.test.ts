import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventBridgeLoopback, startEventBridge } from './eventbridge-server.ts';
import { type SqsLoopback, startSqs } from './sqs-server.ts';

describe('loopback SQS (AWS JSON 1.0) with the real SQS client', () => {
  let sqs: SqsLoopback;
  let url: string;
  beforeAll(async () => {
    sqs = await startSqs();
    url = (await sqs.client.send(new CreateQueueCommand({ QueueName: 'q' }))).QueueUrl!;
  });
  afterAll(() => sqs?.stop());

  it('sends, receives (MD5 checked by the client) and deletes', async () => {
    const sent = await sqs.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'héllo' }));
    expect(sent.MessageId).toBeTruthy();
    const { Messages = [] } = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );
    expect(Messages.map((m) => m.Body)).toEqual(['héllo']);
    const hidden = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(hidden.Messages ?? []).toEqual([]);
    await sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]!.ReceiptHandle! }),
    );
  });

  it('rejects what SQS rejects, with its error codes', async () => {
    await expect(
      sqs.client.send(
        new SendMessageCommand({ QueueUrl: `${sqs.endpoint}/000000000000/missing`, MessageBody: 'x' }),
      ),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
    const entries = (n: number, body = 'x') =>
      Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: body }));
    await expect(
      sqs.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(11) })),
    ).rejects.toMatchObject({ name: 'TooManyEntriesInBatchRequest' });
    await expect(
      sqs.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] })),
    ).rejects.toMatchObject({ name: 'EmptyBatchRequest' });
    await expect(
      sqs.client.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: 'x' },
            { Id: 'a', MessageBody: 'y' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct' });
    await expect(
      sqs.client.send(
        new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(2, 'x'.repeat(140_000)) }),
      ),
    ).rejects.toMatchObject({ name: 'BatchRequestTooLong' });
    const partial = await sqs.client.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'ok', MessageBody: 'fine' },
          { Id: 'bad', MessageBody: 'nul \u0000' },
        ],
      }),
    );
    expect(partial.Successful?.map((s) => s.Id)).toEqual(['ok']);
    expect(partial.Failed).toMatchObject([{ Id: 'bad', Code: 'InvalidMessageContents', SenderFault: true }]);
  });
});

describe('loopback EventBridge (AWS JSON 1.1) with the real EventBridge client', () => {
  let eb: EventBridgeLoopback;
  beforeAll(async () => {
    eb = await startEventBridge();
  });
  afterAll(() => eb?.stop());

  it('accepts valid entries and reports invalid ones per entry', async () => {
    const out = await eb.client.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'vigil.test',
            DetailType: 't',
            Detail: '{"a":1}',
            Time: new Date('2024-03-05T14:00:00Z'),
          },
          { Source: 'vigil.test', DetailType: 't', Detail: 'not json' },
          { Source: 'vigil.test', DetailType: 't', Detail: '{}', EventBusName: 'nope' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'MalformedDetail',
      'ResourceNotFoundException',
    ]);
    expect(eb.events('default')).toMatchObject([
      { source: 'vigil.test', 'detail-type': 't', time: '2024-03-05T14:00:00Z', detail: { a: 1 } },
    ]);
  });

  it('rejects more than ten entries and unsigned requests', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 't', Detail: '{}' }));
    await expect(eb.client.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const response = await fetch(eb.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    const unsigned = new EventBridgeClient({
      endpoint: eb.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await expect(unsigned.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    unsigned.destroy();
  });
});
