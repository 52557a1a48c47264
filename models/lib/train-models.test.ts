import { Rng } from '@vigil/scoring';
import { describe, expect, it } from 'vitest';
import { MODELS, TRAINING } from './config.ts';
import type { LabelledRows, RowLabel } from './rows.ts';
import { type ModelName, type TrainingData, trainingWindows, trainModel } from './train-models.ts';

const windows = trainingWindows(TRAINING);
const HOUR = 3_600_000;

/** Hourly rows over the whole training window; attack rows sit far from the benign cloud. */
function syntheticRows(name: ModelName, seed: number): LabelledRows {
  const rng = new Rng(seed);
  const width = 6;
  const values: number[] = [];
  const labels: RowLabel[] = [];
  const times: number[] = [];
  for (let t = windows.start; t < windows.end; t += HOUR) {
    for (let p = 0; p < 8; p++) {
      const attack = rng.next() < 0.02;
      for (let f = 0; f < width; f++) values.push(Math.round(rng.next() * 100) / 100 + (attack ? 3 : 0));
      labels.push(
        attack
          ? { label: 'attack', campaign: `c${Math.floor(t / (24 * HOUR))}`, kind: 'insider' }
          : { label: 'benign' },
      );
      times.push(t);
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

function data(seed: number): TrainingData {
  const rows = {
    'principal-iforest': syntheticRows('principal-iforest', seed),
    'triage-gbdt': syntheticRows('triage-gbdt', seed + 1),
    'flow-iforest': syntheticRows('flow-iforest', seed + 2),
  };
  // 50,000 benign events per day.
  return { rows, benignEventsBetween: (from, to) => ((to - from) / (24 * HOUR)) * 50_000 };
}

describe('trainModel', () => {
  it('gives byte-identical ONNX files when retrained from the same data and seed', async () => {
    const a = await trainModel('principal-iforest', data(1), windows, 5);
    const b = await trainModel('principal-iforest', data(1), windows, 5);
    expect(a.sha256).toBe(b.sha256);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('keeps benign validation rows at or above the threshold within the budget', async () => {
    for (const name of ['principal-iforest', 'triage-gbdt'] as const) {
      const m = await trainModel(name, data(2), windows, 5);
      const allowed = Math.floor((MODELS[name].budgetPer100k * 3 * 50_000) / 100_000);
      expect(m.threshold.allowedRows).toBe(allowed);
      expect(m.validation.benignFlagged).toBeLessThanOrEqual(allowed);
      expect(m.threshold.threshold).toBeGreaterThanOrEqual(MODELS[name].floor);
    }
  });

  it('measures the later test days with the shipped ONNX file and finds the separable attacks', async () => {
    const m = await trainModel('triage-gbdt', data(3), windows, 5);
    const testDays = TRAINING.days - TRAINING.trainDays - TRAINING.validationDays;
    expect(m.test.rows).toBe(testDays * 24 * 8);
    expect(m.test.recall).toBeGreaterThan(0.9);
    expect(m.parityMaxError).toBeLessThanOrEqual(1e-5);
  });
});
