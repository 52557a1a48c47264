import {
  createEnricher,
  createMemoryCache,
  createProviders,
  type EnrichStats,
  type FetchLike,
  loadSetDirectory,
  PROVIDER_NAMES,
  type ProviderKeys,
  realSleep,
} from '@vigil/intel';
import type { DetectionFinding } from '@vigil/schema';
import { UsageError } from './errors.ts';

/** Environment variables `pnpm detect --enrich` reads; a provider whose key is unset is off. */
const KEY_VARS: Readonly<Record<keyof ProviderKeys, string>> = {
  virustotal: 'VIGIL_VIRUSTOTAL_API_KEY',
  abuseipdb: 'VIGIL_ABUSEIPDB_API_KEY',
  otx: 'VIGIL_OTX_API_KEY',
  shodan: 'VIGIL_SHODAN_API_KEY',
  xforce: 'VIGIL_XFORCE_API_KEY',
  xforcePassword: 'VIGIL_XFORCE_API_PASSWORD',
};

/** Findings are enriched this many at a time, so one lookup serves every finding sharing an indicator. */
export const ENRICH_BATCH = 500;

export interface CliEnrichment {
  enrich(findings: readonly DetectionFinding[]): Promise<DetectionFinding[]>;
  /** Lines for the run summary: which providers ran, what they cost, what they found. */
  summary(): string;
}

/**
 * Threat-intel enrichment for the local run: offline sets always, each provider whose key is in
 * the environment (`VIGIL_<PROVIDER>_URL` points one at a mirror or a test server), verdicts
 * cached for the run. Keys are read here and never printed.
 */
export async function loadCliEnrichment(
  env: Readonly<Record<string, string | undefined>>,
  clock: () => number,
): Promise<CliEnrichment> {
  const keys: ProviderKeys = {};
  for (const [name, variable] of Object.entries(KEY_VARS)) {
    const value = env[variable]?.trim();
    if (value) keys[name as keyof ProviderKeys] = value;
  }
  const baseUrls: Partial<Record<(typeof PROVIDER_NAMES)[number], string>> = {};
  for (const name of PROVIDER_NAMES) {
    const url = env[`VIGIL_${name.toUpperCase()}_URL`];
    if (url) baseUrls[name] = url;
  }
  const budget = env.VIGIL_INTEL_BUDGET_MS;
  if (budget !== undefined && !/^\d+$/.test(budget))
    throw new UsageError(`VIGIL_INTEL_BUDGET_MS must be a whole number of milliseconds, got "${budget}"`);
  let setup: ReturnType<typeof createProviders>;
  try {
    setup = createProviders(
      keys,
      { fetch: globalThis.fetch as FetchLike, clock, sleep: realSleep },
      { baseUrls },
    );
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const sets = await loadSetDirectory();
  const enricher = createEnricher({
    providers: setup.providers,
    sets,
    cache: createMemoryCache(),
    clock,
    sleep: realSleep,
    ...(budget ? { budgetMs: Number(budget) } : {}),
  });
  const total: EnrichStats = {
    findings: 0,
    indicators: 0,
    calls: {},
    cacheHits: 0,
    unavailable: {},
    setMatches: 0,
  };
  let raised = 0;
  return {
    async enrich(findings) {
      const { findings: out, stats } = await enricher.enrich(findings);
      total.findings += stats.findings;
      total.indicators += stats.indicators;
      total.cacheHits += stats.cacheHits;
      total.setMatches += stats.setMatches;
      for (const [p, n] of Object.entries(stats.calls)) total.calls[p] = (total.calls[p] ?? 0) + n;
      for (const [p, n] of Object.entries(stats.unavailable))
        total.unavailable[p] = (total.unavailable[p] ?? 0) + n;
      raised += out.filter((f, i) => f.severity_id !== findings[i]?.severity_id).length;
      return out;
    },
    summary() {
      const on = setup.providers.map(
        (p) => `${p.name} (${total.calls[p.name] ?? 0} calls, ${total.unavailable[p.name] ?? 0} unavailable)`,
      );
      const off = setup.off.map((o) => `${o.name} (${o.reason})`);
      const setList = [...sets].map(([name, s]) => `${name} ${s.size}`);
      return [
        `Enrichment: ${total.findings.toLocaleString('en-US')} findings, ${total.indicators.toLocaleString('en-US')} distinct indicators, severity raised on ${raised}`,
        `  providers on: ${on.join(' · ') || 'none'}`,
        `  providers off: ${off.join(' · ') || 'none'}`,
        `  offline sets: ${setList.join(' · ')} (${total.setMatches} matches); cache hits ${total.cacheHits}`,
        '',
      ].join('\n');
    },
  };
}
