/** Why a row exists: benign activity, or part of an injected attack campaign. */
export interface RowLabel {
  readonly label: 'benign' | 'attack';
  readonly campaign?: string;
  /** Who ran the campaign: stolen-credential, insider or compromised-workload. */
  readonly actor?: string;
  readonly technique?: string;
}

/** One model's feature rows from a labelled simulator run (the shape `labelledRun` returns). */
export interface LabelledRows {
  readonly features: readonly string[];
  readonly values: Float32Array;
  readonly count: number;
  readonly labels: readonly RowLabel[];
  readonly times: Float64Array;
}

/** The rows for which `keep(i)` holds, in order. */
export function selectRows(rows: LabelledRows, keep: (i: number) => boolean): LabelledRows {
  const width = rows.features.length;
  const picked: number[] = [];
  for (let i = 0; i < rows.count; i++) if (keep(i)) picked.push(i);
  const values = new Float32Array(picked.length * width);
  picked.forEach((src, dst) => {
    values.set(rows.values.subarray(src * width, (src + 1) * width), dst * width);
  });
  return {
    features: rows.features,
    values,
    count: picked.length,
    labels: picked.map((i) => rows.labels[i] as RowLabel),
    times: Float64Array.from(picked, (i) => rows.times[i] as number),
  };
}

/** Rows whose time falls in [from, to). */
export function rowsBetween(rows: LabelledRows, from: number, to: number): LabelledRows {
  return selectRows(rows, (i) => (rows.times[i] as number) >= from && (rows.times[i] as number) < to);
}

/** Campaign type of an attack row: who ran it (the actor), else its technique. */
export function campaignType(label: RowLabel): string {
  return label.actor ?? label.technique ?? 'unknown';
}
