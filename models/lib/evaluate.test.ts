import { describe, expect, it } from 'vitest';
import { type EvaluationRun, evaluateRun } from './evaluate.ts';

const finding = (label: 'benign' | 'attack', campaigns: string[], ml: boolean, model: string) => ({
  label,
  campaigns,
  ml,
  finding: {
    finding_info: { analytic: { name: ml ? 'ML: anomalous security-relevant action' : model } },
    evidences: ml ? [{ data: { anomalies: [{ model }] } }] : [],
  },
});

describe('evaluateRun', () => {
  it('counts campaigns named by any finding and ML false positives per 100k benign events', () => {
    const run: EvaluationRun = {
      campaigns: [
        { id: 'c1', actor: 'insider', technique: 't1' },
        { id: 'c2', actor: 'insider', technique: 't2' },
        { id: 'c3', actor: 'stolen-credential', technique: 't1' },
      ],
      findings: [
        finding('attack', ['c1'], false, 'rule-a'),
        finding('attack', ['c3'], true, 'principal-iforest'),
        finding('benign', [], true, 'principal-iforest'),
        finding('benign', [], false, 'rule-b'),
      ],
      stats: { events: 210_000, benignEvents: 200_000 },
    };
    const r = evaluateRun(run);
    expect(r.detected).toBe(2);
    expect(r.detectedByRules).toBe(1);
    expect(r.detectionRate).toBeCloseTo(2 / 3);
    expect(r.mlBenignFindings).toBe(1);
    expect(r.mlBenignPer100k).toBe(0.5);
    expect(r.mlPrecision).toBe(0.5);
    expect(r.ruleFindings).toBe(2);
    expect(r.byType).toEqual([
      {
        type: 'insider',
        campaigns: 2,
        detected: 1,
        detectedByMl: 0,
        recall: 0.5,
        mlFindings: 0,
        mlPrecision: 0,
      },
      {
        type: 'stolen-credential',
        campaigns: 1,
        detected: 1,
        detectedByMl: 1,
        recall: 1,
        mlFindings: 1,
        mlPrecision: 0.5,
      },
    ]);
    expect(r.byTechnique).toEqual([
      { technique: 't1', campaigns: 2, detected: 2, detectedByMl: 1 },
      { technique: 't2', campaigns: 1, detected: 0, detectedByMl: 0 },
    ]);
    expect(r.byModel).toEqual([{ model: 'principal-iforest', benign: 1, attack: 1, benignPer100k: 0.5 }]);
  });
});
