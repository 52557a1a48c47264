/**
 * A binary decision tree in flat arrays, the shape ONNX's TreeEnsemble operators use. Node i
 * is a leaf when `feature[i] === -1`; otherwise rows with `x[feature] <= threshold` go to
 * `left[i]` and all others (greater, or NaN) to `right[i]`. Thresholds and leaf values are
 * float32 values, so TypeScript and onnxruntime compare and add exactly the same numbers.
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float32Array;
}

/** Grows a tree node by node; `build()` freezes it into typed arrays. */
export class TreeBuilder {
  readonly #feature: number[] = [];
  readonly #threshold: number[] = [];
  readonly #left: number[] = [];
  readonly #right: number[] = [];
  readonly #value: number[] = [];

  /** Adds a node (a leaf until `split` is called) and returns its id. */
  add(value = 0): number {
    this.#feature.push(-1);
    this.#threshold.push(0);
    this.#left.push(-1);
    this.#right.push(-1);
    this.#value.push(Math.fround(value));
    return this.#feature.length - 1;
  }

  split(node: number, feature: number, threshold: number, left: number, right: number): void {
    this.#feature[node] = feature;
    this.#threshold[node] = Math.fround(threshold);
    this.#left[node] = left;
    this.#right[node] = right;
    this.#value[node] = 0;
  }

  setValue(node: number, value: number): void {
    this.#value[node] = Math.fround(value);
  }

  build(): Tree {
    return {
      feature: Int32Array.from(this.#feature),
      threshold: Float32Array.from(this.#threshold),
      left: Int32Array.from(this.#left),
      right: Int32Array.from(this.#right),
      value: Float32Array.from(this.#value),
    };
  }
}

/** The leaf value reached by the row starting at `offset` in `data`. */
export function leafValue(tree: Tree, data: Float32Array, offset: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] as number;
    if (f < 0) return tree.value[node] as number;
    node =
      (data[offset + f] as number) <= (tree.threshold[node] as number)
        ? (tree.left[node] as number)
        : (tree.right[node] as number);
  }
}
