/** Kinds of indicator a finding can carry and a provider can be asked about. */
export type IndicatorType = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'hash';

export interface Indicator {
  type: IndicatorType;
  /** Canonical form: lower-case domains and hashes, compressed IPv6, URL as found. */
  value: string;
}

export type VerdictKind = 'malicious' | 'suspicious' | 'harmless' | 'unknown' | 'unavailable';

/** One provider's opinion of one indicator. `unavailable` means the provider could not be asked. */
export interface Verdict {
  provider: string;
  indicator: Indicator;
  verdict: VerdictKind;
  /** 0-100, higher is worse; 0 for harmless, unknown and unavailable. */
  score: number;
  /** Epoch milliseconds when the verdict was made (or taken from the cache). */
  time: number;
  reason?: string;
  /** A few provider fields worth showing an analyst (counts, tags, categories); never the raw body. */
  details?: Record<string, unknown>;
  /** Where an analyst can read more. */
  link?: string;
}

/** What a provider client returns for a lookup that reached the provider. */
export interface LookupResult {
  verdict: Exclude<VerdictKind, 'unavailable'>;
  score: number;
  reason?: string;
  details?: Record<string, unknown>;
  link?: string;
}

/** A reputation provider: one small client per service, all sharing the HTTP layer. */
export interface Provider {
  readonly name: string;
  /** Indicator types the provider can answer about. */
  readonly supports: readonly IndicatorType[];
  lookup(indicator: Indicator, signal: AbortSignal): Promise<ProviderOutcome>;
}

/** A provider never throws at the enricher: a failure is a value saying why. */
export type ProviderOutcome =
  | { ok: true; result: LookupResult }
  | { ok: false; kind: 'auth' | 'rate-limited' | 'failed'; message: string; retryAfterMs?: number };
