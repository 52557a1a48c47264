import { loadDetection } from '@vigil/cli';
import { readConfig } from './config.ts';
import { createHandler } from './create-handler.ts';

/**
 * Entry point of the detect Lambda (bundled to index.mjs). Cold start reads the environment
 * and loads the same catalog and Sigma rules the CLI runs, from the copies next to the bundle.
 */
const config = readConfig();
const detection = await loadDetection(
  { rules: [], sigma: [] },
  { catalogDir: config.catalogDir, sigmaDir: config.sigmaDir },
);

export const handler = createHandler(config, detection);
