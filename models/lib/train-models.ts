import {
  createOnnxScorer,
  exportOnnx,
  predict,
  sha256Hex,
  type TreeEnsemble,
  trainGradientBoosting,
  trainIsolationForest,
} from '@vigil/scoring';
import { MODELS, type TRAINING } from './config.ts';
import { type SliceMetrics, sliceMetrics } from './metrics.ts';
import { type LabelledRows, rowsBetween, selectRows } from './rows.ts';
import { type ThresholdChoice, thresholdForBudget } from './threshold.ts';

export type ModelName = keyof typeof MODELS;
const DAY = 86_400_000;

/** A labelled training run: rows per model and benign event counts per time range. */
export interface TrainingData {
  readonly rows: Readonly<Record<ModelName, LabelledRows>>;
  readonly benignEventsBetween: (from: number, to: number) => number;
}

export interface TrainedModel {
  readonly name: ModelName;
  readonly features: readonly string[];
  readonly ensemble: TreeEnsemble;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly trainRows: number;
  readonly trainAttackRows: number;
  readonly threshold: ThresholdChoice;
  readonly validation: SliceMetrics;
  readonly test: SliceMetrics;
  /** max |TypeScript − onnxruntime| over the validation and test rows. */
  readonly parityMaxError: number;
  readonly parityRows: number;
}

export interface Windows {
  readonly start: number;
  readonly trainEnd: number;
  readonly validationEnd: number;
  readonly end: number;
}

export function trainingWindows(t: typeof TRAINING): Windows {
  const start = Date.parse(t.start);
  return {
    start,
    trainEnd: start + t.trainDays * DAY,
    validationEnd: start + (t.trainDays + t.validationDays) * DAY,
    end: start + t.days * DAY,
  };
}

function fit(name: ModelName, train: LabelledRows, seed: number): TreeEnsemble {
  const c = MODELS[name];
  const width = train.features.length;
  if (c.kind === 'isolation-forest') {
    // Unsupervised: fit on benign behaviour only, so the forest learns what normal looks like.
    const benign = selectRows(train, (i) => train.labels[i]?.label !== 'attack');
    return trainIsolationForest(
      { data: benign.values, rows: benign.count, width },
      { seed, trees: c.trees, sampleSize: c.sampleSize },
    );
  }
  const labels = Uint8Array.from(train.labels, (l) => (l.label === 'attack' ? 1 : 0));
  return trainGradientBoosting({ data: train.values, rows: train.count, width }, labels, {
    seed,
    trees: c.trees,
    maxDepth: c.maxDepth,
    learningRate: c.learningRate,
    subsample: c.subsample,
    maxBins: c.maxBins,
    positiveWeight: c.positiveWeight,
  });
}

async function scoreRows(bytes: Uint8Array, rows: LabelledRows): Promise<Float32Array> {
  const scorer = await createOnnxScorer(bytes);
  try {
    return await scorer.score(rows.values, rows.count);
  } finally {
    await scorer.close();
  }
}

function parity(ensemble: TreeEnsemble, rows: LabelledRows, ort: Float32Array): number {
  const ts = predict(ensemble, rows.values, rows.count);
  let max = 0;
  for (let i = 0; i < rows.count; i++) max = Math.max(max, Math.abs((ts[i] as number) - (ort[i] as number)));
  return max;
}

/**
 * Trains one model on the training days, picks its threshold on the benign rows of the
 * validation days by false-positive budget, and measures it on the later test days. Scores
 * come from the exported ONNX file: what is measured is what ships.
 */
export async function trainModel(
  name: ModelName,
  data: TrainingData,
  w: Windows,
  seed: number,
): Promise<TrainedModel> {
  const all = data.rows[name];
  const train = rowsBetween(all, w.start, w.trainEnd);
  const validation = rowsBetween(all, w.trainEnd, w.validationEnd);
  const test = rowsBetween(all, w.validationEnd, w.end);
  const ensemble = fit(name, train, seed);
  const bytes = exportOnnx(ensemble, { name, features: all.features, docString: MODELS[name].description });
  const validationScores = await scoreRows(bytes, validation);
  const benignScores = validationScores.filter((_, i) => validation.labels[i]?.label !== 'attack');
  const validationEvents = data.benignEventsBetween(w.trainEnd, w.validationEnd);
  const c = MODELS[name];
  const threshold = thresholdForBudget(benignScores, validationEvents, c.budgetPer100k, c.floor);
  const testScores = await scoreRows(bytes, test);
  const parityMaxError = Math.max(
    parity(ensemble, validation, validationScores),
    parity(ensemble, test, testScores),
  );
  return {
    name,
    features: all.features,
    ensemble,
    bytes,
    sha256: sha256Hex(bytes),
    trainRows: train.count,
    trainAttackRows: train.labels.filter((l) => l.label === 'attack').length,
    threshold,
    validation: sliceMetrics(validation, validationScores, threshold.threshold, validationEvents),
    test: sliceMetrics(
      test,
      testScores,
      threshold.threshold,
      data.benignEventsBetween(w.validationEnd, w.end),
    ),
    parityMaxError,
    parityRows: validation.count + test.count,
  };
}
