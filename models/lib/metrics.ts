import { campaignType, type LabelledRows } from './rows.ts';

export interface TypeMetrics {
  readonly type: string;
  readonly campaigns: number;
  /** Campaigns with at least one row at or above threshold. */
  readonly campaignsDetected: number;
  readonly rows: number;
  readonly rowsFlagged: number;
  /** Row recall: flagged attack rows of this type / attack rows of this type. */
  readonly recall: number;
  /**
   * One-versus-benign precision: flagged rows of this type / (those + flagged benign rows), i.e.
   * the precision if this type were the only attack in the slice.
   */
  readonly precision: number;
}

export interface SliceMetrics {
  readonly rows: number;
  readonly benignRows: number;
  readonly benignEvents: number;
  readonly benignFlagged: number;
  /** Flagged benign rows per 100,000 benign events. */
  readonly fpPer100k: number;
  readonly attackRows: number;
  readonly attackFlagged: number;
  readonly precision: number;
  readonly recall: number;
  /** Area under the ROC curve of attack vs benign rows (ties count half). */
  readonly rocAuc: number;
  readonly byType: readonly TypeMetrics[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Row-level metrics of `scores` on a labelled slice at `threshold` (flag when score >= threshold). */
export function sliceMetrics(
  rows: LabelledRows,
  scores: ArrayLike<number>,
  threshold: number,
  benignEvents: number,
): SliceMetrics {
  let benignRows = 0;
  let benignFlagged = 0;
  const types = new Map<
    string,
    { campaigns: Set<string>; detected: Set<string>; rows: number; flagged: number }
  >();
  for (let i = 0; i < rows.count; i++) {
    const label = rows.labels[i];
    const flagged = (scores[i] as number) >= threshold;
    if (label === undefined || label.label === 'benign') {
      benignRows++;
      if (flagged) benignFlagged++;
      continue;
    }
    const type = campaignType(label);
    const t = types.get(type) ?? { campaigns: new Set(), detected: new Set(), rows: 0, flagged: 0 };
    types.set(type, t);
    const campaign = label.campaign ?? `${type}#${i}`;
    t.campaigns.add(campaign);
    t.rows++;
    if (flagged) {
      t.flagged++;
      t.detected.add(campaign);
    }
  }
  const byType = [...types.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, t]) => ({
      type,
      campaigns: t.campaigns.size,
      campaignsDetected: t.detected.size,
      rows: t.rows,
      rowsFlagged: t.flagged,
      recall: ratio(t.flagged, t.rows),
      precision: ratio(t.flagged, t.flagged + benignFlagged),
    }));
  const attackRows = rows.count - benignRows;
  const attackFlagged = byType.reduce((n, t) => n + t.rowsFlagged, 0);
  return {
    rows: rows.count,
    benignRows,
    benignEvents,
    benignFlagged,
    fpPer100k: ratio(benignFlagged * 100_000, benignEvents),
    attackRows,
    attackFlagged,
    precision: ratio(attackFlagged, attackFlagged + benignFlagged),
    recall: ratio(attackFlagged, attackRows),
    rocAuc: rocAuc(rows, scores),
    byType,
  };
}

/** Mann–Whitney estimate of ROC AUC: the chance a random attack row outscores a random benign one. */
export function rocAuc(rows: LabelledRows, scores: ArrayLike<number>): number {
  const order = Array.from({ length: rows.count }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j] as number] === scores[order[i] as number]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (rows.labels[order[k] as number]?.label === 'attack') {
        pos++;
        rankSum += midRank;
      } else neg++;
    }
    i = j;
  }
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
