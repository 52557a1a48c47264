/** Expected failures (a bad rule, an unsupported construct) are values that say what was wrong. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a compiled selection or condition looks at: the native record and its exact text. */
export interface MatchInput {
  readonly record: Readonly<Record<string, unknown>>;
  /** The record's JSON text (OCSF `raw_data`), for keyword selections. */
  readonly raw: string;
  /** `raw` lower-cased, computed on the first keyword test and kept for the others. */
  lowerRaw?: string;
}

export type Predicate = (input: MatchInput) => boolean;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(error: string): Result<T> {
  return { ok: false, error };
}
