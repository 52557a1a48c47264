import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from './document-client.ts';
import { PublishError } from './errors.ts';
import { FINDING_DETAIL_TYPE, FINDING_EVENT_SOURCE, publishFindings } from './finding-publisher.ts';
import { recordFindings } from './findings-outbox.ts';
import { sendToQueue } from './quarantine-queue.ts';
import { findingOf, unionMerge } from './test-findings.test-helper.ts';
import { type LocalStack, startLocalStack } from './testing/local-stack.ts';
import { createTable } from './testing/loopback.ts';

describe('findings bus and quarantine queue, on loopback EventBridge and SQS', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ shards: 1 });
  });
  afterAll(() => stack?.stop());

  it('puts every finding on the bus in calls of at most ten, retrying entries EventBridge failed', async () => {
    const findings = Array.from({ length: 23 }, (_, i) => findingOf([i], 1_700_000_000_000 + i * 7_200_000));
    let failures = 0;
    stack.eventBridge.failEntries(() => failures++ < 4);
    await publishFindings(
      stack.eventBridge.client,
      stack.bus,
      findings.map((finding, i) => ({ finding, kind: i === 0 ? 'updated' : 'created' })),
    );
    stack.eventBridge.failEntries(undefined);
    const events = stack.eventBridge.events(stack.bus);
    expect(
      events.map((e) => (e.detail as { finding_info: { uid: string } }).finding_info.uid).sort(),
    ).toEqual(findings.map((f) => f.finding_info.uid).sort());
    expect(events.every((e) => e.source === FINDING_EVENT_SOURCE)).toBe(true);
    expect(events.filter((e) => e['detail-type'] === FINDING_DETAIL_TYPE.updated)).toHaveLength(1);
  });

  it('throws naming the bus when entries keep failing', async () => {
    stack.eventBridge.failEntries(() => true);
    await expect(
      publishFindings(stack.eventBridge.client, stack.bus, [{ finding: findingOf([1]), kind: 'created' }]),
    ).rejects.toThrow(PublishError);
    stack.eventBridge.failEntries(undefined);
  });

  it('records findings through the table as an outbox: a failed publish is published by the retry, once', async () => {
    const table = await createTable(stack.dynamo.client, 'findings', 'outbox-findings');
    const options = {
      store: { client: documentClient(stack.dynamo.client), table, retentionDays: 30, merge: unionMerge },
      eventBridge: stack.eventBridge.client,
      bus: stack.bus,
    };
    const finding = findingOf([1, 2], 1_750_000_000_000);
    const before = stack.eventBridge.events(stack.bus).length;
    stack.eventBridge.failEntries(() => true);
    await expect(recordFindings(options, [finding])).rejects.toThrow(PublishError);
    stack.eventBridge.failEntries(undefined);
    expect(stack.eventBridge.events(stack.bus)).toHaveLength(before);
    const retry = await recordFindings(options, [finding]);
    expect(retry).toMatchObject({ created: [], unchanged: 1 });
    expect(stack.eventBridge.events(stack.bus)).toHaveLength(before + 1);
    await recordFindings(options, [finding]);
    expect(stack.eventBridge.events(stack.bus)).toHaveLength(before + 1);
    const grown = await recordFindings(options, [findingOf([3], 1_750_000_000_000)]);
    expect(grown.updated).toHaveLength(1);
    expect(stack.eventBridge.events(stack.bus).at(-1)?.['detail-type']).toBe(FINDING_DETAIL_TYPE.updated);
  });

  it('sends quarantine messages in batches, retrying failed entries, and they read back intact', async () => {
    const messages = Array.from({ length: 14 }, (_, i) => ({
      kind: 'quarantine',
      reason: `r${i}`,
      data: 'x'.repeat(40_000),
    }));
    let failures = 0;
    stack.sqs.failEntries(() => failures++ < 3);
    await sendToQueue(stack.sqs.client, stack.dlqUrl, messages);
    stack.sqs.failEntries(undefined);
    const got: string[] = [];
    for (;;) {
      const { Messages = [] } = await stack.sqs.client.send(
        new ReceiveMessageCommand({ QueueUrl: stack.dlqUrl, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) break;
      got.push(...Messages.map((m) => (JSON.parse(m.Body!) as { reason: string }).reason));
    }
    expect(got.sort()).toEqual(messages.map((m) => m.reason).sort());
  });
});
