import { setMaxListeners } from 'node:events';
import type { DetectionFinding } from '@vigil/schema';
import { pool, untilAborted } from './async.ts';
import {
  type CacheKey,
  type CacheTtl,
  cacheKey,
  DEFAULT_CACHE_TTL,
  indicatorKey,
  type VerdictCache,
} from './cache/cache.ts';
import {
  type BreakerPolicy,
  type CircuitBreaker,
  createCircuitBreaker,
  DEFAULT_BREAKER_POLICY,
} from './circuit-breaker.ts';
import { applyVerdicts } from './combine.ts';
import { type FoundIndicator, findingIndicators } from './indicators.ts';
import type { SetLookup } from './ip-set.ts';
import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter.ts';
import { setVerdicts } from './sets/set-verdicts.ts';
import type { Indicator, Provider, Verdict } from './types.ts';

/** Documented free-tier limits; a paid key can pass higher ones. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  virustotal: { perMinute: 4 },
  abuseipdb: { perMinute: 60, burst: 10 },
  otx: { perMinute: 600, burst: 20 },
  shodan: { perMinute: 60, burst: 1 },
  xforce: { perMinute: 60, burst: 5 },
};

export interface EnrichLogger {
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface EnrichDeps {
  /** Providers that have keys; one without a key is simply not in the list. */
  providers: readonly Provider[];
  /** Offline sets by name (Tor exits, C2 lists, DROP, mining pools), matched locally. */
  sets?: ReadonlyMap<string, SetLookup>;
  cache?: VerdictCache;
  clock: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Wall time a batch may take; past it, unanswered lookups are marked unavailable. */
  budgetMs?: number;
  rateLimits?: Readonly<Record<string, RateLimit>>;
  breaker?: BreakerPolicy;
  /** Lookups in flight per provider. */
  concurrency?: number;
  ttl?: CacheTtl;
  logger?: EnrichLogger;
}

export interface EnrichStats {
  findings: number;
  indicators: number;
  /** Calls that went to each provider in this batch. */
  calls: Record<string, number>;
  cacheHits: number;
  /** Lookups marked unavailable, per provider. */
  unavailable: Record<string, number>;
  setMatches: number;
}

export interface Enricher {
  enrich(
    findings: readonly DetectionFinding[],
  ): Promise<{ findings: DetectionFinding[]; stats: EnrichStats }>;
}

export const DEFAULT_BUDGET_MS = 20_000;

/**
 * An enricher keeps rate limiters, circuit breakers and in-flight lookups across batches (a warm
 * Lambda, one CLI run). Each batch asks every provider about each distinct indicator at most
 * once, cache first, and always returns every finding, enriched as far as the budget allowed.
 */
