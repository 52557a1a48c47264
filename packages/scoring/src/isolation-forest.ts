import type { TreeEnsemble } from './ensemble.ts';
import { checkMatrix, type Matrix } from './matrix.ts';
import { Rng } from './random.ts';
import { type Tree, TreeBuilder } from './tree.ts';

export interface IsolationForestOptions {
  readonly seed: number;
  /** Trees in the forest (Liu et al. 2008 use 100). */
  readonly trees?: number;
  /** Subsample size ψ per tree (Liu et al. 2008 use 256). */
  readonly sampleSize?: number;
  /**
   * Widens each node's split range by this fraction of its [min, max] on both sides (0, the
   * paper's forest, by default). A split beyond the data leaves one side empty, so a value far
   * outside everything seen in training is isolated in few splits instead of sharing the leaf of
   * the most extreme training rows.
   */
  readonly rangeMargin?: number;
}

const EULER_GAMMA = 0.5772156649015329;

/** c(n): the average path length of an unsuccessful BST search over n points (Liu et al. 2008). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/**
 * Trains an isolation forest. Each leaf stores (depth + c(leaf size)) / (trees × c(ψ)), so the
 * ensemble's sum is E[h(x)] / c(ψ) and the score 2^(−sum) is the paper's anomaly score:
 * near 1 for points isolated quickly, ≤ 0.5 for ordinary ones.
 */
export function trainIsolationForest(m: Matrix, options: IsolationForestOptions): TreeEnsemble {
  checkMatrix(m, 'isolation forest training data');
  const rng = new Rng(options.seed);
  const nTrees = options.trees ?? 100;
  const psi = Math.min(options.sampleSize ?? 256, m.rows);
  const maxDepth = Math.max(1, Math.ceil(Math.log2(psi)));
  const scale = nTrees * Math.max(averagePathLength(psi), 1);
  const trees: Tree[] = [];
  for (let t = 0; t < nTrees; t++) {
    const sample = rng.sample(m.rows, psi);
    trees.push(growIsolationTree(m, sample, { maxDepth, scale, margin: options.rangeMargin ?? 0 }, rng));
  }
  return { kind: 'isolation-forest', width: m.width, base: 0, trees, transform: 'exp2-neg' };
}

interface GrowSettings {
  readonly maxDepth: number;
  readonly scale: number;
  readonly margin: number;
}

function growIsolationTree(m: Matrix, sample: Uint32Array, s: GrowSettings, rng: Rng): Tree {
  const { maxDepth, scale, margin } = s;
  const b = new TreeBuilder();
  const leaf = (depth: number, size: number) => (depth + averagePathLength(size)) / scale;
  const grow = (rows: Uint32Array, depth: number): number => {
    const node = b.add();
    if (depth >= maxDepth || rows.length <= 1) {
      b.setValue(node, leaf(depth, rows.length));
      return node;
    }
    // Try features in a random order; a feature constant on this node cannot split it.
    const order = rng.sample(m.width, m.width);
    for (const f of order) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const r of rows) {
        const v = m.data[r * m.width + f] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!(hi > lo)) continue;
      // Without a margin, a float32 threshold in [lo, hi) keeps at least one row on each side.
      const pad = margin * (hi - lo);
      let thr = Math.fround(lo - pad + rng.next() * (hi - lo + 2 * pad));
      if (pad === 0 && thr >= hi) thr = lo;
      const leftRows = rows.filter((r) => (m.data[r * m.width + f] as number) <= thr);
      const rightRows = rows.filter((r) => !((m.data[r * m.width + f] as number) <= thr));
      const l = grow(leftRows, depth + 1);
      const rr = grow(rightRows, depth + 1);
      b.split(node, f, thr, l, rr);
      return node;
    }
    b.setValue(node, leaf(depth, rows.length));
    return node;
  };
  grow(sample, 0);
  return b.build();
}
