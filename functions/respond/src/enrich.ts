import {
  createEnricher,
  createProviders,
  type FetchLike,
  loadProviderKeys,
  loadSetDirectory,
  loadSets,
  realSleep,
  type VerdictCache,
} from '@vigil/intel';
import type { DetectionFinding } from '@vigil/schema';

/** Providers whose keys Vigil keeps in Secrets Manager (`IntegrationSecrets`). */
export const INTEL_SECRET_PROVIDERS = ['virustotal', 'abuseipdb', 'otx', 'shodan', 'xforce'] as const;
export type IntelSecretProvider = (typeof INTEL_SECRET_PROVIDERS)[number];

export interface IntelEnrichDeps {
  clock: () => number;
  /** The snapshot bundled next to index.mjs: every set, and the fallback of each refreshed one. */
  setsDir?: string;
  /** Where each provider's key is (a secret ARN or name); providers without one stay off. */
  secretIds?: Readonly<Partial<Record<IntelSecretProvider, string>>>;
  /** Reads a secret's string (Powertools `getSecret` in the Lambda). */
  getSecret?: (id: string) => Promise<string | undefined>;
  /** Reads `<name>.txt` as intel-refresh last wrote it (S3), undefined when absent. */
  readSet?: (name: string) => Promise<string | undefined>;
  /** Verdicts kept between invocations (the intel-cache table). */
  cache?: VerdictCache;
  fetch?: FetchLike;
  /** Provider API base URLs (tests point them at a local server speaking the providers' APIs). */
  baseUrls?: Readonly<Record<string, string>>;
  /** Told which providers are off and which sets fell back, by name and reason (never a key). */
  warn?: (message: string, details: Record<string, unknown>) => void;
}

export type Enrich = (findings: readonly DetectionFinding[]) => Promise<{ findings: DetectionFinding[] }>;

/**
 * Threat-intel enrichment for triage, built once per cold start: providers whose API keys the
 * secrets hold (a missing, empty or malformed secret leaves its provider off, named in a
 * warning), the offline sets as intel-refresh last wrote them with the bundled snapshot as the
 * fallback of each, and the verdict cache. Rate limiters and breakers live as long as the
 * instance; a rotated key is read at the next cold start.
 */
export async function intelEnrich(deps: IntelEnrichDeps): Promise<Enrich> {
  const { clock, warn } = deps;
  const loaded =
    deps.secretIds && deps.getSecret
      ? await loadProviderKeys(deps.getSecret, deps.secretIds)
      : { keys: {}, problems: [] };
  const { providers, off } = createProviders(
    loaded.keys,
    { fetch: deps.fetch ?? fetch, clock, sleep: realSleep },
    deps.baseUrls ? { baseUrls: deps.baseUrls } : {},
  );
  if (loaded.problems.length > 0 || off.length > 0)
    warn?.('intel providers off', { problems: loaded.problems, off: off.map((o) => o.name) });
  let sets: Awaited<ReturnType<typeof loadSetDirectory>>;
  if (deps.readSet) {
    const result = await loadSets(deps.readSet, deps.setsDir);
    sets = result.sets;
    if (result.problems.length > 0)
      // Only the set and error class: a reason can quote the object, which is not ours to log.
      warn?.('intel sets from the bundled snapshot', {
        problems: result.problems.map(({ set, error }) => ({ set, error })),
      });
  } else sets = await loadSetDirectory(deps.setsDir);
  const enricher = createEnricher({
    providers,
    sets,
    ...(deps.cache ? { cache: deps.cache } : {}),
    clock,
    sleep: realSleep,
  });
  return (findings) => enricher.enrich(findings);
}
