/** The field list that a VPC flow line is read with, and where that list came from (for reasons). */
export interface FlowLayout {
  readonly fields: readonly string[];
  /** `v2 default`, `flowFields option` or `header at line N`. */
  readonly origin: string;
  readonly versionAt: number;
  readonly statusAt: number;
}

export function flowLayout(fields: readonly string[], origin: string): FlowLayout {
  return { fields, origin, versionAt: fields.indexOf('version'), statusAt: fields.indexOf('log-status') };
}
