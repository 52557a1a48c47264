import { decodeStream } from '@vigil/decode';
import { createDetector } from '@vigil/detect';
import { normalize } from '@vigil/normalize';
import type { DetectionFinding } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog.ts';
import { compileRule } from '../engine.ts';
import { loadStratusCases, type StratusCase } from './stratus-cases.test-helper.ts';

const analytics = (await loadCatalog()).map(compileRule);
const cases = loadStratusCases();

async function detect(records: readonly string[]): Promise<DetectionFinding[]> {
  const findings: DetectionFinding[] = [];
  const detector = createDetector({
    analytics,
    clock: () => Date.UTC(2026, 10, 21),
    onFinding: (f) => findings.push(f),
  });
  for await (const batch of decodeStream([`${records.join('\n')}\n`], { file: 'stratus' })) {
    for (const item of batch) {
      if (item.kind !== 'record') continue;
      const r = normalize(item.value);
      if (r.ok) detector.process(r.event, item.value.record);
    }
  }
  detector.flush();
  return findings;
}

/** A finding names the technique when one of its attacks carries an expected technique (or that technique's parent). */
function namesTechnique(findings: readonly DetectionFinding[], expected: StratusCase['expected']): boolean {
  const wanted = new Set(expected.techniques.flatMap((t) => [t, t.split('.')[0]!]));
  return findings.some((f) =>
    (f.finding_info.attacks ?? []).some((a) =>
      [a.sub_technique?.uid, a.technique?.uid].some((uid) => uid !== undefined && wanted.has(uid)),
    ),
  );
}

const results = new Map<string, boolean>();

describe.each(cases.map((c) => [c.technique.id, c] as const))('Stratus %s', (_id, c) => {
  it('raises a finding naming the technique', async () => {
    const hit = namesTechnique(await detect(c.records), c.expected);
    results.set(c.technique.id, hit);
    if (c.platform === 'AWS') expect(hit).toBe(true);
  });
});

describe('Stratus coverage', () => {
  it('covers every AWS technique and at least 90% of the Azure, Entra ID and GCP ones', () => {
    const others = cases.filter((c) => c.platform !== 'AWS' && c.platform !== 'EKS');
    const covered = others.filter((c) => results.get(c.technique.id));
    const missed = others.filter((c) => !results.get(c.technique.id)).map((c) => c.technique.id);
    expect(covered.length / others.length, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.9);
  });
});
