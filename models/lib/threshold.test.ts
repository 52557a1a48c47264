import { describe, expect, it } from 'vitest';
import { nextFloat32Up, thresholdForBudget } from './threshold.ts';

describe('thresholdForBudget', () => {
  const scores = Float32Array.from([0.9, 0.8, 0.8, 0.7, 0.6, 0.55, 0.5, 0.4]);

  it('lets through no more benign rows than the budget allows', () => {
    // 1 per 100k over 200,000 events: two rows may alert; the third highest (0.8) must not.
    const c = thresholdForBudget(scores, 200_000, 1, 0.5);
    expect(c.allowedRows).toBe(2);
    expect(c.threshold).toBe(nextFloat32Up(Math.fround(0.8)));
    expect(c.rowsAtOrAbove).toBe(1);
  });

  it('never returns a threshold below the floor', () => {
    const c = thresholdForBudget(scores, 10_000_000, 1, 0.5);
    expect(c.threshold).toBe(0.5);
    expect(c.rowsAtOrAbove).toBe(7);
  });

  it('is a float32 value so float32 scores compare to it exactly', () => {
    const c = thresholdForBudget(scores, 100_000, 0.5, 0.1);
    expect(Math.fround(c.threshold)).toBe(c.threshold);
    expect(c.threshold).toBeGreaterThan(Math.fround(0.9));
  });
});

describe('nextFloat32Up', () => {
  it('steps one float32 ulp up', () => {
    expect(nextFloat32Up(1)).toBe(1 + 2 ** -23);
    expect(nextFloat32Up(-1)).toBe(-(1 - 2 ** -24));
  });
});
