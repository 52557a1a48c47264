import { describe, expect, it } from 'vitest';
import { predict, type TreeEnsemble } from './ensemble.ts';
import { trainGradientBoosting } from './gradient-boosting.ts';
import { trainIsolationForest } from './isolation-forest.ts';
import { exportOnnx } from './onnx-export.ts';
import { createOnnxScorer } from './onnx-scorer.ts';
import { Rng } from './random.ts';
import { syntheticData } from './test-data.ts';

const WIDTH = 10;
const ROWS = 10_000;

/** The float32 next to `v` towards +∞ (dir 1) or −∞ (dir −1). */
function ulpStep(v: number, dir: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  const bits = view.getInt32(0);
  if (v === 0) return dir * 1.4e-45;
  view.setInt32(0, bits + (v > 0 ? dir : -dir));
  return view.getFloat32(0);
}

/**
 * 10,000 rows: a third random, a third with every feature set to some split threshold of the
 * model or one float32 step either side of one (where `<=` vs `<` or a float64 comparison
 * would disagree), the rest extreme: NaN, ±Infinity, ±0, ±3.4e38.
 */
function adversarialRows(model: TreeEnsemble, seed: number): Float32Array {
  const rng = new Rng(seed);
  const thresholds: number[][] = Array.from({ length: WIDTH }, () => []);
  for (const tree of model.trees)
    tree.feature.forEach((f, n) => {
      if (f >= 0) thresholds[f]?.push(tree.threshold[n] as number);
    });
  const extremes = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 3.4e38, -3.4e38];
  const out = new Float32Array(ROWS * WIDTH);
  for (let r = 0; r < ROWS; r++) {
    for (let f = 0; f < WIDTH; f++) {
      const kind = r % 3;
      const ts = thresholds[f] ?? [];
      let v: number;
      if (kind === 0 || ts.length === 0) v = rng.next() * 6 - 1;
      else if (kind === 1) {
        const t = ts[rng.int(ts.length)] as number;
        const pick = rng.int(3);
        v = pick === 0 ? t : ulpStep(t, pick === 1 ? 1 : -1);
      } else v = rng.next() < 0.3 ? (extremes[rng.int(extremes.length)] as number) : rng.next() * 4;
      out[r * WIDTH + f] = v;
    }
  }
  return out;
}

async function maxParityError(model: TreeEnsemble, rows: Float32Array): Promise<number> {
  const scorer = await createOnnxScorer(
    exportOnnx(model, { name: 'parity', features: Array.from({ length: WIDTH }, (_, i) => `f${i}`) }),
  );
  try {
    const ort = await scorer.score(rows, ROWS);
    const ts = predict(model, rows, ROWS);
    let max = 0;
    for (let i = 0; i < ROWS; i++) max = Math.max(max, Math.abs((ts[i] as number) - (ort[i] as number)));
    return max;
  } finally {
    await scorer.close();
  }
}

describe('ONNX parity: onnxruntime equals the TypeScript model within 1e-5 on 10,000 rows', () => {
  const { m, labels } = syntheticData(11, 5_000, WIDTH);

  it('isolation forest', async () => {
    const model = trainIsolationForest(m, { seed: 3 });
    const rows = adversarialRows(model, 5);
    expect(await maxParityError(model, rows)).toBeLessThanOrEqual(1e-5);
  });

  it('isolation forest with a range margin (empty-side leaves)', async () => {
    const model = trainIsolationForest(m, { seed: 4, rangeMargin: 0.5 });
    const rows = adversarialRows(model, 7);
    expect(await maxParityError(model, rows)).toBeLessThanOrEqual(1e-5);
  });

  it('gradient boosting', async () => {
    const model = trainGradientBoosting(m, labels, { seed: 3, trees: 60 });
    const rows = adversarialRows(model, 6);
    expect(await maxParityError(model, rows)).toBeLessThanOrEqual(1e-5);
  });

  it('sends NaN down the greater branch in both, so a NaN row scores like a +Infinity row', async () => {
    const model = trainGradientBoosting(m, labels, { seed: 4, trees: 20 });
    const rows = new Float32Array(2 * WIDTH);
    rows.fill(Number.NaN, 0, WIDTH);
    rows.fill(Number.POSITIVE_INFINITY, WIDTH);
    const ts = predict(model, rows, 2);
    expect(ts[0]).toBe(ts[1]);
    const scorer = await createOnnxScorer(
      exportOnnx(model, { name: 'nan', features: Array.from({ length: WIDTH }, (_, i) => `f${i}`) }),
    );
    const ort = await scorer.score(rows, 2);
    await scorer.close();
    expect(ort[0]).toBe(ort[1]);
    expect(Math.abs((ort[0] as number) - (ts[0] as number))).toBeLessThanOrEqual(1e-5);
  });
});
