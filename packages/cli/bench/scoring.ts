import { loadModels } from '@vigil/scoring';
import { labelledRun } from '../src/labelled-run.ts';

/** Real feature rows of one model: `count` rows of `width` float32 values, row-major. */
interface BenchRows {
  readonly values: Float32Array;
  readonly count: number;
}

/** `total` rows made by repeating `rows`, so every batch size is filled with real rows. */
function tile(rows: BenchRows, width: number, total: number): Float32Array {
  const out = new Float32Array(total * width);
  for (let r = 0; r < total; r++) {
    const src = (r % rows.count) * width;
    out.set(rows.values.subarray(src, src + width), r * width);
  }
  return out;
}

/**
 * Batched ONNX scoring throughput of every model in `modelsDir` on one onnxruntime thread, at
 * each batch size, over at least `minRows` rows per measurement (best of three rounds). Rows
 * per CPU-second of the process is what one dedicated core sustains, whatever else shares the
 * machine; wall-clock rows/s is printed beside it. Returns the lowest rows per CPU-second seen,
 * the figure the acceptance bound applies to.
 */
export async function scoringThroughput(
  modelsDir: string,
  batchSizes: readonly number[],
  minRows: number,
  print: (line: string) => void,
): Promise<number> {
  const models = await loadModels(modelsDir, { threads: 1 });
  // Rows of a simulated week of the evaluation seed, through the extractor the detect stage runs.
  const run = await labelledRun({ seed: 11, start: '2026-12-01T00:00:00Z', days: 7 });
  let slowest = Number.POSITIVE_INFINITY;
  print('ONNX scoring (onnxruntime-node, 1 intra-op thread, rows of a simulated week):');
  for (const model of models.values()) {
    const width = model.features.length;
    const cells: string[] = [];
    const rows: BenchRows | undefined = run.rows[model.name as keyof typeof run.rows];
    for (const batch of batchSizes) {
      if (rows === undefined || rows.count === 0) throw new Error(`bench: no ${model.name} rows to score`);
      const data = tile(rows, width, batch);
      const rounds = Math.max(1, Math.ceil(minRows / batch));
      await model.scorer.score(data, batch);
      let bestWall = Number.POSITIVE_INFINITY;
      let bestCpu = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 3; round++) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        for (let i = 0; i < rounds; i++) await model.scorer.score(data, batch);
        bestWall = Math.min(bestWall, performance.now() - t);
        const used = process.cpuUsage(cpu);
        bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
      }
      const perCpuSecond = (rounds * batch) / (bestCpu / 1000);
      const perSecond = (rounds * batch) / (bestWall / 1000);
      slowest = Math.min(slowest, perCpuSecond);
      cells.push(
        `batch ${batch.toLocaleString('en-US')}: ${perCpuSecond.toFixed(0).padStart(8)} rows/CPU-s (${perSecond.toFixed(0)} rows/s wall)`,
      );
    }
    print(`  ${model.name.padEnd(34)} ${cells.join('   ')}`);
    await model.scorer.close();
  }
  return slowest;
}
