import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { requireString, ServiceFault, startJsonService } from './json-service.ts';
import { connect, type Loopback, REGION } from './loopback.ts';

const ACCOUNT = '000000000000';
const MAX_REQUEST_BYTES = 256 * 1024;

/** An event as EventBridge delivers it to a rule's target. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface EventBridgeLoopback extends Loopback<EventBridgeClient> {
  /** Events accepted on a bus, in order. */
  events(bus: string): BusEvent[];
  /** Makes PutEvents fail entries the predicate picks, with `InternalFailure` (to test retries). */
  failEntries(predicate: ((entry: Record<string, unknown>) => boolean) | undefined): void;
}

/**
 * A loopback EventBridge speaking AWS JSON 1.1 for CreateEventBus and PutEvents, with PutEvents'
 * limits (1–10 entries, 256 KiB) and per-entry errors for invalid entries.
 */
export async function startEventBridge(clock: () => number = Date.now): Promise<EventBridgeLoopback> {
  const buses = new Map<string, BusEvent[]>([['default', []]]);
  let failing: ((entry: Record<string, unknown>) => boolean) | undefined;

  function accept(e: Record<string, unknown>): Record<string, string> {
    const bus = String(e.EventBusName ?? 'default')
      .split('/')
      .pop()!;
    const events = buses.get(bus);
    if (!events)
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
    for (const field of ['Source', 'DetailType', 'Detail'] as const) {
      if (typeof e[field] !== 'string' || e[field] === '')
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
        };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(e.Detail as string);
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (failing?.(e)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'injected failure' };
    const id = randomUUID();
    const time = typeof e.Time === 'number' ? e.Time * 1000 : clock();
    events.push({
      version: '0',
      id,
      'detail-type': e.DetailType as string,
      source: e.Source as string,
      account: ACCOUNT,
      time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: REGION,
      resources: Array.isArray(e.Resources) ? e.Resources.map(String) : [],
      detail,
    });
    return { EventId: id };
  }

  const service = await startJsonService({
    targetPrefix: 'AWSEvents',
    contentType: 'application/x-amz-json-1.1',
    errorPrefix: '',
    operations: {
      CreateEventBus(input) {
        const name = requireString(input, 'Name');
        if (buses.has(name))
          throw new ServiceFault('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
        buses.set(name, []);
        return { EventBusArn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}` };
      },
      PutEvents(input) {
        const entries = input.Entries;
        if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
          throw new ServiceFault(
            'ValidationException',
            `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1`,
          );
        }
        const size = entries.reduce(
          (n: number, e: Record<string, unknown>) =>
            n +
            14 +
            ['Source', 'DetailType', 'Detail'].reduce((m, k) => m + Buffer.byteLength(String(e[k] ?? '')), 0),
          0,
        );
        if (size > MAX_REQUEST_BYTES)
          throw new ServiceFault(
            'ValidationException',
            'Total size of the entries in the request is over the limit.',
          );
        const results = (entries as Record<string, unknown>[]).map(accept);
        return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
      },
    },
  });
  return {
    ...connect(service.endpoint, (config) => new EventBridgeClient(config), service.stop),
    events: (bus) => [...(buses.get(bus) ?? [])],
    failEntries(predicate) {
      failing = predicate;
    },
  };
}