export function createEnricher(deps: EnrichDeps): Enricher {
  const limiters = new Map<string, RateLimiter>();
  const breakers = new Map<string, CircuitBreaker>();
  const inFlight = new Map<string, Promise<Verdict>>();
  for (const p of deps.providers) {
    const limit = deps.rateLimits?.[p.name] ?? DEFAULT_RATE_LIMITS[p.name] ?? { perMinute: 60 };
    limiters.set(p.name, createRateLimiter(limit, deps.clock));
    breakers.set(p.name, createCircuitBreaker(deps.breaker ?? DEFAULT_BREAKER_POLICY, deps.clock));
  }
  const ttl = deps.ttl ?? DEFAULT_CACHE_TTL;
  const budgetMs = deps.budgetMs ?? DEFAULT_BUDGET_MS;

  return {
    async enrich(findings) {
      const stats: EnrichStats = {
        findings: findings.length,
        indicators: 0,
        calls: Object.fromEntries(deps.providers.map((p) => [p.name, 0])),
        cacheHits: 0,
        unavailable: Object.fromEntries(deps.providers.map((p) => [p.name, 0])),
        setMatches: 0,
      };
      const perFinding = findings.map(findingIndicators);
      const unique = new Map<string, { indicator: Indicator; shareable: boolean }>();
      for (const list of perFinding)
        for (const f of list) {
          const key = indicatorKey(f.indicator);
          const seen = unique.get(key);
          unique.set(key, { indicator: f.indicator, shareable: (seen?.shareable ?? true) && f.shareable });
        }
      stats.indicators = unique.size;

      const verdicts = new Map<string, Verdict[]>();
      const push = (v: Verdict) => {
        const key = indicatorKey(v.indicator);
        const list = verdicts.get(key);
        if (list) list.push(v);
        else verdicts.set(key, [v]);
      };
      const now = deps.clock();
      for (const { indicator } of unique.values())
        for (const v of setVerdicts(indicator, deps.sets, now)) {
          stats.setMatches++;
          push(v);
        }

      const wanted: CacheKey[] = [];
      for (const { indicator, shareable } of unique.values()) {
        if (!shareable) continue;
        for (const p of deps.providers)
          if (p.supports.includes(indicator.type)) wanted.push({ indicator, provider: p.name });
      }
      let cached = new Map<string, Verdict>();
      if (deps.cache && wanted.length > 0) {
        try {
          cached = await deps.cache.getMany(wanted, now);
        } catch (error) {
          deps.logger?.warn('intel cache read failed; asking providers', { error: (error as Error).message });
        }
      }
      const todo = new Map<string, Indicator[]>(deps.providers.map((p) => [p.name, []]));
      for (const k of wanted) {
        const hit = cached.get(cacheKey(k));
        if (hit) {
          stats.cacheHits++;
          push(hit);
        } else todo.get(k.provider)?.push(k.indicator);
      }

      const budget = AbortSignal.timeout(budgetMs);
      // Every lookup in flight listens on the budget; that is expected, not a leak.
      setMaxListeners(0, budget);
      const deadline = now + budgetMs;
      const fresh: Verdict[] = [];
      await Promise.all(
        deps.providers.map((p) =>
          pool(todo.get(p.name) ?? [], deps.concurrency ?? 4, async (indicator) => {
            const v = await coalesced(p, indicator, budget, deadline, stats);
            if (v.verdict === 'unavailable') stats.unavailable[p.name] = (stats.unavailable[p.name] ?? 0) + 1;
            else fresh.push(v);
            push(v);
          }),
        ),
      );

      if (deps.cache && fresh.length > 0) {
        try {
          await deps.cache.putMany(
            fresh.map((v) => ({
              verdict: v,
              expiresAt:
                Math.floor(v.time / 1000) + (v.verdict === 'unknown' ? ttl.unknownSeconds : ttl.knownSeconds),
            })),
          );
        } catch (error) {
          deps.logger?.warn('intel cache write failed; verdicts not remembered', {
            error: (error as Error).message,
          });
        }
      }

      const verdictsOf = (f: FoundIndicator) => verdicts.get(indicatorKey(f.indicator)) ?? [];
      return {
        findings: findings.map((finding, i) => applyVerdicts(finding, perFinding[i] ?? [], verdictsOf)),
        stats,
      };
    },
  };

  /** One lookup per provider and indicator at a time, even across concurrent batches. */
  function coalesced(
    p: Provider,
    indicator: Indicator,
    budget: AbortSignal,
    deadline: number,
    stats: EnrichStats,
  ) {
    const key = cacheKey({ indicator, provider: p.name });
    const running = inFlight.get(key);
    if (running) return running;
    const promise = lookup(p, indicator, budget, deadline, stats).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  async function lookup(
    p: Provider,
    indicator: Indicator,
    budget: AbortSignal,
    deadline: number,
    stats: EnrichStats,
  ): Promise<Verdict> {
    const unavailable = (reason: string): Verdict => ({
      provider: p.name,
      indicator,
      verdict: 'unavailable',
      score: 0,
      time: deps.clock(),
      reason,
    });
    const limiter = limiters.get(p.name) as RateLimiter;
    const breaker = breakers.get(p.name) as CircuitBreaker;
    for (;;) {
      if (budget.aborted) return unavailable('enrichment budget exhausted');
      const wait = limiter.waitMs();
      if (wait === 0) break;
      if (deps.clock() + wait > deadline) return unavailable('rate limit: next slot is past the budget');
      try {
        await deps.sleep(wait, budget);
      } catch {
        return unavailable('enrichment budget exhausted');
      }
    }
    if (!breaker.allow()) return unavailable('circuit open after repeated failures');
    limiter.take();
    stats.calls[p.name] = (stats.calls[p.name] ?? 0) + 1;
    let outcome: Awaited<ReturnType<Provider['lookup']>> | undefined;
    try {
      outcome = await untilAborted(p.lookup(indicator, budget), budget);
    } catch (error) {
      breaker.failure();
      return unavailable(`${p.name}: ${(error as Error).message}`);
    }
    if (!outcome) {
      breaker.failure();
      return unavailable('enrichment budget exhausted');
    }
    if (!outcome.ok) {
      if (outcome.retryAfterMs !== undefined) limiter.pauseFor(outcome.retryAfterMs);
      breaker.failure({ fatal: outcome.kind === 'auth' });
      return unavailable(outcome.message);
    }
    breaker.success();
    return { provider: p.name, indicator, time: deps.clock(), ...outcome.result };
  }
}

/** Convenience for one batch: a fresh enricher (no state carried over). */
export async function enrichFindings(findings: readonly DetectionFinding[], deps: EnrichDeps) {
  return createEnricher(deps).enrich(findings);
}
