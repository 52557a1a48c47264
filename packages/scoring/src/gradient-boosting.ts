import type { TreeEnsemble } from './ensemble.ts';
import { TrainingError } from './errors.ts';
import { checkMatrix, type Matrix } from './matrix.ts';
import { Rng } from './random.ts';
import { leafValue, type Tree, TreeBuilder } from './tree.ts';

export interface GradientBoostingOptions {
  readonly seed: number;
  readonly trees?: number;
  readonly maxDepth?: number;
  readonly learningRate?: number;
  /** Fraction of rows each tree sees, drawn from the seed. */
  readonly subsample?: number;
  /** Quantile bins per feature (at most 255). */
  readonly maxBins?: number;
  /** L2 penalty on leaf values. */
  readonly lambda?: number;
  /** Minimum hessian sum on each side of a split. */
  readonly minChildWeight?: number;
  /** Weight of each positive row, for rare-positive data. */
  readonly positiveWeight?: number;
}

/**
 * Log-loss gradient boosting of depth-limited regression trees over quantile bins (the
 * histogram method of LightGBM / XGBoost `hist`), deterministic for a seed. Candidate
 * thresholds are float32 data values, so a split `x <= t` sends each training row exactly where
 * the ONNX BRANCH_LEQ node will.
 */
export function trainGradientBoosting(
  m: Matrix,
  labels: Uint8Array,
  options: GradientBoostingOptions,
): TreeEnsemble {
  checkMatrix(m, 'gradient boosting training data');
  if (labels.length !== m.rows)
    throw new TrainingError(`gradient boosting: ${labels.length} labels for ${m.rows} rows`);
  const nTrees = options.trees ?? 150;
  const maxDepth = options.maxDepth ?? 5;
  const lr = options.learningRate ?? 0.1;
  const subsample = options.subsample ?? 0.8;
  const lambda = options.lambda ?? 1;
  const minChild = options.minChildWeight ?? 1;
  const posW = options.positiveWeight ?? 1;
  const maxBins = Math.min(options.maxBins ?? 64, 255);
  const rng = new Rng(options.seed);

  let wPos = 0;
  let wAll = 0;
  for (let r = 0; r < m.rows; r++) {
    const w = labels[r] === 1 ? posW : 1;
    wAll += w;
    if (labels[r] === 1) wPos += w;
  }
  if (wPos === 0 || wPos === wAll)
    throw new TrainingError('gradient boosting: labels must contain both classes');
  const base = Math.fround(Math.log(wPos / (wAll - wPos)));

  const edges = quantileEdges(m, maxBins, rng);
  const binned = binMatrix(m, edges);
  const raw = new Float64Array(m.rows).fill(base);
  const grad = new Float64Array(m.rows);
  const hess = new Float64Array(m.rows);
  const trees: Tree[] = [];
  for (let t = 0; t < nTrees; t++) {
    for (let r = 0; r < m.rows; r++) {
      const p = 1 / (1 + Math.exp(-(raw[r] as number)));
      const w = labels[r] === 1 ? posW : 1;
      grad[r] = (p - (labels[r] as number)) * w;
      hess[r] = Math.max(p * (1 - p), 1e-12) * w;
    }
    const tree = growBoostedTree({
      m,
      binned,
      edges,
      grad,
      hess,
      rng,
      subsample,
      maxDepth,
      lambda,
      minChild,
      lr,
    });
    trees.push(tree);
    for (let r = 0; r < m.rows; r++) raw[r] = (raw[r] as number) + leafValue(tree, m.data, r * m.width);
  }
  return { kind: 'gradient-boosting', width: m.width, base, trees, transform: 'sigmoid' };
}

/** Per feature, ascending distinct float32 cut values at the quantiles of a seeded sample of rows. */
function quantileEdges(m: Matrix, maxBins: number, rng: Rng): Float32Array[] {
  const rows =
    m.rows > 100_000 ? rng.sample(m.rows, 100_000).sort() : Uint32Array.from({ length: m.rows }, (_, i) => i);
  const edges: Float32Array[] = [];
  const column = new Float32Array(rows.length);
  for (let f = 0; f < m.width; f++) {
    let n = 0;
    for (const r of rows) {
      const v = m.data[r * m.width + f] as number;
      if (!Number.isNaN(v)) column[n++] = v;
    }
    const sorted = column.subarray(0, n).sort();
    const cuts: number[] = [];
    for (let q = 1; q < maxBins; q++) {
      const v = sorted[Math.min(n - 1, Math.floor((q * n) / maxBins))];
      if (v !== undefined && (cuts.length === 0 || v > (cuts[cuts.length - 1] as number))) cuts.push(v);
    }
    // The largest value never splits anything off: every row is ≤ it.
    if (cuts.length > 0 && cuts[cuts.length - 1] === sorted[n - 1]) cuts.pop();
    edges.push(Float32Array.from(cuts));
  }
  return edges;
}

