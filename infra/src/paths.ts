import { fileURLToPath } from 'node:url';

const fromRepo = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** Absolute paths of what the app bundles, so synth works from any checkout location. */
export const REPO_PATHS = {
  root: fromRepo(''),
  lockFile: fromRepo('pnpm-lock.yaml'),
  detectEntry: fromRepo('functions/detect/src/handler.ts'),
  scoringPackage: fromRepo('packages/scoring'),
  featuresPackage: fromRepo('packages/features'),
  intelSets: fromRepo('packages/intel/sets'),
  catalog: fromRepo('packages/rules/catalog'),
  sigma: fromRepo('packages/sigma/rules'),
  models: fromRepo('models'),
};
