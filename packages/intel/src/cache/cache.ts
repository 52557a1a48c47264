import type { Indicator, Verdict } from '../types.ts';

/** One verdict as the cache holds it, with its expiry (epoch seconds, DynamoDB TTL style). */
export interface CachedVerdict {
  verdict: Verdict;
  expiresAt: number;
}

export interface CacheKey {
  indicator: Indicator;
  provider: string;
}

/** Where verdicts are remembered between batches: memory locally, DynamoDB in the cloud. */
export interface VerdictCache {
  /** Unexpired entries for the keys, by `cacheKey`. */
  getMany(keys: readonly CacheKey[], nowMs: number): Promise<Map<string, Verdict>>;
  putMany(entries: readonly CachedVerdict[]): Promise<void>;
}

/** The partition key: type and value, so an IPv4 and a domain can never collide. */
export function indicatorKey(indicator: Indicator): string {
  return `${indicator.type}:${indicator.value}`;
}

export function cacheKey(key: CacheKey): string {
  return `${indicatorKey(key.indicator)}|${key.provider}`;
}

/** How long verdicts are trusted. Unknowns are kept shorter: a new indicator may be reported soon. */
export interface CacheTtl {
  knownSeconds: number;
  unknownSeconds: number;
}

export const DEFAULT_CACHE_TTL: CacheTtl = { knownSeconds: 24 * 3600, unknownSeconds: 6 * 3600 };

export function createMemoryCache(): VerdictCache & { size(): number } {
  const entries = new Map<string, CachedVerdict>();
  return {
    async getMany(keys, nowMs) {
      const out = new Map<string, Verdict>();
      for (const k of keys) {
        const key = cacheKey(k);
        const hit = entries.get(key);
        if (hit && hit.expiresAt * 1000 > nowMs) out.set(key, hit.verdict);
      }
      return out;
    },
    async putMany(list) {
      for (const e of list)
        entries.set(cacheKey({ indicator: e.verdict.indicator, provider: e.verdict.provider }), e);
    },
    size: () => entries.size,
  };
}
