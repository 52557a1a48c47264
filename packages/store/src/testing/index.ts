export { type BusEvent, type EventBridgeLoopback, startEventBridge } from './eventbridge-server.ts';
export {
  createEventSource,
  type EventSource,
  type EventSourceOptions,
  type EventSourceStats,
  type KinesisHandler,
  type OnFailureRecord,
} from './kinesis-event-source.ts';
export { type LocalStack, startLocalStack } from './local-stack.ts';
export { createTable, type Loopback, startDynalite, startKinesalite } from './loopback.ts';
export { type SqsLoopback, startSqs } from './sqs-server.ts';
