import { describe, expect, it } from 'vitest';
import { predict } from './ensemble.ts';
import { TrainingError } from './errors.ts';
import { trainGradientBoosting } from './gradient-boosting.ts';
import { syntheticData } from './test-data.ts';

describe('trainGradientBoosting', () => {
  const train = syntheticData(2, 6_000, 8);
  const test = syntheticData(3, 2_000, 8);

  it('separates held-out positives from negatives', () => {
    const model = trainGradientBoosting(train.m, train.labels, { seed: 1, trees: 80 });
    const p = predict(model, test.m.data, test.m.rows);
    let right = 0;
    for (let i = 0; i < test.m.rows; i++) if ((p[i] as number) >= 0.5 === (test.labels[i] === 1)) right++;
    // Positives are shifted by 1.5 on three uniform [0,3) features: most, not all, are separable.
    expect(right / test.m.rows).toBeGreaterThan(0.95);
  });

  it('starts from the log-odds of the weighted positive rate', () => {
    const model = trainGradientBoosting(train.m, train.labels, { seed: 1, trees: 1, positiveWeight: 4 });
    let pos = 0;
    for (const l of train.labels) pos += l;
    const neg = train.m.rows - pos;
    expect(model.base).toBeCloseTo(Math.log((4 * pos) / neg), 5);
  });

  it('refuses labels with a single class', () => {
    expect(() => trainGradientBoosting(train.m, new Uint8Array(train.m.rows), { seed: 1 })).toThrow(
      TrainingError,
    );
  });

  it('refuses a label count that differs from the row count', () => {
    expect(() => trainGradientBoosting(train.m, new Uint8Array(3), { seed: 1 })).toThrow(
      /3 labels for 6000 rows/,
    );
  });
});
