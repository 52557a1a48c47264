import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundledIpDatabasePaths,
  createFeatureExtractor,
  createIpLookup,
  createMlStage,
  type IpDatabase,
  type MlStage,
  type NetworkEntry,
  ProfileCache,
  readIpDatabase,
  type ScoringModel,
} from '@vigil/features';
import type { CliOptions } from './args.ts';
import { InputError, UsageError } from './errors.ts';

/** The repository's trained models (`pnpm train` writes them); `--models` points elsewhere. */
export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../../models/', import.meta.url));

/** The ML stage of a CLI run, and how to keep its profiles when the run ends. */
export interface CliMl {
  stage: MlStage;
  profiles: ProfileCache;
  models: string[];
  /** Writes the changed profiles to `--state-dir`, when one was given. */
  save(): Promise<void>;
}

let ipDatabase: Promise<IpDatabase> | undefined;

/** The public IP → AS/country tables, read once per process (about half a second). */
export function sharedIpDatabase(): Promise<IpDatabase> {
  ipDatabase ??= readIpDatabase(bundledIpDatabasePaths());
  return ipDatabase;
}

async function readNetworks(file: string): Promise<NetworkEntry[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, code ? `cannot read: ${code}` : `not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!Array.isArray(value))
    throw new UsageError(`${file}: expected a JSON list of {cidr, asn, asnName?, country?}`);
  value.forEach((n: unknown, i) => {
    const e = n as NetworkEntry;
    if (typeof e?.cidr !== 'string' || typeof e.asn !== 'number')
      throw new UsageError(`${file}: entry ${i + 1} needs a "cidr" string and an "asn" number`);
  });
  return value as NetworkEntry[];
}

/**
 * Loads the models and the profiles for a run. No models (or `--no-models`) means rules only:
 * the caller says so once on stderr. Models need `@vigil/scoring` (onnxruntime), imported only
 * then, so a rules-only run starts as fast as before.
 */
export async function loadCliMl(
  options: Pick<CliOptions, 'models' | 'noModels' | 'stateDir' | 'networks'>,
  note: (line: string) => void,
): Promise<CliMl | undefined> {
  if (options.noModels) return undefined;
  const dir = options.models ?? DEFAULT_MODELS_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) {
    if (options.models !== undefined) throw new InputError(dir, 'no manifest.json: not a models folder');
    note(`vigil: no models in ${dir} (run pnpm train): rules only`);
    return undefined;
  }
  const { loadModels } = await import('@vigil/scoring');
  const models = (await loadModels(dir)) as ReadonlyMap<string, ScoringModel>;
  const profiles = new ProfileCache();
  const store = options.stateDir
    ? new (await import('@vigil/store')).LocalProfileStore(options.stateDir)
    : undefined;
  if (store) profiles.add(await store.loadAll());
  const networks = options.networks ? await readNetworks(options.networks) : [];
  const extractor = createFeatureExtractor({
    profiles,
    ipInfo: createIpLookup(await sharedIpDatabase(), networks),
    learningRows: false,
  });
  return {
    stage: createMlStage({ extractor, models }),
    profiles,
    models: [...models.keys()],
    async save() {
      if (store) await store.save(profiles.takeChanged());
    },
  };
}
