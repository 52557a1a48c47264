import type { Signal } from '@vigil/detect';
import type { Evidence, OcsfEvent } from '@vigil/schema';
import { FeaturesError } from '../errors.ts';
import type { FeatureExtractor } from '../extractor.ts';
import { FEATURE_SETS, MODEL_NAMES, type ModelName } from '../feature-sets.ts';
import { type FeatureRowJson, rowFromJson, rowToJson } from '../row-json.ts';
import type { FeatureRow, RuleHits } from '../types.ts';
import { attacksOf } from './attacks.ts';
import { RiskLedger, type RiskOptions } from './risk.ts';

/** A model as the ML stage uses it: `loadModels` of `@vigil/scoring` returns these. */
export interface ScoringModel {
  readonly name: string;
  readonly features: readonly string[];
  /** Scores at or above it are anomalous (chosen on benign validation data for a false-positive budget). */
  readonly threshold: number;
  readonly scorer: { score(rows: Float32Array, count: number): Promise<Float32Array> };
}

export interface MlStageOptions {
  extractor: FeatureExtractor;
  models: ReadonlyMap<string, ScoringModel>;
  risk?: RiskOptions;
  /** Sees every row with its score (undefined when no model reads its set): training and evaluation. */
  onRow?: (row: FeatureRow, score: number | undefined) => void;
}

export interface MlStageStats {
  rows: Record<ModelName, number>;
  anomalous: Record<ModelName, number>;
  signals: number;
}

export interface MlStage {
  /** Synchronous, on the hot path: features and profile updates, rows queued for scoring. */
  observe(event: OcsfEvent, signals: readonly Signal[]): void;
  /** Scores the rows queued since the last call, one model call per model, and returns the signals. */
  score(): Promise<Signal[]>;
  /** End of input: every open window is closed and scored. */
  finish(): Promise<Signal[]>;
  readonly stats: MlStageStats;
  /**
   * The risk ledger and the newest scored row time, as JSON, for a later process to carry on
   * with (the detect Lambda between batches, beside the extractor's `openState`). Rows still
   * queued are not included: call it after `score()`.
   */
  carryState(): MlStageState;
  /** Takes over what `carryState` returned, before the first event. */
  resume(state: MlStageState): void;
}

/** A scored anomalous row as the risk ledger keeps it. */
export interface ScoredJson {
  row: FeatureRowJson;
  score: number;
  threshold: number;
}

export interface MlStageState {
  latest: number;
  risk: [string, { risk: number; at: number; items: ScoredJson[] }][];
}

const HOUR = 3_600_000;

/**
 * Kinds of evidence a row shows, each a group of columns: the API used, the network, the
 * client, the hour, rule hits, errors. One new API call is common in benign work; a new API
 * from a new network at an unusual hour is not.
 */
const EVIDENCE: Readonly<Record<'triage-gbdt' | 'principal-iforest', readonly (readonly string[])[]>> = {
  'triage-gbdt': [
    ['action_new_principal', 'action_new_account', 'service_new_principal', 'region_new_principal'],
    ['asn_new_principal', 'asn_new_account', 'country_new_principal', 'country_new_account'],
    ['ua_family_new_principal', 'ua_family_new_account'],
    ['hour_of_week_rarity'],
    ['rule_hits'],
    ['error_new_principal'],
  ],
  'principal-iforest': [
    ['new_actions', 'new_services', 'new_regions'],
    ['new_asns', 'new_countries'],
    ['new_ua_families'],
    ['hour_of_week_rarity'],
    ['new_error_codes'],
  ],
};
/** Hour-of-week rarity counts as evidence from this level (an hour the principal is almost never active). */
const RARE_HOUR = 0.95;

const EVIDENCE_COLUMNS = Object.fromEntries(
  Object.entries(EVIDENCE).map(([model, groups]) => [
    model,
    groups.map((g) =>
      g.map((name) => (FEATURE_SETS[model as keyof typeof EVIDENCE] as readonly string[]).indexOf(name)),
    ),
  ]),
) as Record<keyof typeof EVIDENCE, number[][]>;
const HOW_COLUMN = {
  'triage-gbdt': FEATURE_SETS['triage-gbdt'].indexOf('hour_of_week_rarity'),
  'principal-iforest': FEATURE_SETS['principal-iforest'].indexOf('hour_of_week_rarity'),
};

