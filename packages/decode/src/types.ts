/** The four source families Vigil reads. */
export type SourceKind = 'cloudtrail' | 'azure' | 'gcp' | 'vpcflow';

/**
 * Native shapes a record can arrive in. `--format` forces one family; `auto` sniffs each file
 * and classifies each record.
 */
export type InputFormat = 'auto' | SourceKind;

/** Where a record or a reject sits in its input, for error messages and the rejects file. */
export interface RecordLocation {
  /** Path as given by the user, or `-` for stdin. */
  file: string;
  /** 1-based line of the record's first byte, when the input is line oriented or it is known. */
  line?: number;
  /** 0-based character offset of the record's first character in the (decompressed) text. */
  offset?: number;
  /** 0-based index inside a container (`Records[i]`, `records[i]`, `logEvents[i]`, `rows[i]`). */
  index?: number;
}

/** One decoded native record, ready for its normalizer. */
export interface SourceRecord {
  source: SourceKind;
  /**
   * Variant inside the family, e.g. `cloudtrail` | `eventbridge`; `activity` | `signin` |
   * `audit` (Azure); `audit` (GCP); `v2`..`v5` (VPC flow).
   */
  variant: string;
  /** Native JSON object (CloudTrail record, Azure record or row object, GCP LogEntry); for
   * VPC flows, the field map keyed by the flow-log field names (`srcaddr`, `dstport`…). */
  record: Record<string, unknown>;
  /** Exact text of the record as it appeared in the input (JSON text, or the flow line without
   * its newline). Kept as OCSF `raw_data` and used for flow `metadata.uid`. */
  raw: string;
  location: RecordLocation;
}

/** A record that could not be decoded or classified. Nothing is dropped silently. */
export interface Reject {
  location: RecordLocation;
  reason: string;
  /** The offending text, truncated to a bounded size. */
  raw?: string;
  truncated?: boolean;
}

export type DecodeItem =
  | { kind: 'record'; value: SourceRecord }
  | { kind: 'reject'; value: Reject }
  | { kind: 'skip'; value: Skip };

/** Input that is well formed but carries no event (a CloudWatch Logs CONTROL_MESSAGE, a flow
 * log NODATA/SKIPDATA line, a header line): counted, never turned into an event. */
export interface Skip {
  location: RecordLocation;
  reason: string;
}
