import { decodeStream, type SourceKind } from '@vigil/decode';
import { createPipeline, type PipelineStats } from '@vigil/detect';
import {
  createFeatureExtractor,
  createIpLookup,
  createMlStage,
  FEATURE_SETS,
  type FeatureRow,
  type MlStageStats,
  MODEL_NAMES,
  type ModelName,
  ProfileCache,
  type ScoringModel,
} from '@vigil/features';
import type { DetectionFinding } from '@vigil/schema';
import {
  type CampaignActor,
  type CampaignInfo,
  type CampaignSpec,
  campaignsOf,
  type SimRecord,
  simulate,
  simulatedNetworks,
} from '@vigil/simulate';
import { loadDetection } from './detection.ts';
import { sharedIpDatabase } from './ml.ts';

export interface RowLabel {
  label: 'benign' | 'attack';
  campaign?: string;
  technique?: string;
  actor?: CampaignActor;
}

/** One model's rows of a run, in the order the pipeline produced them. */
export interface LabelledRows {
  features: readonly string[];
  /** Row-major, `count × features.length`. */
  values: Float32Array;
  count: number;
  labels: RowLabel[];
  /** Event time of each row (window start for aggregates), epoch ms. */
  times: Float64Array;
  /** The model's score of each row; NaN when the run had no model for it. */
  scores: Float64Array;
  /** 1 where the row's entity was still in its learning period (the ML stage raises nothing on those). */
  learning: Uint8Array;
}

export interface LabelledFinding {
  finding: DetectionFinding;
  /** `attack` when any related event belongs to a campaign. */
  label: 'benign' | 'attack';
  campaigns: string[];
  /** Raised by a model (analytic type 4) rather than a rule. */
  ml: boolean;
}

export interface LabelledRunOptions {
  seed: number;
  start?: string;
  days?: number;
  scale?: number;
  campaigns?: number | readonly CampaignSpec[];
  /** Models to score with (as `loadModels` returns them); without them, rows and rule findings only. */
  models?: ReadonlyMap<string, ScoringModel>;
  /** Profiles to start from (e.g. learnt on an earlier window); updated in place. */
  profiles?: ProfileCache;
  learningPeriodMs?: number;
}

export interface LabelledRun {
  rows: Record<ModelName, LabelledRows>;
  findings: LabelledFinding[];
  campaigns: CampaignInfo[];
  stats: PipelineStats;
  ml: MlStageStats;
  /** Benign events with a time in [from, to): the denominator of false positives per 100,000. */
  benignEventsBetween(from: number, to: number): number;
}

const SOURCES: readonly SourceKind[] = ['cloudtrail', 'azure', 'gcp', 'vpcflow'];

class RowCollector {
  readonly values: number[] = [];
  readonly labels: RowLabel[] = [];
  readonly times: number[] = [];
  readonly scores: number[] = [];
  readonly learning: number[] = [];

  add(row: FeatureRow, label: RowLabel, score: number | undefined): void {
    this.learning.push(row.learning ? 1 : 0);
    for (const v of row.values) this.values.push(v);
    this.labels.push(label);
    this.times.push(row.time);
    this.scores.push(score ?? Number.NaN);
  }

  done(model: ModelName): LabelledRows {
    return {
      features: FEATURE_SETS[model],
      values: Float32Array.from(this.values),
      count: this.labels.length,
      labels: this.labels,
      times: Float64Array.from(this.times),
      scores: Float64Array.from(this.scores),
      learning: Uint8Array.from(this.learning),
    };
  }
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A simulated organisation (with attack campaigns when asked) through the same path as
 * `pnpm detect`: native records → decode → normalize → rules, Sigma and the ML stage, file by
 * file in decoded batches. Returns every model row with its label and score, every finding
 * with the campaigns it relates to, and the benign event counts false-positive rates need.
 * Training and the acceptance measurement both call this, so they see what production sees.
 */
export async function labelledRun(options: LabelledRunOptions): Promise<LabelledRun> {
  const simOptions = {
    seed: options.seed,
    ...(options.start !== undefined ? { start: options.start } : {}),
    ...(options.days !== undefined ? { days: options.days } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
    ...(options.campaigns !== undefined ? { campaigns: options.campaigns } : {}),
  };
  const bySource = new Map<SourceKind, SimRecord[]>(SOURCES.map((s) => [s, []]));
  const labels = new Map<string, RowLabel>();
  const benignTimes: number[] = [];
  for (const r of simulate(simOptions)) {
    bySource.get(r.source)!.push(r);
    if (r.label === 'attack')
      labels.set(r.uid, {
        label: 'attack',
        ...(r.campaign ? { campaign: r.campaign } : {}),
        ...(r.technique ? { technique: r.technique } : {}),
        ...(r.actor ? { actor: r.actor } : {}),
      });
    else benignTimes.push(r.time);
  }
  const benign = Float64Array.from(benignTimes).sort();

  const profiles = options.profiles ?? new ProfileCache();
  const extractor = createFeatureExtractor({
    profiles,
    ipInfo: createIpLookup(await sharedIpDatabase(), simulatedNetworks()),
    ...(options.learningPeriodMs !== undefined ? { learningPeriodMs: options.learningPeriodMs } : {}),
  });
  const collectors = Object.fromEntries(MODEL_NAMES.map((m) => [m, new RowCollector()])) as Record<
    ModelName,
    RowCollector
  >;
  const BENIGN: RowLabel = { label: 'benign' };
  const stage = createMlStage({
    extractor,
    models: options.models ?? new Map(),
    onRow(row, score) {
      let label = BENIGN;
      for (const uid of row.eventUids) {
        const l = labels.get(uid);
        if (l) {
          label = l;
          break;
        }
      }
      collectors[row.model].add(row, label, score);
    },
  });
  const detection = await loadDetection({ rules: [], sigma: [] });
  const findings: DetectionFinding[] = [];
  const pipeline = createPipeline({
    analytics: detection.analytics,
    clock: () => 0,
    observer: stage,
    onFinding: (f) => findings.push(f),
  });
  for (const source of SOURCES) {
    const records = bySource.get(source)!;
    if (records.length === 0) continue;
    const input = [`${records.map((r) => r.text).join('\n')}\n`];
    for await (const batch of decodeStream(input, {
      file: source,
      format: source === 'vpcflow' ? 'vpcflow' : 'auto',
    })) {
      for (const item of batch) pipeline.push(item);
      pipeline.raise(await stage.score());
    }
  }
  pipeline.raise(await stage.finish());
  pipeline.end();

  return {
    rows: Object.fromEntries(MODEL_NAMES.map((m) => [m, collectors[m].done(m)])) as Record<
      ModelName,
      LabelledRows
    >,
    findings: findings.map((finding) => {
      const campaigns = new Set<string>();
      for (const e of finding.finding_info.related_events) {
        const l = labels.get(e.uid);
        if (l?.campaign) campaigns.add(l.campaign);
      }
      return {
        finding,
        label: campaigns.size > 0 ? 'attack' : 'benign',
        campaigns: [...campaigns],
        ml: finding.finding_info.analytic.type_id === 4,
      };
    }),
    campaigns: campaignsOf(simOptions),
    stats: pipeline.stats,
    ml: stage.stats,
    benignEventsBetween: (from, to) => lowerBound(benign, to) - lowerBound(benign, from),
  };
}
