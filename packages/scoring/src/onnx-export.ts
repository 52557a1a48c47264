import type { TreeEnsemble } from './ensemble.ts';
import { ProtoWriter } from './protobuf.ts';

/** ONNX IR 8 and the opsets onnxruntime 1.x loads: default domain 17, ai.onnx.ml 3. */
const IR_VERSION = 8;
const OPSET = 17;
const ML_OPSET = 3;
const FLOAT = 1;
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;
const ATTR_STRINGS = 8;

export interface ExportOptions {
  /** Graph name and producer metadata: the model's name in the manifest. */
  readonly name: string;
  /** Feature names in column order, kept in the model's metadata so a file explains its input. */
  readonly features: readonly string[];
  readonly docString?: string;
}

type Attr =
  | { kind: 'f'; value: number }
  | { kind: 'i'; value: number }
  | { kind: 's'; value: string }
  | { kind: 'fs'; value: ArrayLike<number> }
  | { kind: 'is'; value: ArrayLike<number> }
  | { kind: 'ss'; value: readonly string[] };

function attribute(name: string, a: Attr): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  switch (a.kind) {
    case 'f':
      return w.int(20, ATTR_FLOAT).float(2, a.value);
    case 'i':
      return w.int(20, ATTR_INT).int(3, a.value);
    case 's':
      return w.int(20, ATTR_STRING).string(4, a.value);
    case 'fs':
      return w.int(20, ATTR_FLOATS).packedFloats(7, a.value);
    case 'is':
      return w.int(20, ATTR_INTS).packedInts(8, a.value);
    case 'ss': {
      w.int(20, ATTR_STRINGS);
      for (const s of a.value) w.string(9, s);
      return w;
    }
  }
}

function node(
  op: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attrs: Record<string, Attr>,
  domain = '',
): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of inputs) w.string(1, i);
  for (const o of outputs) w.string(2, o);
  w.string(3, `${op}_${outputs[0]}`).string(4, op);
  for (const [name, a] of Object.entries(attrs)) w.message(5, attribute(name, a));
  if (domain !== '') w.string(7, domain);
  return w;
}

/** A float tensor value-info with a symbolic batch dimension. */
function floatInput(name: string, width: number): ProtoWriter {
  const shape = new ProtoWriter()
    .message(1, new ProtoWriter().string(2, 'N'))
    .message(1, new ProtoWriter().int(1, width));
  const tensor = new ProtoWriter().int(1, FLOAT).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
}

function scalarInitializer(name: string, value: number): ProtoWriter {
  return new ProtoWriter().int(2, FLOAT).packedFloats(4, [value]).string(8, name);
}

/** The TreeEnsembleRegressor attributes for all trees, nodes numbered per tree as in `Tree`. */
function treeAttributes(model: TreeEnsemble): Record<string, Attr> {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const features: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const targetTree: number[] = [];
  const targetNode: number[] = [];
  const targetWeight: number[] = [];
  model.trees.forEach((tree, t) => {
    for (let n = 0; n < tree.feature.length; n++) {
      const f = tree.feature[n] as number;
      treeIds.push(t);
      nodeIds.push(n);
      if (f < 0) {
        features.push(0);
        modes.push('LEAF');
        values.push(0);
        trueIds.push(0);
        falseIds.push(0);
        targetTree.push(t);
        targetNode.push(n);
        targetWeight.push(tree.value[n] as number);
      } else {
        features.push(f);
        modes.push('BRANCH_LEQ');
        values.push(tree.threshold[n] as number);
        trueIds.push(tree.left[n] as number);
        falseIds.push(tree.right[n] as number);
      }
    }
  });
  return {
    aggregate_function: { kind: 's', value: 'SUM' },
    base_values: { kind: 'fs', value: [model.base] },
    n_targets: { kind: 'i', value: 1 },
    nodes_falsenodeids: { kind: 'is', value: falseIds },
    nodes_featureids: { kind: 'is', value: features },
    nodes_modes: { kind: 'ss', value: modes },
    nodes_nodeids: { kind: 'is', value: nodeIds },
    nodes_treeids: { kind: 'is', value: treeIds },
    nodes_truenodeids: { kind: 'is', value: trueIds },
    nodes_values: { kind: 'fs', value: values },
    post_transform: { kind: 's', value: 'NONE' },
    target_ids: { kind: 'is', value: new Array<number>(targetNode.length).fill(0) },
    target_nodeids: { kind: 'is', value: targetNode },
    target_treeids: { kind: 'is', value: targetTree },
    target_weights: { kind: 'fs', value: targetWeight },
  };
}

/**
 * Serializes a tree ensemble as an ONNX model: input `X` float[N, width], output `score`
 * float[N, 1]. The trees are one ai.onnx.ml TreeEnsembleRegressor summing leaf values; the
 * score transform is standard ops (Mul + Exp for 2^(−sum), Sigmoid for boosting), so the graph
 * returns exactly what `predict` returns and there is no ZipMap to unpack.
 */
export function exportOnnx(model: TreeEnsemble, options: ExportOptions): Uint8Array {
  const graph = new ProtoWriter();
  graph.message(1, node('TreeEnsembleRegressor', ['X'], ['raw'], treeAttributes(model), 'ai.onnx.ml'));
  if (model.transform === 'exp2-neg') {
    graph.message(1, node('Mul', ['raw', 'minus_ln2'], ['scaled'], {}));
    graph.message(1, node('Exp', ['scaled'], ['score'], {}));
  } else {
    graph.message(1, node('Sigmoid', ['raw'], ['score'], {}));
  }
  graph.string(2, options.name);
  if (model.transform === 'exp2-neg') graph.message(5, scalarInitializer('minus_ln2', -Math.LN2));
  graph.message(11, floatInput('X', model.width));
  graph.message(12, floatInput('score', 1));
  const metadata = new ProtoWriter().string(1, 'features').string(2, options.features.join(','));
  return new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'vigil')
    .string(3, '1')
    .int(5, 1)
    .string(6, options.docString ?? `${options.name}: ${model.kind}, ${model.trees.length} trees`)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, OPSET))
    .message(8, new ProtoWriter().string(1, 'ai.onnx.ml').int(2, ML_OPSET))
    .message(14, metadata)
    .finish();
}
