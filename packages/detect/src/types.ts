import type { Attack, DetectionFinding, Evidence, OcsfEvent } from '@vigil/schema';

export type SeverityId = 1 | 2 | 3 | 4 | 5;

/** Who fired: a rule or a model. Becomes `finding_info.analytic`. */
export interface AnalyticInfo {
  uid: string;
  name: string;
  /** OCSF analytic type: 1 Rule, 2 Behavioral, 3 Statistical, 4 Learning (ML/DL). */
  type_id: 1 | 2 | 3 | 4;
  version?: string;
  category?: string;
}

/**
 * One analytic's judgement that some events are suspicious. The detector groups signals of the
 * same analytic and dedup key within the dedup period into one finding.
 */
export interface Signal {
  analytic: AnalyticInfo;
  title: string;
  desc: string;
  /** Every event that contributed; their `metadata.uid` become `related_events`. */
  events: readonly OcsfEvent[];
  severity_id: SeverityId;
  /** 0-100. */
  confidence: number;
  attacks: readonly Attack[];
  /** Signals with the same analytic and key within `dedupPeriodMs` become one finding. */
  dedupKey: string;
  dedupPeriodMs: number;
  /** A line naming the specifics ("trail org-trail stopped by alice"), kept as the finding message. */
  summary?: string;
  /** Extra evidence beyond the per-event evidence the detector derives. */
  evidences?: readonly Evidence[];
  remediation?: { desc: string; references?: string[] };
  types?: readonly string[];
}

/** Services an analytic may use; passed in so analytics stay pure. */
export interface AnalyticContext {
  /** Milliseconds since the epoch, from the caller's clock. */
  now(): number;
  /** The native record the current event was normalized from, for analytics that read the
   * source's own fields (Sigma rules); absent when the caller has only the OCSF event. */
  readonly native?: Readonly<Record<string, unknown>>;
  /** Where stateful analytics keep windows, baselines and sequences between events. */
  readonly state: StateStore;
}

/**
 * Key-value state for stateful analytics. Synchronous on purpose: the CLI keeps it in memory,
 * and the Lambda loads the keys a batch needs before the batch and writes them back after it.
 */
export interface StateStore {
  get<T>(key: string): T | undefined;
  /** `expiresAt` (epoch ms, event time) lets stores forget state nobody will read again. */
  set<T>(key: string, value: T, expiresAt?: number): void;
  delete(key: string): void;
}

/**
 * A pluggable detection: a rule, a stateful rule or a model. `accepts` lets the detector route
 * only relevant events to it; `evaluate` is synchronous and cheap on the hot path.
 */
export interface Analytic {
  readonly info: AnalyticInfo;
  /** Class uids this analytic wants to see; absent means every class. */
  readonly classUids?: readonly number[];
  /** `api.operation` values (any case) this analytic wants; absent means every operation. The
   * detector routes on them, so an analytic never sees events of other operations. */
  readonly operations?: readonly string[];
  /** `cloud.provider` values this analytic wants (`AWS`, `Azure`, `GCP`); absent means every provider. */
  readonly providers?: readonly string[];
  evaluate(event: OcsfEvent, ctx: AnalyticContext): Signal | readonly Signal[] | undefined;
  /** Called at the end of input: stateful analytics emit what they still hold. */
  flush?(ctx: AnalyticContext): readonly Signal[];
}

export type { DetectionFinding };
