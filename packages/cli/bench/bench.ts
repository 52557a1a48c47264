import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { decodeStream } from '@vigil/decode';
import { createPipeline } from '@vigil/detect';
import {
  createFeatureExtractor,
  createIpLookup,
  createMlStage,
  type MlStage,
  ProfileCache,
} from '@vigil/features';
import { loadDetection } from '../src/detection.ts';
import { loadCliMl, sharedIpDatabase } from '../src/ml.ts';
import { generateNdjson, generateRecordsFiles, loadCloudTrailTemplates } from './corpus.ts';
import { scoringThroughput } from './scoring.ts';

/**
 * `pnpm bench`: decode + normalize + detect throughput against a bare JSON.parse pass over the
 * same bytes, as a ratio measured in one run, the CLI's peak RSS on a file of at least 1 GB, and
 * batched ONNX scoring rows/s of each committed model on one thread.
 */
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    'skip-rss': { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const detection = await loadDetection({ rules: [], sigma: [] });
const repo = path.resolve(import.meta.dirname, '../../..');

function baseline(chunks: readonly Buffer[]): number {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let parsed = 0;
  for (const chunk of chunks) {
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) {
        JSON.parse(text.slice(start, nl));
        parsed++;
      }
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) {
    JSON.parse(carry);
    parsed++;
  }
  return parsed;
}

function baselineRecords(files: readonly Buffer[]): number {
  let parsed = 0;
  for (const f of files) parsed += (JSON.parse(f.toString('utf8')) as { Records: unknown[] }).Records.length;
  return parsed;
}

/**
 * The ML stage as `pnpm detect` builds it (the repository's models, fresh profiles per run); when
 * no models are trained yet, the features and profile updates alone, which is most of its cost.
 */
async function mlStage(): Promise<MlStage> {
  const cli = await loadCliMl({ noModels: false }, () => {});
  if (cli) return cli.stage;
  const extractor = createFeatureExtractor({
    profiles: new ProfileCache(),
    ipInfo: createIpLookup(await sharedIpDatabase()),
    learningRows: false,
  });
  return createMlStage({ extractor, models: new Map() });
}

async function pipelineRun(
  inputs: readonly Buffer[],
  perFile: boolean,
  ml = false,
): Promise<{ events: number; findings: number }> {
  const stage = ml ? await mlStage() : undefined;
  const pipeline = createPipeline({
    analytics: detection.analytics,
    clock: () => 0,
    onFinding: () => {},
    ...(stage ? { observer: stage } : {}),
  });
  const streams = perFile ? inputs.map((b) => [b]) : [inputs];
  for (const chunks of streams) {
    for await (const batch of decodeStream(chunks, { file: 'bench' })) {
      for (const item of batch) pipeline.push(item);
      if (stage) pipeline.raise(await stage.score());
    }
  }
  if (stage) pipeline.raise(await stage.finish());
  pipeline.end();
  if (pipeline.stats.rejected > 0)
    throw new Error(`bench corpus produced ${pipeline.stats.rejected} rejects`);
  return { events: pipeline.stats.events, findings: pipeline.stats.findings };
}

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  globalThis.gc?.();
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

function row(label: string, count: number, bytes: number, ms: number): string {
  const s = ms / 1000;
  return `  ${label.padEnd(34)} ${(count / s).toFixed(0).padStart(10)} events/s ${(bytes / s / 1e6).toFixed(1).padStart(8)} MB/s`;
}

async function compare(
  name: string,
  inputs: Buffer[],
  base: () => number,
  perFile: boolean,
  ml = false,
): Promise<number> {
  const bytes = inputs.reduce((n, b) => n + b.length, 0);
  // Warm both paths so the JIT has compiled them before the measured rounds.
  base();
  await pipelineRun(inputs.slice(0, Math.ceil(inputs.length / 20)), perFile, ml);
  let bestBase = Number.POSITIVE_INFINITY;
  let bestPipe = Number.POSITIVE_INFINITY;
  let result = { events: 0, findings: 0 };
  for (let round = 0; round < 2; round++) {
    const b = await timed(base);
    const p = await timed(() => pipelineRun(inputs, perFile, ml));
    bestBase = Math.min(bestBase, b.ms);
    bestPipe = Math.min(bestPipe, p.ms);
    result = p.value;
  }
  const ratio = bestBase / bestPipe;
  console.log(`${name}: ${records.toLocaleString('en-US')} records, ${(bytes / 1e6).toFixed(0)} MB`);
  console.log(row('JSON.parse only', records, bytes, bestBase));
  console.log(row(`decode + normalize + detect${ml ? ' + ML' : ''}`, result.events, bytes, bestPipe));
  console.log(`  findings: ${result.findings}; ratio (pipeline / JSON.parse): ${ratio.toFixed(2)}`);
  return ratio;
}

function peakRss(file: string): number {
  const child = spawnSync(
    process.execPath,
    // The same heap limit as the `detect` script in package.json: the CLI as users run it.
    ['--max-old-space-size=512', '--import', 'tsx', path.join(repo, 'packages/cli/bench/rss-child.ts'), file],
    { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) {
    throw new Error(
      `rss child failed (status ${child.status}, signal ${child.signal}, ${child.error?.message ?? 'no spawn error'}): ${child.stderr}`,
    );
  }
  return Number(child.stdout.trim().split('\n').pop());
}

const templates = await loadCloudTrailTemplates(path.join(repo, 'events'));
console.log(`vigil bench: ${templates.length} CloudTrail shapes from events/, node ${process.version}`);
const ndjson = generateNdjson(templates, records);
const ratio = await compare('NDJSON', ndjson, () => baseline(ndjson), false);
// With the ML stage: features and profile updates on every event, the repository's models (if
// trained) scoring each decoded batch's rows.
const mlRatio = await compare('NDJSON, ML stage on', ndjson, () => baseline(ndjson), false, true);
const s3 = generateRecordsFiles(templates, records);
await compare('S3 {"Records":[…]} files', s3, () => baselineRecords(s3), true);
s3.length = 0;
const scoring = await scoringThroughput(path.join(repo, 'models'), [1_000, 10_000], 200_000, console.log);

if (!values['skip-rss']) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-'));
  try {
    const file = path.join(dir, 'cloudtrail.ndjson');
    let size = 0;
    writeFileSync(file, '');
    // Repeat the corpus until the file passes 1 GB: the memory bound must hold whatever the size.
    const { appendFileSync } = await import('node:fs');
    while (size < 1.05e9) {
      for (const c of ndjson) appendFileSync(file, c);
      size += ndjson.reduce((n, b) => n + b.length, 0);
    }
    ndjson.length = 0;
    const rss = peakRss(file);
    console.log(
      `peak RSS of the CLI over ${(size / 1e9).toFixed(2)} GB NDJSON: ${(rss / 1024).toFixed(0)} MB (bound: 400 MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `ratio ${ratio.toFixed(2)} (target for the foundation ≥ 0.3, project goal ≥ 0.5); with ML ${mlRatio.toFixed(2)}`,
);
console.log(
  `ONNX scoring, slowest model and batch: ${scoring.toFixed(0)} rows/s on one thread (target ≥ 200,000)`,
);
