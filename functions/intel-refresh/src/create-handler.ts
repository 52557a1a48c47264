import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import { type FetchLike, type RefreshReport, refreshSets } from '@vigil/intel';
import type { RefreshConfig } from './config.ts';
import { RefreshFailedError } from './errors.ts';
import { setObjectKey } from './s3-sets.ts';

export interface RefreshDeps {
  s3: S3Client;
  fetch: FetchLike;
  clock: () => number;
}

/**
 * The scheduled refresh: download every feed, write each good one to S3, report the rest. A
 * feed that fails keeps last run's object; only when all fail does the invocation fail.
 */
export function createHandler(config: RefreshConfig, deps: RefreshDeps) {
  const logger = new Logger();
  const metrics = new Metrics();
  const tracer = new Tracer();
  const s3 = tracer.captureAWSv3Client(deps.s3);

  async function refresh(): Promise<{ reports: RefreshReport[] }> {
    const reports = await refreshSets({
      fetch: deps.fetch,
      clock: deps.clock,
      timeoutMs: config.timeoutMs,
      write: async (name, text) => {
        await s3.send(
          new PutObjectCommand({
            Bucket: config.bucket,
            Key: setObjectKey(config.prefix, name),
            Body: text,
            ContentType: 'text/plain; charset=utf-8',
          }),
        );
      },
    });
    for (const r of reports) {
      metrics.addMetric(
        `Feed${r.status === 'updated' ? 'Updated' : r.status === 'failed' ? 'Failed' : 'Kept'}`,
        MetricUnit.Count,
        1,
      );
      if (r.status === 'failed') logger.warn('feed kept its previous set', { set: r.name, reason: r.reason });
      else logger.info('feed', { set: r.name, status: r.status, entries: r.entries });
    }
    const fed = reports.filter((r) => r.status !== 'kept');
    if (fed.length > 0 && fed.every((r) => r.status === 'failed'))
      throw new RefreshFailedError(
        `intel-refresh: every feed failed: ${fed.map((r) => r.reason).join('; ')}`,
      );
    return { reports };
  }

  return middy(refresh)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
