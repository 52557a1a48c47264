import type { Reject } from '@vigil/decode';

/** One stream record as the event source delivers it, independent of the Lambda event shape. */
export interface StreamRecord {
  /** `shardId:sequenceNumber`, unique in the stream (the Kinesis event's `eventID`). */
  id: string;
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  /** Epoch milliseconds at which the stream accepted the record. */
  arrivalTime: number;
  data: Uint8Array;
}

/**
 * A record whose bytes (or part of them) could not be decoded or normalized: not a failure of
 * the batch, but kept with the reason and a bounded copy so an analyst can replay it.
 */
export interface QuarantineMessage {
  kind: 'quarantine';
  reason: string;
  recordId: string;
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  arrivalTime: string;
  /** Every reject of the record (at most `MAX_REJECTS_PER_MESSAGE`), where and why. */
  rejects: Pick<Reject, 'location' | 'reason'>[];
  rejectCount: number;
  /** Base64 of the record's first `MAX_QUARANTINE_BYTES` bytes. */
  data: string;
  dataBytes: number;
  truncated: boolean;
}
