import type { FeatureRow } from './types.ts';

/** A `FeatureRow` as JSON: the values as plain numbers (float32 values survive the round trip). */
export type FeatureRowJson = Omit<FeatureRow, 'values'> & { values: number[] };

export function rowToJson(row: FeatureRow): FeatureRowJson {
  return { ...row, values: Array.from(row.values) };
}

export function rowFromJson(json: FeatureRowJson): FeatureRow {
  return { ...json, values: Float32Array.from(json.values) };
}
