export {
  type CachedVerdict,
  type CacheKey,
  type CacheTtl,
  createMemoryCache,
  DEFAULT_CACHE_TTL,
  type VerdictCache,
} from './cache/cache.ts';
export { createDynamoCache, type DynamoCacheOptions } from './cache/dynamo-cache.ts';
export { type BreakerPolicy, createCircuitBreaker, DEFAULT_BREAKER_POLICY } from './circuit-breaker.ts';
export { applyVerdicts, type Enrichment } from './combine.ts';
export {
  createEnricher,
  DEFAULT_BUDGET_MS,
  DEFAULT_RATE_LIMITS,
  type EnrichDeps,
  type Enricher,
  type EnrichLogger,
  type EnrichStats,
  enrichFindings,
} from './enrich.ts';
export { FeedParseError, IntelConfigError, IntelError } from './errors.ts';
export { DEFAULT_HTTP_POLICY, type FetchLike, type HttpDeps, type HttpPolicy, realSleep } from './http.ts';
export { type FoundIndicator, findingIndicators } from './indicators.ts';
export { canonicalIp, isPublicIp } from './ip.ts';
export { IpSet, type SetLookup } from './ip-set.ts';
export { createAbuseIpdb } from './providers/abuseipdb.ts';
export { type LoadedKeys, loadProviderKeys, type SecretReader } from './providers/keys.ts';
export { createOtx } from './providers/otx.ts';
export {
  createProviders,
  PROVIDER_NAMES,
  type ProviderKeys,
  type ProviderSetup,
} from './providers/registry.ts';
export { createShodan } from './providers/shodan.ts';
export { createVirusTotal } from './providers/virustotal.ts';
export { createXForce } from './providers/xforce.ts';
export { createRateLimiter, type RateLimit } from './rate-limiter.ts';
export { SET_DEFINITIONS, type SetDefinition } from './sets/definitions.ts';
export { parseFeed } from './sets/parsers.ts';
export { type RefreshOptions, type RefreshReport, refreshSets } from './sets/refresh.ts';
export {
  formatSetFile,
  loadSetDirectory,
  loadSets,
  type NamedSets,
  parseSetFile,
  type SetProblem,
  SNAPSHOT_DIR,
  setsFromTexts,
} from './sets/set-file.ts';
export type {
  Indicator,
  IndicatorType,
  LookupResult,
  Provider,
  ProviderOutcome,
  Verdict,
  VerdictKind,
} from './types.ts';
