export {
  type BatchDetector,
  type BatchDetectorOptions,
  type BatchResult,
  createBatchDetector,
  decodeRecord,
  type RecordOutcome,
} from './batch-detector.ts';
export { type BatchMl, type BatchMlOptions, type BatchProfileStore, openBatchMl } from './batch-ml.ts';
export { mergeFinding } from './merge-finding.ts';
export { MAX_QUARANTINE_BYTES, MAX_REJECTS_PER_MESSAGE, quarantineMessage } from './quarantine.ts';
export type { QuarantineMessage, StreamRecord } from './types.ts';
