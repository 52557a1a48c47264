import type { DecodeItem, Reject, SourceKind, SourceRecord } from '@vigil/decode';
import { type NormalizeResult, normalize } from '@vigil/normalize';
import type { DetectionFinding, OcsfEvent } from '@vigil/schema';
import { createDetector } from './detector.ts';
import type { Analytic, Signal, StateStore } from './types.ts';

export interface PipelineStats {
  records: number;
  events: number;
  rejected: number;
  skipped: number;
  findings: number;
  /** Signals that a suppression covered, by suppression id. */
  suppressed: Map<string, number>;
  eventsBySource: Record<SourceKind, number>;
  /** Why records were rejected, with counts: the summary shows the top reasons. */
  rejectReasons: Map<string, number>;
}

export interface PipelineOptions {
  analytics: readonly Analytic[];
  clock: () => number;
  onFinding: (finding: DetectionFinding) => void;
  onReject?: (reject: Reject) => void;
  /** Sees every normalized event (e.g. to validate or archive it); off the hot path when absent. */
  onEvent?: (event: OcsfEvent) => void;
  suppress?: (signal: Signal) => string | undefined;
  /** State of stateful analytics; the detector keeps its own in memory when absent (the CLI). */
  state?: StateStore;
  /** Sees every event after the analytics, with the signals they raised on it (the ML stage). */
  observer?: EventObserver;
  /** Turns a record into an OCSF event; `@vigil/normalize` unless a caller that already
   * normalized the records (the Lambda's ML pre-pass) hands its results back. */
  normalize?: (record: SourceRecord) => NormalizeResult;
}

/** Reads each event after the analytics did, with the signals they raised on it. */
export interface EventObserver {
  /** `signals` is reused for the next event: copy it to keep it. */
  observe(event: OcsfEvent, signals: readonly Signal[]): void;
}

export interface Pipeline {
  push(item: DecodeItem): void;
  /** Signals computed outside the analytics (model scores), grouped and suppressed like theirs. */
  raise(signals: readonly Signal[]): void;
  end(): void;
  readonly stats: PipelineStats;
}

/** Longest reject reason kept as a counting key; the reject itself keeps the full text. */
const REASON_KEY_LENGTH = 120;

/**
 * The detect stage shared by the CLI and the Lambda: decoded items in, findings out. Records
 * that fail to normalize become rejects with their location, like records that failed to decode.
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  const stats: PipelineStats = {
    records: 0,
    events: 0,
    rejected: 0,
    skipped: 0,
    findings: 0,
    suppressed: new Map(),
    eventsBySource: { cloudtrail: 0, azure: 0, gcp: 0, vpcflow: 0 },
    rejectReasons: new Map(),
  };
  const { observer } = options;
  // Signals raised while one event is processed, handed to the observer with that event (one
  // array reused: observers read it synchronously).
  const raised: Signal[] = [];
  let current: Signal[] | undefined;
  const detector = createDetector({
    analytics: options.analytics,
    clock: options.clock,
    onFinding(finding) {
      stats.findings++;
      options.onFinding(finding);
    },
    ...(options.suppress ? { suppress: options.suppress } : {}),
    ...(options.state ? { state: options.state } : {}),
    onSuppressed(id) {
      stats.suppressed.set(id, (stats.suppressed.get(id) ?? 0) + 1);
    },
    ...(observer ? { onSignal: (signal: Signal) => current?.push(signal) } : {}),
  });
  const { onReject, onEvent, normalize: toEvent = normalize } = options;

  function reject(r: Reject): void {
    stats.rejected++;
    const key = reasonKey(r.reason);
    stats.rejectReasons.set(key, (stats.rejectReasons.get(key) ?? 0) + 1);
    onReject?.(r);
  }

  return {
    push(item) {
      if (item.kind === 'record') {
        stats.records++;
        const rec = item.value;
        const result = toEvent(rec);
        if (!result.ok) {
          reject({
            location: rec.location,
            reason: result.reason,
            raw: rec.raw,
          });
          return;
        }
        stats.events++;
        stats.eventsBySource[rec.source]++;
        onEvent?.(result.event);
        if (observer) {
          raised.length = 0;
          current = raised;
          detector.process(result.event, rec.record);
          current = undefined;
          observer.observe(result.event, raised);
        } else {
          detector.process(result.event, rec.record);
        }
      } else if (item.kind === 'reject') {
        reject(item.value);
      } else {
        stats.skipped++;
      }
    },
    raise(signals) {
      for (const s of signals) detector.raise(s);
    },
    end() {
      detector.flush();
    },
    stats,
  };
}

/** Groups reasons that differ only in quoted values, ids or numbers, so counts stay meaningful. */
function reasonKey(reason: string): string {
  return reason
    .replace(/"[^"]*"|'[^']*'/g, '…')
    .replace(/\b[\w-]*\d[\w-]{2,}\b|\b\d+\b/g, '…')
    .slice(0, REASON_KEY_LENGTH);
}
