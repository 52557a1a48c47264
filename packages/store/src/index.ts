export { documentClient } from './document-client.ts';
export { DynamoStateStore, StateCache } from './dynamo-state-store.ts';
export { FindingsStoreError, PublishError, StateStoreError, StoreError } from './errors.ts';
export { FINDING_DETAIL_TYPE, FINDING_EVENT_SOURCE, publishFindings } from './finding-publisher.ts';
export { type FindingsOutboxOptions, recordFindings } from './findings-outbox.ts';
export {
  type FindingItem,
  type FindingsStoreOptions,
  findingItem,
  markPublished,
  type StoredFinding,
  type WriteOutcome,
  writeFindings,
} from './findings-store.ts';
export {
  DEFAULT_FORGET_MS,
  DynamoProfileStore,
  LocalProfileStore,
  type ProfileStore,
  ProfileStoreError,
} from './profiles/index.ts';
export { sendToQueue } from './quarantine-queue.ts';
export { type AttributeDef, TABLES, type TableDef, type TableName } from './tables.ts';
