import { describe, expect, it } from 'vitest';
import { trainGradientBoosting } from './gradient-boosting.ts';
import { trainIsolationForest } from './isolation-forest.ts';
import { sha256Hex } from './manifest.ts';
import { exportOnnx } from './onnx-export.ts';
import { syntheticData } from './test-data.ts';

const features = Array.from({ length: 5 }, (_, i) => `f${i}`);

describe('training is reproducible from its seed', () => {
  const { m, labels } = syntheticData(21, 3_000, 5);

  it('gives byte-identical isolation-forest ONNX files for the same seed, different ones for another', () => {
    const a = exportOnnx(trainIsolationForest(m, { seed: 5, trees: 20 }), { name: 'a', features });
    const b = exportOnnx(trainIsolationForest(m, { seed: 5, trees: 20 }), { name: 'a', features });
    const c = exportOnnx(trainIsolationForest(m, { seed: 6, trees: 20 }), { name: 'a', features });
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    expect(sha256Hex(a)).not.toBe(sha256Hex(c));
  });

  it('gives byte-identical boosted ONNX files for the same seed, different ones for another', () => {
    const a = exportOnnx(trainGradientBoosting(m, labels, { seed: 5, trees: 15 }), { name: 'b', features });
    const b = exportOnnx(trainGradientBoosting(m, labels, { seed: 5, trees: 15 }), { name: 'b', features });
    const c = exportOnnx(trainGradientBoosting(m, labels, { seed: 6, trees: 15 }), { name: 'b', features });
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    expect(sha256Hex(a)).not.toBe(sha256Hex(c));
  });
});
