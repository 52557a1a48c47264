import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeStream } from '@vigil/decode';
import { createPipeline } from '@vigil/detect';
import type { MlStage } from '@vigil/features';
import type { DetectionFinding } from '@vigil/schema';
import { simulate, simulatedNetworks } from '@vigil/simulate';
import { describe, expect, it } from 'vitest';
import { loadDetection } from './detection.ts';
import { loadCliMl } from './ml.ts';

/**
 * Runs the seeded benign corpus through the whole catalog and Sigma rules, source by source as
 * `pnpm detect` decodes files; with `ml`, its stage observes the events and scores after each
 * decoded batch, as `pnpm detect` runs the models.
 */
async function detectBenign(ml?: MlStage) {
  const detection = await loadDetection({ rules: [], sigma: [] });
  const findings: DetectionFinding[] = [];
  const pipeline = createPipeline({
    analytics: detection.analytics,
    clock: () => 0,
    observer: ml,
    onFinding: (f) => findings.push(f),
  });
  const bySource = new Map<string, string[]>();
  for (const r of simulate({ seed: 7 })) {
    const list = bySource.get(r.source) ?? [];
    list.push(r.text);
    bySource.set(r.source, list);
  }
  for (const [source, lines] of bySource) {
    const format = source === 'vpcflow' ? ('vpcflow' as const) : ('auto' as const);
    for await (const batch of decodeStream([`${lines.join('\n')}\n`], { file: source, format })) {
      for (const item of batch) pipeline.push(item);
      if (ml) pipeline.raise(await ml.score());
    }
  }
  if (ml) pipeline.raise(await ml.finish());
  pipeline.end();
  const aboveLow = findings
    .filter((f) => f.severity_id > 2)
    .map((f) => `${f.finding_info.analytic.uid}: ${f.message}`);
  return { stats: pipeline.stats, aboveLow };
}

/**
 * The noise bar: ordinary administration of a simulated organisation (two weeks, all four
 * sources, seeded) must raise no finding above Low with Vigil's whole catalog and Sigma rules.
 */
describe('benign corpus', () => {
  it('raises no finding above Low on 70,000+ events of ordinary administration', async () => {
    const { stats, aboveLow } = await detectBenign();
    expect(stats.rejected).toBe(0);
    expect(stats.events).toBeGreaterThanOrEqual(70_000);
    expect(aboveLow).toEqual([]);
  });

  it('raises no finding above Low with the repository models on, as pnpm detect runs them', async () => {
    const networks = path.join(mkdtempSync(path.join(tmpdir(), 'vigil-benign-')), 'networks.json');
    writeFileSync(networks, JSON.stringify(simulatedNetworks()));
    const ml = await loadCliMl({ noModels: false, networks }, (line) => {
      throw new Error(`models expected in the repository: ${line}`);
    });
    const { aboveLow } = await detectBenign(ml!.stage);
    expect(ml!.stage.stats.rows['triage-gbdt']).toBeGreaterThan(1000);
    expect(aboveLow).toEqual([]);
  }, 180_000);
});
