/** The float32 immediately above `v`: a threshold that excludes `v` itself under `score >= t`. */
export function nextFloat32Up(v: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  if (Math.fround(v) === 0) return 1.401298464324817e-45;
  const bits = view.getInt32(0);
  view.setInt32(0, v > 0 ? bits + 1 : bits - 1);
  return view.getFloat32(0);
}

export interface ThresholdChoice {
  readonly threshold: number;
  /** Alerts allowed per 100,000 benign events. */
  readonly budgetPer100k: number;
  readonly benignEvents: number;
  readonly benignRows: number;
  /** How many benign rows the budget allows at or above the threshold. */
  readonly allowedRows: number;
  /** How many benign validation rows score at or above the chosen threshold. */
  readonly rowsAtOrAbove: number;
}

/**
 * The lowest float32 threshold at which benign validation rows scoring `>= threshold` stay within
 * a false-positive budget of `budgetPer100k` per 100,000 benign events — a budget an analyst
 * queue can absorb, not a point on an accuracy curve. `floor` keeps the threshold meaningful
 * when the budget would allow every row (0.5 is "not anomalous" for an isolation forest).
 */
export function thresholdForBudget(
  benignScores: ArrayLike<number>,
  benignEvents: number,
  budgetPer100k: number,
  floor: number,
): ThresholdChoice {
  const sorted = Float64Array.from(benignScores).sort().reverse();
  const allowedRows = Math.floor((budgetPer100k * benignEvents) / 100_000);
  const kth = sorted[allowedRows];
  let threshold = kth === undefined ? floor : Math.max(floor, nextFloat32Up(kth));
  threshold = Math.fround(threshold) < threshold ? nextFloat32Up(threshold) : Math.fround(threshold);
  let rowsAtOrAbove = 0;
  for (const s of sorted) if (s >= threshold) rowsAtOrAbove++;
  return { threshold, budgetPer100k, benignEvents, benignRows: sorted.length, allowedRows, rowsAtOrAbove };
}
