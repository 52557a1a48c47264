import { createDecoder } from '@vigil/decode';
import { normalize } from '@vigil/normalize';
import type { OcsfEvent } from '@vigil/schema';
import { simulate, simulatedNetworks } from '@vigil/simulate';
import { describe, expect, it } from 'vitest';
import { createFeatureExtractor, type FeatureExtractor } from './extractor.ts';
import { FEATURE_SETS } from './feature-sets.ts';
import { createIpLookup } from './ip-info.ts';
import { ProfileCache } from './profile-cache.ts';
import { createMlStage, type MlStage, type ScoringModel } from './stage/ml-stage.ts';
import type { FeatureRow } from './types.ts';

/** Nine simulated days of all four sources, normalized in time order: past the learning period. */
function events(): OcsfEvent[] {
  const out: OcsfEvent[] = [];
  const records = [...simulate({ seed: 7, days: 9 })].sort((a, b) => a.time - b.time);
  for (const r of records) {
    const decoder = createDecoder({ file: r.source, format: 'auto' }, (item) => {
      if (item.kind !== 'record') return;
      const result = normalize(item.value);
      if (result.ok) out.push(result.event);
    });
    decoder.write(`${r.text}\n`);
    decoder.end();
  }
  return out;
}

const lookup = createIpLookup(undefined, simulatedNetworks());

/** A deterministic stand-in scorer: every model finds some rows anomalous, so risk accumulates. */
function models(): Map<string, ScoringModel> {
  const names = ['principal-iforest', 'triage-gbdt', 'flow-iforest'];
  return new Map(
    names.map((name) => [
      name,
      {
        name,
        features: [],
        threshold: 0.6,
        scorer: {
          score: async (rows: Float32Array, count: number) => {
            const width = rows.length / count;
            const out = new Float32Array(count);
            for (let i = 0; i < count; i++) {
              let sum = 0;
              for (let j = 0; j < width; j++) sum += rows[i * width + j]! * (j + 1);
              out[i] = (Math.abs(Math.sin(sum)) * 1000) % 1;
            }
            return out;
          },
        },
      },
    ]),
  );
}

interface Run {
  rows: string[];
  signals: string[];
}

const rowText = (r: FeatureRow) =>
  JSON.stringify([r.model, r.entity, r.time, Array.from(r.values), r.explanations, r.eventUids, r.learning]);

function stageFor(profiles: ProfileCache, rows: string[]): { extractor: FeatureExtractor; stage: MlStage } {
  const extractor = createFeatureExtractor({ profiles, ipInfo: lookup, learningRows: false });
  const withFeatures = new Map(
    [...models()].map(([n, m]) => [n, { ...m, features: FEATURE_SETS[n as keyof typeof FEATURE_SETS] }]),
  );
  const stage = createMlStage({
    extractor,
    models: withFeatures,
    onRow: (row, score) => rows.push(`${rowText(row)} ${score}`),
  });
  return { extractor, stage };
}

describe('carrying extractor windows and the risk ledger between processes', () => {
  it('gives the rows and signals of one uninterrupted run when each batch resumes from JSON', async () => {
    const all = events();
    const batch = 700;
    const signalText = (signals: readonly { title: string; events: readonly OcsfEvent[] }[]) =>
      signals.map((s) => `${s.title} ${s.events.map((e) => e.metadata.uid).join(',')}`);

    const straight: Run = { rows: [], signals: [] };
    const one = stageFor(new ProfileCache(), straight.rows);
    for (let i = 0; i < all.length; i += batch) {
      for (const e of all.slice(i, i + batch)) one.stage.observe(e, []);
      straight.signals.push(...signalText(await one.stage.score()));
    }

    const carried: Run = { rows: [], signals: [] };
    const profiles = new ProfileCache();
    let saved: string | undefined;
    let openWindows = 0;
    for (let i = 0; i < all.length; i += batch) {
      const next = stageFor(profiles, carried.rows);
      if (saved) {
        const { windows, ml } = JSON.parse(saved);
        next.extractor.resume(windows);
        next.stage.resume(ml);
      }
      for (const e of all.slice(i, i + batch)) next.stage.observe(e, []);
      carried.signals.push(...signalText(await next.stage.score()));
      const windows = next.extractor.openState();
      openWindows += windows.principals.length + windows.flows.length;
      saved = JSON.stringify({ windows, ml: next.stage.carryState() });
    }

    expect(all.length).toBeGreaterThan(20_000);
    expect(openWindows).toBeGreaterThan(all.length / batch);
    expect(straight.rows.length).toBeGreaterThan(1000);
    expect(straight.signals.length).toBeGreaterThan(0);
    expect(carried.rows).toEqual(straight.rows);
    expect(carried.signals).toEqual(straight.signals);
  }, 120_000);
});