/** Column-major bin indices: bin i holds edges[i-1] < x <= edges[i]; NaN and the top go last. */
function binMatrix(m: Matrix, edges: readonly Float32Array[]): Uint8Array {
  const out = new Uint8Array(m.rows * m.width);
  for (let f = 0; f < m.width; f++) {
    const e = edges[f] as Float32Array;
    for (let r = 0; r < m.rows; r++) {
      const v = m.data[r * m.width + f] as number;
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (v <= (e[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      out[f * m.rows + r] = Number.isNaN(v) ? e.length : lo;
    }
  }
  return out;
}

interface GrowInput {
  readonly m: Matrix;
  readonly binned: Uint8Array;
  readonly edges: readonly Float32Array[];
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly rng: Rng;
  readonly subsample: number;
  readonly maxDepth: number;
  readonly lambda: number;
  readonly minChild: number;
  readonly lr: number;
}

interface Split {
  readonly feature: number;
  readonly bin: number;
  readonly gain: number;
}

/** Level-wise growth: one pass over the sampled rows per level fills every node's histograms. */
function growBoostedTree(g: GrowInput): Tree {
  const { m, binned, grad, hess, lambda } = g;
  const B = 256;
  const b = new TreeBuilder();
  // Index into `active` of the node each row sits in, or -1 when the row is out of the sample.
  const slot = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) slot[r] = g.rng.next() < g.subsample ? 0 : -1;
  let active = [b.add()];
  for (let depth = 0; active.length > 0; depth++) {
    const hist = new Float64Array(active.length * m.width * B * 2);
    const totals = new Float64Array(active.length * 2);
    for (let r = 0; r < m.rows; r++) {
      const s = slot[r] as number;
      if (s < 0) continue;
      const gr = grad[r] as number;
      const he = hess[r] as number;
      totals[s * 2] = (totals[s * 2] as number) + gr;
      totals[s * 2 + 1] = (totals[s * 2 + 1] as number) + he;
      const base = s * m.width * B;
      for (let f = 0; f < m.width; f++) {
        const i = (base + f * B + (binned[f * m.rows + r] as number)) * 2;
        hist[i] = (hist[i] as number) + gr;
        hist[i + 1] = (hist[i + 1] as number) + he;
      }
    }
    const next: number[] = [];
    const childSlot = new Int32Array(active.length * 2).fill(-1);
    const splits: (Split | undefined)[] = [];
    for (let s = 0; s < active.length; s++) {
      const G = totals[s * 2] as number;
      const H = totals[s * 2 + 1] as number;
      const node = active[s] as number;
      const split = depth < g.maxDepth ? bestSplit(g, hist, s, G, H) : undefined;
      splits.push(split);
      if (split === undefined) {
        b.setValue(node, H > 0 ? (-G / (H + lambda)) * g.lr : 0);
        continue;
      }
      const l = b.add();
      const r = b.add();
      b.split(node, split.feature, (g.edges[split.feature] as Float32Array)[split.bin] as number, l, r);
      childSlot[s * 2] = next.length;
      next.push(l);
      childSlot[s * 2 + 1] = next.length;
      next.push(r);
    }
    for (let r = 0; r < m.rows; r++) {
      const s = slot[r] as number;
      if (s < 0) continue;
      const split = splits[s];
      if (split === undefined) {
        slot[r] = -1;
        continue;
      }
      const goLeft = (binned[split.feature * m.rows + r] as number) <= split.bin;
      slot[r] = childSlot[s * 2 + (goLeft ? 0 : 1)] as number;
    }
    active = next;
  }
  return b.build();
}

function bestSplit(g: GrowInput, hist: Float64Array, s: number, G: number, H: number): Split | undefined {
  const { m, lambda, minChild } = g;
  const B = 256;
  const parent = (G * G) / (H + lambda);
  let best: Split | undefined;
  for (let f = 0; f < m.width; f++) {
    const cuts = (g.edges[f] as Float32Array).length;
    let gl = 0;
    let hl = 0;
    const base = (s * m.width + f) * B;
    for (let bin = 0; bin < cuts; bin++) {
      gl += hist[(base + bin) * 2] as number;
      hl += hist[(base + bin) * 2 + 1] as number;
      const hr = H - hl;
      if (hl < minChild || hr < minChild) continue;
      const gr = G - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
      if (gain > 1e-9 && (best === undefined || gain > best.gain)) best = { feature: f, bin, gain };
    }
  }
  return best;
}
