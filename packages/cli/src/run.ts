import { createReadStream } from 'node:fs';
import { type DecodeItem, decodeStream } from '@vigil/decode';
import { createPipeline, type PipelineStats } from '@vigil/detect';
import { type DetectionFinding, validateFinding } from '@vigil/schema';
import type { CliOptions } from './args.ts';
import type { Detection } from './detection.ts';
import { ENRICH_BATCH, loadCliEnrichment } from './enrichment.ts';
import { CliError, InputError } from './errors.ts';
import { type InputFile, resolveInputs } from './inputs.ts';
import { loadCliMl } from './ml.ts';
import { NdjsonWriter } from './ndjson-writer.ts';
import { formatBytes, Progress } from './progress.ts';
import { loadResponsePlanner } from './respond-plan.ts';
import { FindingTally, renderSummary } from './summary.ts';

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface RunResult {
  stats: PipelineStats;
  invalidFindings: number;
}

/** A finding that fails its own schema is a Vigil defect, never the input's fault. */
export class InvalidFindingError extends CliError {
  override name = 'InvalidFindingError';
  override readonly exitCode = 1;
}

async function* counted(stream: AsyncIterable<Uint8Array | string>, onBytes: (n: number) => void) {
  for await (const chunk of stream) {
    onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
    yield chunk;
  }
}

/** Runs the whole local detect stage over the given inputs. */
export async function runDetect(
  options: CliOptions,
  detection: Detection,
  io: Io,
  clock: () => number,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RunResult> {
  const startedAt = clock();
  const files = await resolveInputs(options.inputs);
  const findingsTarget = options.out ?? (io.stdout.isTTY ? undefined : '-');
  const findings = findingsTarget ? await NdjsonWriter.open(findingsTarget) : undefined;
  const rejects = options.rejects ? await NdjsonWriter.open(options.rejects) : undefined;
  const tally = new FindingTally();
  let invalidFindings = 0;
  const enrichment = options.enrich ? await loadCliEnrichment(env, clock) : undefined;
  const planner = await loadResponsePlanner(options);
  let pending: DetectionFinding[] = [];
  const emit = (finding: DetectionFinding) => {
    tally.add(finding);
    findings?.write(finding);
    planner?.add(finding);
  };
  const flushEnriched = async () => {
    if (!enrichment || pending.length === 0) return;
    const batch = pending;
    pending = [];
    for (const f of await enrichment.enrich(batch)) {
      const v = validateFinding(f);
      if (v.ok) emit(f);
      else {
        invalidFindings++;
        io.stderr.write(
          `vigil: defect: enriched finding ${f.finding_info.uid} is not valid OCSF: ${v.issues.join('; ')}\n`,
        );
      }
    }
  };
  // What the ML stage has to say goes beside the summary, not into the progress stream.
  let mlSummary = '';
  const ml = await loadCliMl(options, (line) => {
    mlSummary += `  ${line.replace(/^vigil: /, '')}\n`;
  });

  const pipeline = createPipeline({
    analytics: detection.analytics,
    ...(detection.suppress ? { suppress: detection.suppress } : {}),
    ...(ml ? { observer: ml.stage } : {}),
    clock,
    onFinding(finding) {
      const v = validateFinding(finding);
      if (!v.ok) {
        invalidFindings++;
        io.stderr.write(
          `vigil: defect: finding ${finding.finding_info.uid} is not valid OCSF: ${v.issues.join('; ')}\n`,
        );
        return;
      }
      if (enrichment) pending.push(finding);
      else emit(finding);
    },
    onReject(r) {
      rejects?.write({
        ...r.location,
        reason: r.reason,
        raw: r.raw,
        ...(r.truncated ? { truncated: true } : {}),
      });
    },
  });

  const progress = new Progress(io.stderr, clock);
  const drained = async () => {
    // Models score each decoded batch's rows in one call, then their signals join the rules'.
    if (ml) pipeline.raise(await ml.stage.score());
    if (pending.length >= ENRICH_BATCH) await flushEnriched();
    await findings?.drained();
    await rejects?.drained();
  };
  for (const file of files) {
    await readOne(
      file,
      options,
      io.stdin,
      (item) => pipeline.push(item),
      drained,
      progress,
      pipeline.stats,
      clock,
    );
  }
  if (ml) pipeline.raise(await ml.stage.finish());
  pipeline.end();
  await flushEnriched();
  progress.done();
  await ml?.save();
  if (ml) {
    const { rows, anomalous, signals } = ml.stage.stats;
    const scored = ml.models.map(
      (m) =>
        `${m} ${rows[m as keyof typeof rows] ?? 0} rows, ${anomalous[m as keyof typeof anomalous] ?? 0} anomalous`,
    );
    mlSummary += `  models: ${scored.join('; ')}; ${signals} signal(s)\n`;
  }
  await findings?.close();
  await rejects?.close();

  if (!options.quiet) {
    const summaryOut = findingsTarget === '-' ? io.stderr : io.stdout;
    summaryOut.write(
      renderSummary({
        files: files.length,
        stats: pipeline.stats,
        tally,
        elapsedMs: clock() - startedAt,
        findingsTarget,
        rejectsTarget: options.rejects,
      }),
    );
    if (enrichment) summaryOut.write(enrichment.summary());
    summaryOut.write(mlSummary);
  }
  // Asked for explicitly, so printed even with --quiet; beside the summary, never into the findings stream.
  if (planner) (findingsTarget === '-' ? io.stderr : io.stdout).write(await planner.render(clock()));
  if (invalidFindings > 0)
    throw new InvalidFindingError(`${invalidFindings} finding(s) failed OCSF validation`);
  return { stats: pipeline.stats, invalidFindings };
}

async function readOne(
  file: InputFile,
  options: CliOptions,
  stdin: NodeJS.ReadableStream,
  push: (item: DecodeItem) => void,
  drained: () => Promise<void>,
  progress: Progress,
  stats: PipelineStats,
  clock: () => number,
): Promise<void> {
  const started = clock();
  let bytes = 0;
  const source = file.path === '-' ? stdin : createReadStream(file.path, { highWaterMark: 1 << 20 });
  const label = file.path === '-' ? 'stdin' : file.path;
  try {
    const batches = decodeStream(
      counted(source, (n) => {
        bytes += n;
      }),
      {
        file: file.path,
        format: options.format,
        ...(options.flowFields ? { flowFields: options.flowFields } : {}),
      },
    );
    for await (const batch of batches) {
      for (const item of batch) push(item);
      await drained();
      progress.update(() => {
        const pct = file.size ? ` (${Math.floor((100 * bytes) / file.size)}%)` : '';
        const rate = bytes / Math.max((clock() - started) / 1000, 0.001);
        return `vigil: ${label} ${formatBytes(bytes)}${file.size ? ` / ${formatBytes(file.size)}` : ''}${pct} · ${stats.events.toLocaleString('en-US')} events · ${formatBytes(rate)}/s`;
      });
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new InputError(file.path, `read failed: ${code}`, { cause: error });
    throw error;
  }
}
