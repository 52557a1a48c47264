import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { FEATURE_SETS, MODEL_NAMES } from '@vigil/features';
import { type DetectionFinding, validateFinding } from '@vigil/schema';
import { exportOnnx, sha256Hex, trainIsolationForest } from '@vigil/scoring';
import { simulatedNetworks, writeSimulation } from '@vigil/simulate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.ts';
import { loadDetection } from './detection.ts';
import { InputError } from './errors.ts';
import { type LabelledRun, labelledRun } from './labelled-run.ts';
import { loadCliMl } from './ml.ts';
import { runDetect } from './run.ts';

const RUN = { seed: 3, start: '2026-10-01', days: 10, campaigns: 12 };

function sink(): NodeJS.WriteStream & { text(): string } {
  let text = '';
  return Object.assign(
    new Writable({
      write(chunk, _e, cb) {
        text += String(chunk);
        cb();
      },
    }),
    { isTTY: false, text: () => text },
  ) as unknown as NodeJS.WriteStream & { text(): string };
}

/** Isolation forests trained in the test on the run's benign rows, written as `pnpm train` writes them. */
function writeModels(run: LabelledRun, dir: string): void {
  const models = MODEL_NAMES.map((name) => {
    const rows = run.rows[name];
    const width = rows.features.length;
    const benign = rows.labels.flatMap((l, i) => (l.label === 'benign' ? [i] : []));
    const data = new Float32Array(benign.length * width);
    benign.forEach((src, dst) => {
      data.set(rows.values.subarray(src * width, (src + 1) * width), dst * width);
    });
    const bytes = exportOnnx(
      trainIsolationForest({ data, rows: benign.length, width }, { seed: 1, trees: 30, sampleSize: 128 }),
      {
        name,
        features: rows.features,
      },
    );
    writeFileSync(path.join(dir, `${name}.onnx`), bytes);
    return {
      name,
      file: `${name}.onnx`,
      sha256: sha256Hex(bytes),
      features: [...FEATURE_SETS[name]],
      threshold: 0.6,
      card: `${name}.md`,
    };
  });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ models }));
}

describe('ML in the detect path', () => {
  let run: LabelledRun;
  beforeAll(async () => {
    run = await labelledRun(RUN);
  }, 120_000);

  it('labelledRun gives every model its rows in FEATURE_SETS order, labelled by campaign', () => {
    for (const name of MODEL_NAMES) {
      const rows = run.rows[name];
      expect(rows.features).toEqual(FEATURE_SETS[name]);
      expect(rows.values).toHaveLength(rows.count * rows.features.length);
      expect(rows.times).toHaveLength(rows.count);
      expect(rows.learning).toHaveLength(rows.count);
      expect(rows.count).toBeGreaterThan(100);
    }
    const attacks = run.rows['triage-gbdt'].labels.filter((l) => l.label === 'attack');
    expect(attacks.length).toBeGreaterThan(0);
    const campaigns = new Set(run.campaigns.map((c) => c.id));
    for (const l of attacks) expect(campaigns.has(l.campaign!)).toBe(true);
    const attackFindings = run.findings.filter((f) => f.label === 'attack');
    expect(attackFindings.length).toBeGreaterThan(0);
    for (const f of attackFindings) for (const c of f.campaigns) expect(campaigns.has(c)).toBe(true);
    const start = Date.parse(RUN.start);
    expect(run.benignEventsBetween(start, start + RUN.days * 86_400_000)).toBe(
      run.stats.events - run.campaigns.reduce((n, c) => n + c.records, 0),
    );
  });

  it('pnpm detect scores with the models of --models, keeps profiles in --state-dir, and its ML findings explain themselves', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-ml-'));
    const modelsDir = path.join(dir, 'models');
    mkdirSync(modelsDir);
    writeModels(run, modelsDir);
    const sim = path.join(dir, 'sim');
    await writeSimulation(RUN, sim);
    const networks = path.join(dir, 'networks.json');
    writeFileSync(networks, JSON.stringify(simulatedNetworks()));
    const out = path.join(dir, 'findings.ndjson');
    const state = path.join(dir, 'state');
    const options = parseCliArgs([
      ...['cloudtrail.ndjson', 'azure.ndjson', 'gcp.ndjson', 'vpcflow.log'].map((f) => path.join(sim, f)),
      '--models',
      modelsDir,
      '--state-dir',
      state,
      '--networks',
      networks,
      '--out',
      out,
    ]);
    const stdout = sink();
    await runDetect(
      options,
      await loadDetection(options),
      { stdin: process.stdin, stdout, stderr: sink() },
      () => 0,
    );
    expect(stdout.text()).toMatch(/models: principal-iforest \d+ rows, \d+ anomalous; triage-gbdt/);
    const findings = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as DetectionFinding);
    const ml = findings.filter((f) => f.finding_info.analytic.type_id === 4);
    expect(ml.length).toBeGreaterThan(0);
    for (const f of ml) {
      expect(validateFinding(f).ok).toBe(true);
      const anomaly = f.evidences.find((e) => e.name === 'anomaly');
      const data = anomaly?.data as {
        anomalies: { explanations: string[]; score: number; threshold: number }[];
      };
      expect(data.anomalies.length).toBeGreaterThan(0);
      for (const a of data.anomalies) expect(a.score).toBeGreaterThanOrEqual(a.threshold);
      expect(f.finding_info.related_events.length).toBeGreaterThan(0);
    }
    const profiles = readFileSync(path.join(state, 'profiles.ndjson'), 'utf8').split('\n').filter(Boolean);
    expect(profiles.length).toBeGreaterThan(50);
    expect(profiles.some((l) => l.startsWith('{"v":1,"key":"p:arn:aws:iam::'))).toBe(true);
  });

  it('refuses a --models folder without a manifest, and --models with --no-models', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'vigil-nomodels-'));
    await expect(loadCliMl({ models: empty, noModels: false }, () => {})).rejects.toBeInstanceOf(InputError);
    expect(() => parseCliArgs(['x', '--models', empty, '--no-models'])).toThrow(/contradict/);
    const notes: string[] = [];
    expect(await loadCliMl({ noModels: true }, (l) => notes.push(l))).toBeUndefined();
    expect(notes).toEqual([]);
  });
});
