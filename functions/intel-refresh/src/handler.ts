import { S3Client } from '@aws-sdk/client-s3';
import type { FetchLike } from '@vigil/intel';
import { readConfig } from './config.ts';
import { createHandler } from './create-handler.ts';

/** Entry point of the intel-refresh Lambda, run daily by an EventBridge schedule. */
export const handler = createHandler(readConfig(), {
  s3: new S3Client({}),
  fetch: globalThis.fetch as FetchLike,
  clock: Date.now,
});
