import { TrainingError } from './errors.ts';

/** A dense row-major float32 matrix: `data[row * width + feature]`. */
export interface Matrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly width: number;
}

/** Checks a matrix's shape so training fails with a message rather than silently misreading. */
export function checkMatrix(m: Matrix, what: string): void {
  if (!Number.isInteger(m.rows) || m.rows <= 0)
    throw new TrainingError(`${what}: expected at least one row, got ${m.rows}`);
  if (!Number.isInteger(m.width) || m.width <= 0)
    throw new TrainingError(`${what}: expected at least one feature, got width ${m.width}`);
  if (m.data.length !== m.rows * m.width)
    throw new TrainingError(
      `${what}: data has ${m.data.length} values, expected rows × width = ${m.rows * m.width}`,
    );
}
