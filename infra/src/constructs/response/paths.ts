import { fileURLToPath } from 'node:url';

const fromRepo = (relative: string) => fileURLToPath(new URL(`../../../../${relative}`, import.meta.url));

/** Where the respond Lambdas' sources and bundled data live in the repository. */
export const RESPOND_PATHS = {
  repoRoot: fromRepo(''),
  entry: fromRepo('functions/respond/src/handler.ts'),
  lockFile: fromRepo('pnpm-lock.yaml'),
  guardrails: fromRepo('packages/response/guardrails.yml'),
  intelSets: fromRepo('packages/intel/sets'),
};
