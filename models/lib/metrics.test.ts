import { describe, expect, it } from 'vitest';
import { rocAuc, sliceMetrics } from './metrics.ts';
import type { LabelledRows, RowLabel } from './rows.ts';

function rows(labels: RowLabel[]): LabelledRows {
  return {
    features: ['x'],
    values: new Float32Array(labels.length),
    count: labels.length,
    labels,
    times: new Float64Array(labels.length),
  };
}

const benign: RowLabel = { label: 'benign' };
const a1: RowLabel = { label: 'attack', campaign: 'c1', actor: 'insider' };
const a2: RowLabel = { label: 'attack', campaign: 'c2', actor: 'insider' };
const b1: RowLabel = { label: 'attack', campaign: 'c3', actor: 'stolen-credential' };

describe('sliceMetrics', () => {
  it('counts flagged rows, detected campaigns and FP per 100k benign events per type', () => {
    const r = rows([benign, benign, benign, a1, a1, a2, b1]);
    const m = sliceMetrics(r, [0.1, 0.9, 0.2, 0.95, 0.1, 0.2, 0.99], 0.5, 50_000);
    expect(m.benignFlagged).toBe(1);
    expect(m.fpPer100k).toBe(2);
    expect(m.recall).toBeCloseTo(2 / 4);
    expect(m.precision).toBeCloseTo(2 / 3);
    const insider = m.byType.find((t) => t.type === 'insider');
    expect(insider).toMatchObject({ campaigns: 2, campaignsDetected: 1, rows: 3, rowsFlagged: 1 });
    expect(insider?.precision).toBeCloseTo(1 / 2);
    expect(m.byType.find((t) => t.type === 'stolen-credential')).toMatchObject({
      campaigns: 1,
      campaignsDetected: 1,
      recall: 1,
    });
  });
});

describe('rocAuc', () => {
  it('is 1 for perfect ranking, 0.5 for all ties, 0 for inverted', () => {
    const r = rows([benign, benign, a1, a1]);
    expect(rocAuc(r, [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc(r, [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc(r, [0.9, 0.8, 0.2, 0.1])).toBe(0);
  });
});
