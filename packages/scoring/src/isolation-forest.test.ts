import { describe, expect, it } from 'vitest';
import { predict } from './ensemble.ts';
import { averagePathLength, trainIsolationForest } from './isolation-forest.ts';
import { syntheticData } from './test-data.ts';

describe('averagePathLength', () => {
  it('follows c(n) = 2H(n−1) − 2(n−1)/n of Liu et al. 2008', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // H(255) ≈ ln 255 + γ; c(256) ≈ 10.2448.
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 3);
  });
});

describe('trainIsolationForest', () => {
  const { m } = syntheticData(1, 4_000, 6, 0);

  it('scores points far from the data higher than points inside it', () => {
    const model = trainIsolationForest(m, { seed: 9 });
    const probe = new Float32Array(12);
    probe.fill(1.5, 0, 6);
    probe.fill(40, 6, 12);
    const [inside, outside] = predict(model, probe, 2);
    expect(outside).toBeGreaterThan(0.6);
    expect(inside).toBeLessThan(0.5);
  });

  it('builds the requested number of trees no deeper than ceil(log2 ψ)', () => {
    const model = trainIsolationForest(m, { seed: 9, trees: 10, sampleSize: 64 });
    expect(model.trees).toHaveLength(10);
    for (const tree of model.trees) {
      const depth = (n: number): number =>
        (tree.feature[n] as number) < 0
          ? 0
          : 1 + Math.max(depth(tree.left[n] as number), depth(tree.right[n] as number));
      expect(depth(0)).toBeLessThanOrEqual(6);
    }
  });

  it('with a range margin, isolates a value beyond every training value sooner than the paper forest', () => {
    // Only the first feature is far out: the paper forest sends it to the leaf of the largest
    // training values; margin splits beyond the data cut it off early.
    const probe = new Float32Array(6).fill(1.5);
    probe[0] = 30;
    // Scores are compared by rank among the training rows: a margin lengthens every path.
    const rank = (rangeMargin: number) => {
      const model = trainIsolationForest(m, { seed: 9, rangeMargin });
      const p = predict(model, probe, 1)[0] as number;
      return predict(model, m.data, m.rows).filter((s) => s >= p).length;
    };
    expect(rank(0.5)).toBe(0);
    expect(rank(0)).toBeGreaterThan(0);
  });

  it('rejects a matrix whose data does not match its shape', () => {
    expect(() => trainIsolationForest({ data: new Float32Array(5), rows: 2, width: 3 }, { seed: 1 })).toThrow(
      /expected rows × width = 6/,
    );
  });
});
