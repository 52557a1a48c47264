import {
  createOnnxScorer,
  exportOnnx,
  predict,
  sha256Hex,
  type TreeEnsemble,
  trainGradientBoosting,
  trainIsolationForest,
} from '@vigil/scoring';
import { MODELS } from './config.ts';
import { type SliceMetrics, sliceMetrics } from './metrics.ts';
import { type LabelledRows, selectRows } from './rows.ts';
import { type ThresholdChoice, thresholdForBudget } from './threshold.ts';

export type ModelName = keyof typeof MODELS;

/** One model's rows, split by time, with the benign event counts FP rates are per. */
export interface ModelData {
  readonly train: LabelledRows;
  /** Benign rows only are used: they set the threshold. */
  readonly validation: LabelledRows;
  readonly validationBenignEvents: number;
  readonly test: LabelledRows;
  readonly testBenignEvents: number;
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
  readonly test: SliceMetrics;
  /** max |TypeScript − onnxruntime| over the validation and test rows. */
  readonly parityMaxError: number;
  readonly parityRows: number;
}

function fit(name: ModelName, train: LabelledRows, seed: number): TreeEnsemble {
  const c = MODELS[name];
  const width = train.features.length;
  if (c.kind === 'isolation-forest') {
    // Unsupervised: fit on benign behaviour only, so the forest learns what normal looks like.
    const benign = selectRows(train, (i) => train.labels[i]?.label !== 'attack');
    return trainIsolationForest(
      { data: benign.values, rows: benign.count, width },
      { seed, trees: c.trees, sampleSize: c.sampleSize, rangeMargin: c.rangeMargin },
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
    lambda: c.lambda,
    minChildWeight: c.minChildWeight,
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
 * Trains one model, picks its threshold on the benign validation rows by false-positive
 * budget, and measures it on the later test rows. Scores come from the exported ONNX file:
 * what is measured is what ships.
 */
export async function trainModel(name: ModelName, data: ModelData, seed: number): Promise<TrainedModel> {
  const ensemble = fit(name, data.train, seed);
  const features = data.train.features;
  const bytes = exportOnnx(ensemble, { name, features, docString: MODELS[name].description });
  const validationScores = await scoreRows(bytes, data.validation);
  const benignScores = validationScores.filter((_, i) => data.validation.labels[i]?.label !== 'attack');
  const c = MODELS[name];
  const threshold = thresholdForBudget(benignScores, data.validationBenignEvents, c.budgetPer100k, c.floor);
  const testScores = await scoreRows(bytes, data.test);
  return {
    name,
    features,
    ensemble,
    bytes,
    sha256: sha256Hex(bytes),
    trainRows: data.train.count,
    trainAttackRows: data.train.labels.filter((l) => l.label === 'attack').length,
    threshold,
    test: sliceMetrics(data.test, testScores, threshold.threshold, data.testBenignEvents),
    parityMaxError: Math.max(
      parity(ensemble, data.validation, validationScores),
      parity(ensemble, data.test, testScores),
    ),
    parityRows: data.validation.count + data.test.count,
  };
}
