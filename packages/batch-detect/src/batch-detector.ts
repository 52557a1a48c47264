import { createDecoder, type DecodeItem, type Reject } from '@vigil/decode';
import {
  type Analytic,
  createPipeline,
  type PipelineOptions,
  type PipelineStats,
  type Signal,
  type StateStore,
} from '@vigil/detect';
import type { DetectionFinding } from '@vigil/schema';
import { quarantineMessage } from './quarantine.ts';
import type { QuarantineMessage, StreamRecord } from './types.ts';

export interface BatchDetectorOptions {
  analytics: readonly Analytic[];
  /** State of stateful analytics, loaded for the batch's partition by the caller. */
  state: StateStore;
  clock: () => number;
  suppress?: (signal: Signal) => string | undefined;
  /** Sees every event after the analytics (the ML stage of `openBatchMl`). */
  observer?: NonNullable<PipelineOptions['observer']>;
  /** Normalizes records (the ML pre-pass's results, so no record is normalized twice). */
  normalize?: PipelineOptions['normalize'];
}

/** What one stream record became. */
export interface RecordOutcome {
  events: number;
  skipped: number;
  /** Present when part or all of the record could not be decoded or normalized. */
  quarantine?: QuarantineMessage;
}

export interface BatchResult {
  findings: DetectionFinding[];
  stats: PipelineStats;
}

export interface BatchDetector {
  /** Decodes, normalizes and detects one record. Throws only for defects (of Vigil or of an
   * analytic): the caller reports the record as a batch item failure. */
  process(record: StreamRecord, items?: readonly DecodeItem[]): RecordOutcome;
  /** Signals computed after the records (model scores), grouped with the analytics' signals. */
  raise(signals: readonly Signal[]): void;
  /** End of the batch: open finding groups are emitted. */
  finish(): BatchResult;
}

/** What a record's bytes decode to, before detection: the ML stage reads the batch's keys from it first. */
export function decodeRecord(record: StreamRecord): DecodeItem[] {
  const items: DecodeItem[] = [];
  const decoder = createDecoder({ file: record.id, format: 'auto' }, (item) => items.push(item));
  decoder.write(record.data);
  decoder.end();
  return items;
}

/**
 * The detect stage over one batch of stream records: the same pipeline the CLI runs over files
 * (decode → normalize → analytics → findings), fed record by record, with the state store the
 * caller loaded. Each record's bytes are a complete payload, so any shape `@vigil/decode`
 * reads may arrive: EventBridge envelopes, CloudWatch Logs gzip payloads, JSON lines.
 */
export function createBatchDetector(options: BatchDetectorOptions): BatchDetector {
  const findings: DetectionFinding[] = [];
  let rejects: Reject[] = [];
  const pipeline = createPipeline({
    analytics: options.analytics,
    clock: options.clock,
    state: options.state,
    ...(options.suppress ? { suppress: options.suppress } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.normalize ? { normalize: options.normalize } : {}),
    onFinding: (finding) => findings.push(finding),
    onReject: (reject) => rejects.push(reject),
  });
  return {
    process(record, items) {
      rejects = [];
      const before = { events: pipeline.stats.events, skipped: pipeline.stats.skipped };
      for (const item of items ?? decodeRecord(record)) pipeline.push(item);
      const outcome: RecordOutcome = {
        events: pipeline.stats.events - before.events,
        skipped: pipeline.stats.skipped - before.skipped,
      };
      // A record that yields nothing at all (empty, blank) is kept too: nothing is lost silently.
      if (rejects.length === 0 && outcome.events === 0 && outcome.skipped === 0) {
        rejects.push({ location: { file: record.id }, reason: 'record carries no data' });
      }
      if (rejects.length > 0) outcome.quarantine = quarantineMessage(record, rejects);
      return outcome;
    },
    raise(signals) {
      pipeline.raise(signals);
    },
    finish() {
      pipeline.end();
      return { findings, stats: pipeline.stats };
    },
  };
}
