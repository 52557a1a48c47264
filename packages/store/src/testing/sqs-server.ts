import { createHash, randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { requireString, ServiceFault, startJsonService } from './json-service.ts';
import { connect, type Loopback } from './loopback.ts';

const ACCOUNT = '000000000000';
/** SQS's default and maximum message size. */
const MAX_MESSAGE_BYTES = 262_144;
const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
/** Characters SQS accepts in a message body (its documented XML character ranges). */
const VALID_BODY = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

interface Message {
  id: string;
  body: string;
  receipt?: string;
  visibleAt: number;
}

export interface SqsLoopback extends Loopback<SQSClient> {
  /** Makes SendMessageBatch fail entries whose body the predicate picks (to test retries). */
  failEntries(predicate: ((body: string) => boolean) | undefined): void;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * A loopback SQS speaking the AWS JSON 1.0 protocol the SDK v3 client uses, for the operations
 * Vigil needs: CreateQueue, GetQueueUrl, SendMessage, SendMessageBatch, ReceiveMessage,
 * DeleteMessage. Inputs are validated with SQS's limits and error codes.
 */
export async function startSqs(clock: () => number = Date.now): Promise<SqsLoopback> {
  const queues = new Map<string, Message[]>();
  let failing: ((body: string) => boolean) | undefined;
  let base = '';

  function queue(input: Record<string, unknown>): Message[] {
    const url = requireString(input, 'QueueUrl', 'MissingParameter');
    const name = url.startsWith(`${base}/${ACCOUNT}/`) ? url.slice(`${base}/${ACCOUNT}/`.length) : '';
    const found = queues.get(name);
    if (!found) throw new ServiceFault('QueueDoesNotExist', 'The specified queue does not exist.');
    return found;
  }

  function checkBody(body: unknown): string {
    if (typeof body !== 'string' || body === '') {
      throw new ServiceFault('MissingParameter', 'The request must contain the parameter MessageBody.');
    }
    if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES) {
      throw new ServiceFault(
        'InvalidParameterValue',
        `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
      );
    }
    if (!VALID_BODY.test(body))
      throw new ServiceFault('InvalidMessageContents', 'Invalid characters found in the message body.');
    return body;
  }

  function enqueue(messages: Message[], body: string) {
    const message = { id: randomUUID(), body, visibleAt: 0 };
    messages.push(message);
    return { MessageId: message.id, MD5OfMessageBody: md5(body) };
  }

  const service = await startJsonService({
    targetPrefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    errorPrefix: 'com.amazonaws.sqs#',
    operations: {
      CreateQueue(input) {
        const name = requireString(input, 'QueueName', 'MissingParameter');
        if (!/^[A-Za-z0-9_-]{1,80}$/.test(name))
          throw new ServiceFault('InvalidParameterValue', `Invalid queue name ${name}`);
        if (!queues.has(name)) queues.set(name, []);
        return { QueueUrl: `${base}/${ACCOUNT}/${name}` };
      },
      GetQueueUrl(input) {
        const name = requireString(input, 'QueueName', 'MissingParameter');
        if (!queues.has(name))
          throw new ServiceFault('QueueDoesNotExist', 'The specified queue does not exist.');
        return { QueueUrl: `${base}/${ACCOUNT}/${name}` };
      },
      SendMessage(input) {
        const messages = queue(input);
        return enqueue(messages, checkBody(input.MessageBody));
      },
      SendMessageBatch(input) {
        const messages = queue(input);
        const entries = input.Entries;
        if (!Array.isArray(entries) || entries.length === 0)
          throw new ServiceFault(
            'EmptyBatchRequest',
            'There should be at least one SendMessageBatchRequestEntry in the request.',
          );
        if (entries.length > 10)
          throw new ServiceFault(
            'TooManyEntriesInBatchRequest',
            `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
          );
        const ids = new Set<string>();
        let total = 0;
        for (const e of entries as Record<string, unknown>[]) {
          const id = String(e.Id ?? '');
          if (!BATCH_ID.test(id))
            throw new ServiceFault(
              'InvalidBatchEntryId',
              `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.`,
            );
          if (ids.has(id)) throw new ServiceFault('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
          ids.add(id);
          total += Buffer.byteLength(String(e.MessageBody ?? ''));
        }
        if (total > MAX_MESSAGE_BYTES)
          throw new ServiceFault(
            'BatchRequestTooLong',
            `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
          );
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const e of entries as Record<string, unknown>[]) {
          try {
            const body = checkBody(e.MessageBody);
            if (failing?.(body)) {
              Failed.push({
                Id: e.Id,
                SenderFault: false,
                Code: 'InternalError',
                Message: 'injected failure',
              });
              continue;
            }
            Successful.push({ Id: e.Id, ...enqueue(messages, body) });
          } catch (error) {
            if (!(error instanceof ServiceFault)) throw error;
            Failed.push({ Id: e.Id, SenderFault: true, Code: error.code, Message: error.message });
          }
        }
        return { Successful, Failed };
      },
      ReceiveMessage(input) {
        const messages = queue(input);
        const max = Number(input.MaxNumberOfMessages ?? 1);
        if (!Number.isInteger(max) || max < 1 || max > 10)
          throw new ServiceFault(
            'InvalidParameterValue',
            `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
          );
        const visibility = Number(input.VisibilityTimeout ?? 30);
        const now = clock();
        const out = messages.filter((m) => m.visibleAt <= now).slice(0, max);
        for (const m of out) {
          m.receipt = randomUUID();
          m.visibleAt = now + visibility * 1000;
        }
        return {
          Messages: out.map((m) => ({
            MessageId: m.id,
            ReceiptHandle: m.receipt,
            MD5OfBody: md5(m.body),
            Body: m.body,
          })),
        };
      },
      DeleteMessage(input) {
        const messages = queue(input);
        const receipt = requireString(input, 'ReceiptHandle', 'MissingParameter');
        const i = messages.findIndex((m) => m.receipt === receipt);
        if (i < 0)
          throw new ServiceFault(
            'ReceiptHandleIsInvalid',
            `The input receipt handle "${receipt}" is not a valid receipt handle.`,
          );
        messages.splice(i, 1);
      },
    },
  });
  base = service.endpoint;
  return {
    ...connect(service.endpoint, (config) => new SQSClient(config), service.stop),
    failEntries(predicate) {
      failing = predicate;
    },
  };
}