/** How many kinds of evidence a row shows. Flow rows are security-relevant only with two already. */
export function corroboration(row: FeatureRow): number {
  if (row.model === 'flow-iforest') return 2;
  const model = row.model;
  let kinds = 0;
  for (const group of EVIDENCE_COLUMNS[model])
    if (group.some((c) => (c === HOW_COLUMN[model] ? row.values[c]! >= RARE_HOUR : row.values[c]! > 0)))
      kinds++;
  return kinds;
}

const MAX_SIGNAL_EVENTS = 100;

const ANOMALOUS_ACTION = {
  uid: 'vigil-ml-anomalous-action',
  name: 'ML: anomalous security-relevant action',
  type_id: 4,
  version: '1',
  category: 'Behavioural anomaly',
} as const;

const ENTITY_RISK = {
  uid: 'vigil-ml-entity-risk',
  name: 'ML: accumulated anomaly risk',
  type_id: 4,
  version: '1',
  category: 'Behavioural anomaly',
} as const;

/** A model's feature list must be the extractor's, column for column. */
export function checkModel(model: ScoringModel): ModelName {
  if (!MODEL_NAMES.includes(model.name as ModelName))
    throw new FeaturesError(
      `model ${model.name}: no feature set of that name (known: ${MODEL_NAMES.join(', ')})`,
    );
  const name = model.name as ModelName;
  const expected: readonly string[] = FEATURE_SETS[name];
  for (let i = 0; i < Math.max(expected.length, model.features.length); i++)
    if (expected[i] !== model.features[i])
      throw new FeaturesError(
        `model ${name}: feature ${i + 1} is "${model.features[i] ?? '(none)'}", the extractor writes "${expected[i] ?? '(none)'}": retrain the model`,
      );
  return name;
}

function ruleHits(signals: readonly Signal[]): RuleHits {
  let count = 0;
  let maxSeverity = 0;
  for (const s of signals) {
    if (s.analytic.type_id === 4) continue;
    count++;
    if (s.severity_id > maxSeverity) maxSeverity = s.severity_id;
  }
  return { count, maxSeverity };
}

function eventsOf(rows: readonly FeatureRow[]): OcsfEvent[] {
  const seen = new Set<string>();
  const out: OcsfEvent[] = [];
  for (const row of rows)
    for (const e of row.events)
      if (!seen.has(e.metadata.uid) && out.length < MAX_SIGNAL_EVENTS) {
        seen.add(e.metadata.uid);
        out.push(e);
      }
  return out;
}

interface Scored {
  row: FeatureRow;
  score: number;
  threshold: number;
}

function explain(scored: readonly Scored[]): string[] {
  const lines = new Set<string>();
  for (const { row } of scored) for (const e of row.explanations) lines.add(e);
  if (lines.size === 0)
    for (const { row, score, threshold } of scored)
      lines.add(`${row.model} scored ${score.toFixed(3)} (threshold ${threshold.toFixed(3)})`);
  return [...lines];
}

function evidence(scored: readonly Scored[], risk: number): Evidence {
  return {
    name: 'anomaly',
    data: {
      risk: Math.round(risk),
      anomalies: scored.map(({ row, score, threshold }) => ({
        model: row.model,
        entity: row.entity,
        time: row.time,
        score: Number(score.toFixed(4)),
        threshold: Number(threshold.toFixed(4)),
        explanations: row.explanations,
      })),
    },
  };
}

function signalOf(kind: 'action' | 'risk', scored: readonly Scored[], risk: number): Signal {
  const rows = scored.map((s) => s.row);
  const entity = rows[0]!.entity;
  const reasons = explain(scored);
  const excess = Math.max(...scored.map((s) => (s.score - s.threshold) / Math.max(1e-6, 1 - s.threshold)));
  const analytic = kind === 'action' ? ANOMALOUS_ACTION : ENTITY_RISK;
  const title =
    kind === 'action'
      ? `Anomalous security-relevant activity by ${entity}`
      : `Accumulated anomaly risk ${Math.round(risk)} for ${entity}`;
  return {
    analytic,
    title,
    desc: `Behavioural models found activity unusual for this entity: ${reasons.join('; ')}.`,
    summary: `${entity}: ${reasons.slice(0, 4).join('; ')}`,
    events: eventsOf(rows),
    severity_id: 3,
    confidence: Math.round(50 + 45 * Math.max(0, Math.min(1, excess))),
    attacks: attacksOf(rows),
    dedupKey: entity,
    dedupPeriodMs: HOUR,
    evidences: [evidence(scored, risk)],
    types: ['Anomaly'],
  };
}

