import { leafValue, type Tree } from './tree.ts';

/**
 * How the summed leaf values become the score. `exp2-neg`: 2^(−sum), the isolation-forest
 * anomaly score when leaves hold path length / (trees × c(ψ)). `sigmoid`: 1 / (1 + e^(−sum)),
 * the probability of a log-loss boosted ensemble.
 */
export type ScoreTransform = 'exp2-neg' | 'sigmoid';

/** A trained tree ensemble: what both the TypeScript scorer and the ONNX exporter read. */
export interface TreeEnsemble {
  readonly kind: 'isolation-forest' | 'gradient-boosting';
  readonly width: number;
  readonly base: number;
  readonly trees: readonly Tree[];
  readonly transform: ScoreTransform;
}

/** The raw sum (base + every tree's leaf) for one row. */
export function rawScore(model: TreeEnsemble, data: Float32Array, offset: number): number {
  let sum = model.base;
  for (const tree of model.trees) sum += leafValue(tree, data, offset);
  return sum;
}

const MINUS_LN2 = Math.fround(-Math.LN2);

export function transform(kind: ScoreTransform, raw: number): number {
  // −ln 2 rounded to float32, the constant the ONNX graph multiplies by.
  return kind === 'exp2-neg' ? Math.exp(MINUS_LN2 * raw) : 1 / (1 + Math.exp(-raw));
}

/** Scores `rows` rows in TypeScript: the reference the ONNX export is checked against. */
export function predict(model: TreeEnsemble, data: Float32Array, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = transform(model.transform, rawScore(model, data, r * model.width));
  return out;
}
