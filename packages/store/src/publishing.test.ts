import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from './errors.ts';
import { FINDING_DETAIL_TYPE, FINDING_EVENT_SOURCE, publishFindings } from './finding-publisher.ts';
import { sendToQueue } from './quarantine-queue.ts';
import { findingOf } from './test-findings.test-helper.ts';
import { type LocalStack, startLocalStack } from './testing/local-stack.ts';

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
