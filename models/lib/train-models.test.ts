import { Rng } from '@vigil/scoring';
import { describe, expect, it } from 'vitest';
import { MODELS } from './config.ts';
import type { LabelledRows, RowLabel } from './rows.ts';
import { type ModelData, type ModelName, trainModel } from './train-models.ts';

/** `hours` × 8 rows of 6 features; attack rows (when `attackRate` > 0) sit far from the benign cloud. */
function rows(name: ModelName, seed: number, hours: number, attackRate: number): LabelledRows {
  const rng = new Rng(seed);
  const width = 6;
  const values: number[] = [];
  const labels: RowLabel[] = [];
  const times: number[] = [];
  for (let h = 0; h < hours; h++) {
    for (let p = 0; p < 8; p++) {
      const attack = rng.next() < attackRate;
      for (let f = 0; f < width; f++) values.push(Math.round(rng.next() * 100) / 100 + (attack ? 3 : 0));
      labels.push(
        attack
          ? { label: 'attack', campaign: `c${Math.floor(h / 24)}`, actor: 'insider' }
          : { label: 'benign' },
      );
      times.push(h * 3_600_000);
    }
  }
  return {
    features: Array.from({ length: width }, (_, i) => `${name}-f${i}`),
    values: Float32Array.from(values),
    count: labels.length,
    labels,
    times: Float64Array.from(times),
  };
}

function data(name: ModelName, seed: number): ModelData {
  return {
    train: rows(name, seed, 24 * 10, 0.03),
    validation: rows(name, seed + 1, 24 * 3, 0),
    // 50,000 benign events a day.
    validationBenignEvents: 150_000,
    test: rows(name, seed + 2, 24 * 3, 0.03),
    testBenignEvents: 150_000,
  };
}

describe('trainModel', () => {
  it('gives byte-identical ONNX files when retrained from the same data and seed', async () => {
    const a = await trainModel('principal-iforest', data('principal-iforest', 1), 5);
    const b = await trainModel('principal-iforest', data('principal-iforest', 1), 5);
    expect(a.sha256).toBe(b.sha256);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('keeps benign validation rows at or above the threshold within the budget', async () => {
    for (const name of ['principal-iforest', 'triage-gbdt'] as const) {
      const m = await trainModel(name, data(name, 2), 5);
      const allowed = (MODELS[name].budgetPer100k * 150_000) / 100_000;
      expect(m.threshold.allowedRows).toBeCloseTo(allowed);
      expect(m.threshold.rowsAtOrAbove).toBeLessThanOrEqual(Math.floor(allowed));
      expect(m.threshold.threshold).toBeGreaterThanOrEqual(MODELS[name].floor);
    }
  });

  it('measures the test rows with the shipped ONNX file and finds the separable attacks', async () => {
    const d = data('triage-gbdt', 3);
    const m = await trainModel('triage-gbdt', d, 5);
    expect(m.test.rows).toBe(d.test.count);
    expect(m.test.attackRows).toBeGreaterThan(0);
    expect(m.test.recall).toBeGreaterThan(0.9);
    expect(m.parityMaxError).toBeLessThanOrEqual(1e-5);
  });
});