/**
 * The ML stage between the analytics and the findings: it watches events synchronously
 * (features, profiles, rows queued), scores the queued rows in one batch per model when the
 * caller awaits `score()` (per decoded batch in the CLI, per Kinesis batch in the Lambda), and
 * turns anomalies into signals. An anomalous security-relevant action is a signal by itself;
 * any other anomaly adds capped risk to its entity, and crossing the risk threshold is one.
 */
export function createMlStage(options: MlStageOptions): MlStage {
  const { extractor, onRow } = options;
  const models = new Map<ModelName, ScoringModel>();
  for (const model of options.models.values()) models.set(checkModel(model), model);
  const ledger = new RiskLedger<Scored>(options.risk);
  const queue: FeatureRow[] = [];
  const zero = () => Object.fromEntries(MODEL_NAMES.map((n) => [n, 0])) as Record<ModelName, number>;
  const stats: MlStageStats = { rows: zero(), anomalous: zero(), signals: 0 };
  let latest = 0;

  function take(rows: readonly FeatureRow[]): void {
    for (const row of rows) {
      stats.rows[row.model]++;
      if (!models.has(row.model)) onRow?.(row, undefined);
      // A row of an entity still being learnt can raise nothing: scored only when someone
      // collects rows (training, measurement).
      else if (!row.learning || onRow) queue.push(row);
    }
  }

  async function score(): Promise<Signal[]> {
    take(extractor.closed());
    if (queue.length === 0) return [];
    const batch = queue.splice(0);
    const signals: Signal[] = [];
    for (const [name, model] of models) {
      const rows = batch.filter((r) => r.model === name);
      if (rows.length === 0) continue;
      const width = FEATURE_SETS[name].length;
      const matrix = new Float32Array(rows.length * width);
      rows.forEach((r, i) => {
        matrix.set(r.values, i * width);
      });
      const scores = await model.scorer.score(matrix, rows.length);
      rows.forEach((row, i) => {
        const s = scores[i]!;
        onRow?.(row, s);
        if (row.time > latest) latest = row.time;
        // Until an entity is learnt, "never seen" means nothing: its rows are scored (for
        // training and measurement) but raise nothing.
        if (!(s >= model.threshold) || row.learning) return;
        stats.anomalous[name]++;
        const scored: Scored = { row, score: s, threshold: model.threshold };
        const excess = (s - model.threshold) / Math.max(1e-6, 1 - model.threshold);
        const { risk, crossed } = ledger.add(scored, excess);
        // A finding by itself needs reasons a person can check, of two kinds at least; an
        // anomaly with less only adds risk.
        if (row.sensitive && row.explanations.length > 0 && corroboration(row) >= 2)
          signals.push(signalOf('action', [scored], risk));
        else if (crossed) signals.push(signalOf('risk', crossed, risk));
      });
    }
    ledger.sweep(latest);
    stats.signals += signals.length;
    return signals;
  }

  return {
    observe(event, signals) {
      const row = extractor.observe(event, ruleHits(signals));
      if (row) take([row]);
    },
    score,
    carryState() {
      return {
        latest,
        risk: ledger
          .entries()
          .map(([entity, e]) => [
            entity,
            { risk: e.risk, at: e.at, items: e.items.map((i) => ({ ...i, row: rowToJson(i.row) })) },
          ]),
      };
    },
    resume(state) {
      latest = state.latest;
      ledger.restore(
        state.risk.map(([entity, e]) => [
          entity,
          { risk: e.risk, at: e.at, items: e.items.map((i) => ({ ...i, row: rowFromJson(i.row) })) },
        ]),
      );
    },
    async finish() {
      take(extractor.flush());
      return score();
    },
    stats,
  };
}
