import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { s3SetReader } from '@vigil/fn-intel-refresh/s3-sets';
import { readConfig } from './config.ts';
import { createHandler } from './create-handler.ts';
import { ipDbPaths, loadMl } from './load-ml.ts';
import { loadRules } from './load-rules.ts';

/**
 * Entry point of the detect Lambda (bundled to index.mjs). Cold start reads the environment
 * and loads what the CLI runs — the catalog with the offline intel sets (intel-refresh's copies
 * in S3 when the bucket is configured, else or on failure the bundled ones), Sigma rules, the
 * models and the IP tables — from the copies next to the bundle.
 */
const config = readConfig();
const logger = new Logger();
// Bounded, so a slow S3 delays the cold start by seconds at most before the bundled copy is used.
const readSet = config.intelSetsBucket
  ? s3SetReader(
      new S3Client({ maxAttempts: 2, requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 } }),
      config.intelSetsBucket,
    )
  : undefined;
const [detection, ml] = await Promise.all([
  loadRules(config, {
    ...(readSet ? { readSet } : {}),
    warn: (message, details) => logger.warn(message, details),
  }),
  loadMl(config.modelsDir, ipDbPaths(config.ipDbDir)),
]);

export const handler = createHandler(config, { ...detection, ml });
