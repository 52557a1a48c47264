import type { OcsfEvent } from '@vigil/schema';
import type { ModelName } from './feature-sets.ts';

/** One model input row, with what explains it and the events behind it. */
export interface FeatureRow {
  model: ModelName;
  /** In `FEATURE_SETS[model]` order; never NaN. */
  values: Float32Array;
  /** Event time (triage rows) or the window start (aggregate rows), epoch ms. */
  time: number;
  /** Principal (role ARN, user, service account) or network interface id. */
  entity: string;
  /** Human-readable reasons: "first iam:CreateAccessKey by this principal", "ASN 14061 never seen". */
  explanations: string[];
  /** `metadata.uid` of every contributing event. */
  eventUids: string[];
  /** Up to `MAX_ROW_EVENTS` contributing events, for findings' related events and evidence. */
  events: OcsfEvent[];
  /** The row's event (or one of its events) is a security-relevant action. */
  sensitive: boolean;
  /** The entity is still in its learning period: its novelty features say nothing yet. */
  learning: boolean;
}

/** Rule signals raised on an event, passed to the extractor for the triage features. */
export interface RuleHits {
  count: number;
  /** Highest OCSF severity_id among them (0 when none). */
  maxSeverity: number;
}

export const MAX_ROW_EVENTS = 50;
