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
  /** Benign rows the budget allows over the validation events (may be below one). */
  readonly allowedRows: number;
  /** How many benign validation rows score at or above the chosen threshold. */
  readonly rowsAtOrAbove: number;
  /**
   * `empirical`: the budget allows at least one validation row, so the threshold is an order
   * statistic. `tail`: it allows less than one, so the threshold extrapolates an exponential
   * tail fitted to the top benign scores on the logit scale.
   */
  readonly method: 'empirical' | 'tail';
  /** Benign scores the tail was fitted to (0 for `empirical`). */
  readonly tailRows: number;
  /** Where the fitted tail alone puts the threshold (NaN for `empirical`). */
  readonly tailThreshold: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The smallest float32 that is >= v. */
function float32AtOrAbove(v: number): number {
  return Math.fround(v) < v ? nextFloat32Up(v) : Math.fround(v);
}

/**
 * A threshold for `score >= threshold` that keeps benign rows within a false-positive budget of
 * `budgetPer100k` per 100,000 benign events — what an analyst queue can absorb, not a point on
 * an accuracy curve. When the budget allows at least one of the validation rows, the threshold
 * sits just above the highest benign score that must not alert. When it allows less than one
 * (a strict budget over a few weeks of events), the maximum alone would let through about one
 * row per validation window in future, so the tail is extrapolated instead: peaks over a
 * threshold with an exponential excess (the generalized Pareto with shape 0), fitted to the top
 * benign scores on the logit scale, solved for the exceedance rate the budget allows.
 * `floor` keeps the threshold meaningful when the budget would allow every row.
 */
export function thresholdForBudget(
  benignScores: ArrayLike<number>,
  benignEvents: number,
  budgetPer100k: number,
  floor: number,
): ThresholdChoice {
  const sorted = Float64Array.from(benignScores).sort().reverse();
  const n = sorted.length;
  const allowed = (budgetPer100k * benignEvents) / 100_000;
  let threshold: number;
  let method: ThresholdChoice['method'] = 'empirical';
  let tailRows = 0;
  let tailThreshold = Number.NaN;
  const kth = sorted[Math.floor(allowed)];
  if (allowed >= 1 || n < 20) threshold = kth === undefined ? floor : nextFloat32Up(kth);
  else {
    method = 'tail';
    tailRows = Math.max(10, Math.min(100, Math.floor(n / 50)));
    const clamp = (p: number) => Math.min(1 - 1e-7, Math.max(1e-7, p));
    const u = logit(clamp(sorted[tailRows] as number));
    let excess = 0;
    for (let i = 0; i < tailRows; i++) excess += logit(clamp(sorted[i] as number)) - u;
    const sigma = Math.max(excess / tailRows, 1e-6);
    // P(score > u + x) ≈ (tailRows / n)·e^(−x/σ); solve for `allowed` rows out of n.
    const x = sigma * Math.log(tailRows / allowed);
    tailThreshold = sigmoid(u + x);
    threshold = Math.max(tailThreshold, nextFloat32Up(sorted[0] as number));
  }
  threshold = float32AtOrAbove(Math.min(1, Math.max(floor, threshold)));
  let rowsAtOrAbove = 0;
  for (const s of sorted) if (s >= threshold) rowsAtOrAbove++;
  return {
    threshold,
    budgetPer100k,
    benignEvents,
    benignRows: n,
    allowedRows: allowed,
    rowsAtOrAbove,
    method,
    tailRows,
    tailThreshold,
  };
}
