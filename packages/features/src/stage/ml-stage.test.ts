import type { OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { FeaturesError } from '../errors.ts';
import type { FeatureExtractor } from '../extractor.ts';
import { FEATURE_SETS } from '../feature-sets.ts';
import type { FeatureRow } from '../types.ts';
import { checkModel, createMlStage, type ScoringModel } from './ml-stage.ts';

const T0 = Date.parse('2026-11-03T02:00:00Z');

function event(uid: string, time: number, operation: string): OcsfEvent {
  return {
    class_uid: 6003,
    time,
    metadata: { uid, product: { name: 'CloudTrail' }, version: '1.8.0' },
    cloud: { provider: 'AWS' },
    api: { operation },
  } as unknown as OcsfEvent;
}

const COLUMNS: readonly string[] = FEATURE_SETS['triage-gbdt'];

/** A triage row; `evidence` names the columns set to 1 (what the extractor found new). */
function triageRow(
  uid: string,
  time: number,
  operation: string,
  sensitive: boolean,
  why: string[],
  evidence: readonly string[] = [],
): FeatureRow {
  const values = new Float32Array(COLUMNS.length);
  for (const name of evidence) values[COLUMNS.indexOf(name)] = 1;
  return {
    model: 'triage-gbdt',
    values,
    time,
    entity: 'arn:aws:iam::111122223333:user/maya',
    explanations: why,
    eventUids: [uid],
    events: [event(uid, time, operation)],
    sensitive,
    learning: false,
  };
}

/** An extractor that hands out prepared rows, one per observed event, in order. */
function scripted(rows: FeatureRow[]): FeatureExtractor {
  return {
    observe: () => rows.shift(),
    closed: () => [],
    flush: () => [],
    profileKeys: () => [],
    openState: () => ({ watermarks: {}, principals: [], flows: [] }),
    resume: () => undefined,
  };
}

/** Scores rows by their time's position in `scores`: the test decides which rows are anomalous. */
function model(scores: Map<number, number>): ScoringModel & { calls: number[] } {
  const calls: number[] = [];
  return {
    name: 'triage-gbdt',
    features: FEATURE_SETS['triage-gbdt'],
    threshold: 0.9,
    calls,
    scorer: {
      async score(_rows, count) {
        calls.push(count);
        return Float32Array.from({ length: count }, (_, i) => scores.get(i) ?? 0);
      },
    },
  };
}

describe('ML stage', () => {
  it('raises an anomalous security-relevant action at once, explained, in one scoring call per batch', async () => {
    const rows = [
      triageRow('e1', T0, 'ListUsers', false, []),
      triageRow(
        'e2',
        T0 + 60_000,
        'CreateAccessKey',
        true,
        [
          'first iam:CreateAccessKey by this principal',
          'ASN 4200000101 (Nimbus VPS) never seen for this principal',
        ],
        ['action_new_principal', 'asn_new_principal'],
      ),
    ];
    const m = model(new Map([[1, 0.97]]));
    const stage = createMlStage({ extractor: scripted(rows.slice()), models: new Map([[m.name, m]]) });
    stage.observe(rows[0]!.events[0]!, []);
    stage.observe(rows[1]!.events[0]!, []);
    const signals = await stage.score();
    expect(m.calls).toEqual([2]);
    expect(signals).toHaveLength(1);
    const s = signals[0]!;
    expect(s.analytic).toMatchObject({ uid: 'vigil-ml-anomalous-action', type_id: 4 });
    expect(s.events.map((e) => e.metadata.uid)).toEqual(['e2']);
    expect(s.summary).toContain('first iam:CreateAccessKey by this principal');
    expect(s.attacks.map((a) => a.technique?.uid ?? a.sub_technique?.uid)).toContain('T1078');
    const data = s.evidences?.[0]?.data as { anomalies: { score: number; threshold: number }[] };
    expect(data.anomalies[0]).toMatchObject({ threshold: 0.9 });
    expect(data.anomalies[0]!.score).toBeCloseTo(0.97, 5);
    expect(stage.stats.anomalous['triage-gbdt']).toBe(1);
  });

  it('adds other anomalies to the entity risk and raises once when the risk crosses the threshold', async () => {
    // Same instant, so no decay: the risk is exactly the sum of the rows' points.
    const rows = [0, 1, 2, 3].map((i) => triageRow(`r${i}`, T0, 'DescribeInstances', false, [`why ${i}`]));
    const m = model(
      new Map([
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    );
    const stage = createMlStage({ extractor: scripted(rows.slice()), models: new Map([[m.name, m]]) });
    for (const r of rows) stage.observe(r.events[0]!, []);
    const signals = await stage.score();
    // Each fully anomalous row adds the per-row cap (50): the second crosses 100, later ones do not re-raise.
    expect(signals).toHaveLength(1);
    expect(signals[0]!.analytic.uid).toBe('vigil-ml-entity-risk');
    expect(signals[0]!.events.map((e) => e.metadata.uid)).toEqual(['r0', 'r1']);
    expect(signals[0]!.desc).toContain('why 0; why 1');
  });

  it('raises nothing below the threshold, however sensitive the action', async () => {
    const rows = [
      triageRow('x', T0, 'CreateAccessKey', true, ['first iam:CreateAccessKey by this principal']),
    ];
    const m = model(new Map([[0, 0.89]]));
    const stage = createMlStage({ extractor: scripted(rows.slice()), models: new Map([[m.name, m]]) });
    stage.observe(rows[0]!.events[0]!, []);
    expect(await stage.score()).toEqual([]);
  });

  it('lets a security-relevant anomaly with one kind of evidence only add risk', async () => {
    const row = triageRow(
      'n',
      T0,
      'CreateAccessKey',
      true,
      ['first iam:CreateAccessKey by this principal'],
      ['action_new_principal', 'action_new_account'],
    );
    const m = model(new Map([[0, 1]]));
    const stage = createMlStage({ extractor: scripted([row]), models: new Map([[m.name, m]]) });
    stage.observe(row.events[0]!, []);
    expect(await stage.score()).toEqual([]);
    expect(stage.stats.anomalous['triage-gbdt']).toBe(1);
  });

  it('raises nothing for an entity still being learnt, nor for a sensitive action it cannot explain', async () => {
    const learning = {
      ...triageRow('l', T0, 'CreateAccessKey', true, ['first iam:CreateAccessKey by this principal']),
      learning: true,
    };
    const unexplained = triageRow('u', T0, 'AssumeRole', true, []);
    const m = model(
      new Map([
        [0, 1],
        [1, 1],
      ]),
    );
    const seen: (number | undefined)[] = [];
    const stage = createMlStage({
      extractor: scripted([learning, unexplained]),
      models: new Map([[m.name, m]]),
      onRow: (_row, score) => seen.push(score),
    });
    stage.observe(learning.events[0]!, []);
    stage.observe(unexplained.events[0]!, []);
    expect(await stage.score()).toEqual([]);
    // Both were scored, for training and measurement; only the explained one added risk.
    expect(seen).toEqual([1, 1]);
    // Without anyone collecting rows, a learning entity's row is not even scored.
    const quiet = model(new Map());
    const production = createMlStage({
      extractor: scripted([learning]),
      models: new Map([[quiet.name, quiet]]),
    });
    production.observe(learning.events[0]!, []);
    expect(await production.score()).toEqual([]);
    expect(quiet.calls).toEqual([]);
  });

  it('refuses a model whose features are not the extractor’s, naming the first difference', () => {
    const features = [...FEATURE_SETS['triage-gbdt']];
    [features[1], features[2]] = [features[2]!, features[1]!];
    const bad = { ...model(new Map()), features };
    expect(() => checkModel(bad)).toThrow(FeaturesError);
    expect(() => checkModel(bad)).toThrow(
      /feature 2 is "hour_rule_hits", the extractor writes "rule_max_severity"/,
    );
    expect(() => checkModel({ ...bad, name: 'mystery' })).toThrow(/no feature set of that name/);
  });
});
