import { loadDetection } from '@vigil/cli';
import { readConfig } from './config.ts';
import { createHandler } from './create-handler.ts';
import { ipDbPaths, loadMl } from './load-ml.ts';

/**
 * Entry point of the detect Lambda (bundled to index.mjs). Cold start reads the environment
 * and loads what the CLI runs — the catalog with the offline intel sets, Sigma rules, the
 * models and the IP tables — from the copies next to the bundle.
 */
const config = readConfig();
const [detection, ml] = await Promise.all([
  loadDetection(
    { rules: [], sigma: [] },
    { catalogDir: config.catalogDir, sigmaDir: config.sigmaDir, setsDir: config.intelSetsDir },
  ),
  loadMl(config.modelsDir, ipDbPaths(config.ipDbDir)),
]);

export const handler = createHandler(config, { ...detection, ml });
