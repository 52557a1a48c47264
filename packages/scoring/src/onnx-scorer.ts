import { InferenceSession, Tensor } from 'onnxruntime-node';
import { ScoringError } from './errors.ts';

/** Batched scoring of one ONNX model: `rows` is row-major float32, `nRows × inputWidth`. */
export interface OnnxScorer {
  readonly inputWidth: number;
  score(rows: Float32Array, nRows: number): Promise<Float32Array>;
  close(): Promise<void>;
}

export interface OnnxScorerOptions {
  /** Intra-op threads; 1 by default, as on a one-vCPU Lambda. */
  readonly threads?: number;
}

/** Loads an ONNX model with one float input `[N, width]` and one float output `[N, 1]`. */
export async function createOnnxScorer(
  bytes: Uint8Array,
  options: OnnxScorerOptions = {},
): Promise<OnnxScorer> {
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new ScoringError(`onnxruntime could not load the model (${bytes.length} bytes)`, { cause: error });
  }
  const input = session.inputNames[0];
  const output = session.outputNames[0];
  const meta = session.inputMetadata[0];
  const dims = meta?.isTensor ? meta.shape : [];
  const width = dims[1];
  if (input === undefined || output === undefined || typeof width !== 'number')
    throw new ScoringError(
      `model must have one float input [N, width] and one output; got inputs ${session.inputNames.join(',')}`,
    );
  return {
    inputWidth: width,
    async score(rows, nRows) {
      if (rows.length !== nRows * width)
        throw new ScoringError(
          `score: expected ${nRows} × ${width} = ${nRows * width} values, got ${rows.length}`,
        );
      if (nRows === 0) return new Float32Array(0);
      const result = await session.run({ [input]: new Tensor('float32', rows, [nRows, width]) });
      const data = result[output]?.data;
      if (!(data instanceof Float32Array) || data.length !== nRows)
        throw new ScoringError(`score: model output ${output} is not ${nRows} float32 values`);
      return data;
    },
    close: () => session.release(),
  };
}
