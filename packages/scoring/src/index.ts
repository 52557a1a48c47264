export { predict, rawScore, type ScoreTransform, type TreeEnsemble } from './ensemble.ts';
export { ModelIntegrityError, ScoringError, TrainingError } from './errors.ts';
export { type GradientBoostingOptions, trainGradientBoosting } from './gradient-boosting.ts';
export { averagePathLength, type IsolationForestOptions, trainIsolationForest } from './isolation-forest.ts';
export {
  type LoadedModel,
  loadModels,
  type Manifest,
  type ManifestEntry,
  manifestSchema,
  readManifest,
  sha256Hex,
} from './manifest.ts';
export type { Matrix } from './matrix.ts';
export { type ExportOptions, exportOnnx } from './onnx-export.ts';
export { createOnnxScorer, type OnnxScorer, type OnnxScorerOptions } from './onnx-scorer.ts';
export { Rng } from './random.ts';
export type { Tree } from './tree.ts';
