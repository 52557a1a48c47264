import { createEnricher, loadSetDirectory, realSleep } from '@vigil/intel';
import type { DetectionFinding } from '@vigil/schema';

/**
 * Threat-intel enrichment for triage: the offline sets (Tor exits, C2 and DROP lists, mining
 * pools) in `setsDir`, or `@vigil/intel`'s snapshot when omitted. Provider lookups need API keys
 * from Secrets Manager and join when the intel deployment provides them.
 */
export async function intelEnrich(
  clock: () => number,
  setsDir?: string,
): Promise<(findings: readonly DetectionFinding[]) => Promise<{ findings: DetectionFinding[] }>> {
  const enricher = createEnricher({
    providers: [],
    sets: await loadSetDirectory(setsDir),
    clock,
    sleep: realSleep,
  });
  return (findings) => enricher.enrich(findings);
}
