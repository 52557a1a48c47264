import { type Detection, loadDetection } from '@vigil/cli';
import { loadSetDirectory, loadSets, type NamedSets } from '@vigil/intel';
import type { DetectConfig } from './config.ts';

export interface LoadRulesDeps {
  /** Reads `<name>.txt` as intel-refresh last wrote it (S3), undefined when absent. */
  readSet?: (name: string) => Promise<string | undefined>;
  /** Told which sets came from the bundled snapshot: the set's name and the error's class only. */
  warn: (message: string, details: { set: string; error: string }) => void;
}

/**
 * The catalog with the offline intel sets, and the Sigma rules, once per cold start. With a
 * reader each set is the copy intel-refresh wrote last (refreshed daily, so the `inSet` rules see
 * today's Tor exits and C2 servers); a set it cannot supply — missing, unreadable, malformed —
 * comes from the snapshot bundled next to index.mjs, so S3 trouble costs freshness, never the
 * cold start. The object's text is never logged: a malformed one may carry anything.
 */
export async function loadRules(
  config: Pick<DetectConfig, 'catalogDir' | 'sigmaDir' | 'intelSetsDir'>,
  deps: LoadRulesDeps,
): Promise<Detection> {
  let sets: NamedSets;
  if (deps.readSet) {
    const loaded = await loadSets(deps.readSet, config.intelSetsDir);
    for (const { set, error } of loaded.problems)
      deps.warn('intel set from the bundled snapshot', { set, error });
    sets = loaded.sets;
  } else sets = await loadSetDirectory(config.intelSetsDir);
  return loadDetection(
    { rules: [], sigma: [] },
    { catalogDir: config.catalogDir, sigmaDir: config.sigmaDir, sets },
  );
}
