import { Rng } from '@vigil/scoring';
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

describe('thresholdForBudget below one allowed row', () => {
  // Scores whose logit is −3 + Exponential(1): P(logit > t) = e^(−(t + 3)).
  const rng = new Rng(4);
  const scores = Float64Array.from(
    { length: 10_000 },
    () => 1 / (1 + Math.exp(3 + Math.log(1 - rng.next()))),
  );

  it('extrapolates the tail to the rate the budget allows instead of stopping at the maximum', () => {
    // 0.3 per 100k over 100,000 events: 0.3 of the 10,000 rows may pass, p = 3e-5, t = −3 + ln(1/3e-5) ≈ 7.41.
    const c = thresholdForBudget(scores, 100_000, 0.3, 0.5);
    expect(c.method).toBe('tail');
    expect(c.allowedRows).toBeCloseTo(0.3);
    expect(c.rowsAtOrAbove).toBe(0);
    const t = Math.log(c.threshold / (1 - c.threshold));
    expect(t).toBeGreaterThan(6.4);
    expect(t).toBeLessThan(8.4);
  });
});

describe('nextFloat32Up', () => {
  it('steps one float32 ulp up', () => {
    expect(nextFloat32Up(1)).toBe(1 + 2 ** -23);
    expect(nextFloat32Up(-1)).toBe(-(1 - 2 ** -24));
  });
});
