import { readFile } from 'node:fs/promises';
import { type Analytic, compileSuppressions, type Signal } from '@vigil/detect';
import { loadSetDirectory, type NamedSets, SNAPSHOT_DIR } from '@vigil/intel';
import { compileRule, loadCatalog } from '@vigil/rules';
import { loadSigmaDirectory, VIGIL_SIGMA_RULES_DIR } from '@vigil/sigma';
import { parse as parseYaml } from 'yaml';
import type { CliOptions } from './args.ts';
import { InputError, UsageError } from './errors.ts';

export interface Detection {
  analytics: Analytic[];
  suppress?: (signal: Signal) => string | undefined;
}

/** Where Vigil's own catalog and Sigma rules live, when not next to their packages' sources. */
export interface DetectionDirs {
  catalogDir?: string;
  /**
   * Offline intel sets (`inSet` in rules). Defaults to the snapshot in packages/intel/sets when
   * the catalog is the repository's; a bundle that moves the catalog must pass its copy.
   */
  setsDir?: string;
  /** The sets already loaded (the detect Lambda's S3 copies): used instead of `setsDir`. */
  sets?: NamedSets;
  sigmaDir?: string;
}

/**
 * Vigil's catalog plus the user's rule folders and suppressions. A broken rule or suppression
 * file stops the run before any input is read, naming the file and the problem. The detect
 * Lambda calls this too, with `dirs` pointing at the copies bundled next to its code.
 */
export async function loadDetection(
  options: Pick<CliOptions, 'rules' | 'sigma' | 'suppressions'>,
  dirs: DetectionDirs = {},
): Promise<Detection> {
  let analytics: Analytic[];
  try {
    const setsDir = dirs.setsDir ?? (dirs.catalogDir ? undefined : SNAPSHOT_DIR);
    const sets = dirs.sets ?? (setsDir ? await loadSetDirectory(setsDir) : undefined);
    analytics = (await loadCatalog(options.rules, dirs.catalogDir, sets ? { sets } : {})).map(compileRule);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new InputError(options.rules.join(', '), `cannot read rules: ${code}`, { cause: error });
    throw new UsageError((error as Error).message, { cause: error });
  }
  for (const dir of [dirs.sigmaDir ?? VIGIL_SIGMA_RULES_DIR, ...options.sigma]) {
    const sigma = await loadSigmaDirectory(dir);
    if (sigma.errors.length > 0) {
      throw new UsageError(
        `${sigma.errors.length} Sigma rule file(s) failed to load:\n${sigma.errors.join('\n')}`,
      );
    }
    analytics.push(...sigma.analytics);
  }
  if (!options.suppressions) return { analytics };
  let text: string;
  try {
    text = await readFile(options.suppressions, 'utf8');
  } catch (error) {
    throw new InputError(options.suppressions, `cannot read: ${(error as NodeJS.ErrnoException).code}`, {
      cause: error,
    });
  }
  try {
    return { analytics, suppress: compileSuppressions(parseYaml(text), options.suppressions) };
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}
