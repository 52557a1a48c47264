import type { Matrix } from './matrix.ts';
import { Rng } from './random.ts';

/**
 * Seeded synthetic data for tests and the benchmark: `width` features on a 0.01 grid (so many
 * rows tie on split values), positives shifted on the first three features.
 */
export function syntheticData(
  seed: number,
  rows: number,
  width: number,
  positiveRate = 0.1,
): { m: Matrix; labels: Uint8Array } {
  const rng = new Rng(seed);
  const data = new Float32Array(rows * width);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const positive = rng.next() < positiveRate;
    labels[r] = positive ? 1 : 0;
    for (let f = 0; f < width; f++) {
      const shift = positive && f < 3 ? 1.5 : 0;
      data[r * width + f] = Math.round((rng.next() * 3 + shift) * 100) / 100;
    }
  }
  return { m: { data, rows, width }, labels };
}
