import type { FeatureRow } from '../types.ts';

export interface RiskOptions {
  /** Accumulated risk at which an entity's anomalies become a finding. Default 100. */
  threshold?: number;
  /** Most one anomalous row adds. Default 50. */
  perRowCap?: number;
  /** Most an entity holds. Default 200. */
  cap?: number;
  /** Half-life of accumulated risk. Default 6 hours. */
  halfLifeMs?: number;
}

export interface RiskEntry<T> {
  risk: number;
  at: number;
  items: T[];
}

/** Rows kept per entity as the explanation of its risk. */
const KEEP_ROWS = 8;

/**
 * Risk per entity from anomalous rows: each adds a capped amount scaled by how far its score
 * is past the model's threshold, the total decays in event time and is capped, and crossing
 * the threshold upwards is reported once until the risk has decayed below it again.
 */
export class RiskLedger<T extends { row: FeatureRow }> {
  readonly #entries = new Map<string, RiskEntry<T>>();
  readonly threshold: number;
  readonly #perRowCap: number;
  readonly #cap: number;
  readonly #halfLife: number;

  constructor(options: RiskOptions = {}) {
    this.threshold = options.threshold ?? 100;
    this.#perRowCap = options.perRowCap ?? 50;
    this.#cap = options.cap ?? 200;
    this.#halfLife = options.halfLifeMs ?? 6 * 3_600_000;
  }

  /** Adds a row's risk; returns what is behind the risk when this row crosses the threshold. */
  add(item: T, excess: number): { risk: number; crossed?: T[] } {
    const { row } = item;
    const e = this.#entries.get(row.entity) ?? { risk: 0, at: row.time, items: [] };
    if (row.time > e.at) {
      e.risk *= 2 ** (-(row.time - e.at) / this.#halfLife);
      e.at = row.time;
    }
    const before = e.risk;
    const points = this.#perRowCap * (0.4 + 0.6 * Math.max(0, Math.min(1, excess)));
    e.risk = Math.min(this.#cap, e.risk + points);
    e.items.push(item);
    if (e.items.length > KEEP_ROWS) e.items.shift();
    this.#entries.set(row.entity, e);
    if (before < this.threshold && e.risk >= this.threshold) return { risk: e.risk, crossed: [...e.items] };
    return { risk: e.risk };
  }

  /** Forgets entities whose risk has decayed to almost nothing by `now`. */
  sweep(now: number): void {
    for (const [key, e] of this.#entries)
      if (e.risk * 2 ** (-(now - e.at) / this.#halfLife) < 1) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Every entity's risk, when it was last added to, and the items behind it: to carry between batches. */
  entries(): [string, RiskEntry<T>][] {
    return [...this.#entries];
  }

  /** Takes over entries `entries()` returned (their items converted back by the caller). */
  restore(entries: Iterable<[string, RiskEntry<T>]>): void {
    for (const [entity, entry] of entries) this.#entries.set(entity, entry);
  }
}
