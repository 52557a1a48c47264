import type { Reject } from '@vigil/decode';
import type { QuarantineMessage, StreamRecord } from './types.ts';

/** Bytes of the record copied into its quarantine message: SQS messages stop at 256 KiB. */
export const MAX_QUARANTINE_BYTES = 48 * 1024;
export const MAX_REJECTS_PER_MESSAGE = 20;

/** The quarantine message for a record that had rejects: reasons, location and its bytes, bounded. */
export function quarantineMessage(record: StreamRecord, rejects: readonly Reject[]): QuarantineMessage {
  const first = rejects[0];
  if (!first) throw new RangeError(`quarantineMessage: record ${record.id} has no rejects`);
  const copy = record.data.subarray(0, MAX_QUARANTINE_BYTES);
  return {
    kind: 'quarantine',
    reason: first.reason,
    recordId: record.id,
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    partitionKey: record.partitionKey,
    arrivalTime: new Date(record.arrivalTime).toISOString(),
    rejects: rejects
      .slice(0, MAX_REJECTS_PER_MESSAGE)
      .map((r) => ({ location: r.location, reason: r.reason })),
    rejectCount: rejects.length,
    data: Buffer.from(copy).toString('base64'),
    dataBytes: record.data.byteLength,
    truncated: copy.byteLength < record.data.byteLength,
  };
}
