import { type FetchLike, parseSetFile, SET_DEFINITIONS } from '@vigil/intel';
import { type FeedServer, startFeedServer } from '@vigil/intel/testing';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from './config.ts';
import { createHandler } from './create-handler.ts';
import { startLoopbackS3 } from './loopback-s3.test-helper.ts';

const context = {
  awsRequestId: 'req-1',
  functionName: 'intel-refresh',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

/** Routes each known feed URL to the loopback feed server, so the handler runs with its real feed list. */
function routedFetch(feeds: FeedServer, paths: Record<string, string>): FetchLike {
  return (url, init) => {
    const def = SET_DEFINITIONS.find((d) => d.feed?.url === url);
    const target = def ? paths[def.name] : undefined;
    return globalThis.fetch(
      target ? feeds.url(target) : 'http://127.0.0.1:9/unrouted',
      init,
    ) as ReturnType<FetchLike>;
  };
}

let s3: Awaited<ReturnType<typeof startLoopbackS3>>;
let feeds: FeedServer;
beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'vigil-intel-refresh');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Vigil');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'CRITICAL');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  s3 = await startLoopbackS3();
  feeds = await startFeedServer({
    '/tor': [200, `${Array.from({ length: 120 }, (_, i) => `185.220.101.${i}`).join('\n')}\n`],
    '/feodo': [200, '# Feodo Tracker\n192.0.2.21\n'],
    '/threatfox': [
      200,
      '"2026-11-21 10:00:00", "1", "192.0.2.10:443", "ip:port", "botnet_cc", "x", "", "X", "", "100", "", "", "0", "abuse_ch"\n',
    ],
    '/drop': [
      200,
      `${Array.from({ length: 100 }, (_, i) => JSON.stringify({ cidr: `1.${i}.0.0/16`, sblid: `SBL${i}` })).join('\n')}\n`,
    ],
    '/down': [502, 'Bad Gateway'],
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await s3.stop();
  await feeds.stop();
});

describe('intel-refresh handler', () => {
  const config = readConfig({ VIGIL_INTEL_SETS_BUCKET: 'vigil-intel', VIGIL_INTEL_SETS_PREFIX: 'sets/' });

  it('writes every refreshed set to S3 under the prefix and reports the curated one kept', async () => {
    const handler = createHandler(config, {
      s3: s3.client,
      fetch: routedFetch(feeds, {
        tor_exit: '/tor',
        feodo_c2: '/feodo',
        threatfox_ip: '/threatfox',
        spamhaus_drop: '/drop',
      }),
      clock: () => Date.UTC(2026, 10, 22, 4),
    });
    const { reports } = await handler(undefined, context);
    expect(reports.map((r) => [r.name, r.status])).toEqual([
      ['tor_exit', 'updated'],
      ['feodo_c2', 'updated'],
      ['threatfox_ip', 'updated'],
      ['spamhaus_drop', 'updated'],
      ['mining_pool', 'kept'],
    ]);
    const tor = s3.objects.get('vigil-intel/sets/tor_exit.txt');
    expect(tor?.contentType).toBe('text/plain; charset=utf-8');
    const parsed = parseSetFile(tor?.body.toString('utf8') ?? '', 'tor_exit.txt');
    expect(parsed.entries).toHaveLength(120);
    expect(parsed.meta.fetched).toBe('2026-11-22T04:00:00.000Z');
  });

  it('keeps the old object of a failing feed and still succeeds when others refresh', async () => {
    const before = s3.puts.length;
    const handler = createHandler(config, {
      s3: s3.client,
      fetch: routedFetch(feeds, {
        tor_exit: '/down',
        feodo_c2: '/feodo',
        threatfox_ip: '/down',
        spamhaus_drop: '/down',
      }),
      clock: Date.now,
    });
    const { reports } = await handler(undefined, context);
    expect(reports.find((r) => r.name === 'tor_exit')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('HTTP 502'),
    });
    expect(s3.puts.slice(before)).toEqual(['vigil-intel/sets/feodo_c2.txt']);
  });

  it('fails the invocation when every feed fails, so the errors alarm fires', async () => {
    const handler = createHandler(config, { s3: s3.client, fetch: routedFetch(feeds, {}), clock: Date.now });
    await expect(handler(undefined, context)).rejects.toThrow(/every feed failed/);
  });

  it('reports an S3 write failure as that feed failing', async () => {
    s3.failPuts(true);
    try {
      const handler = createHandler(config, {
        s3: s3.client,
        fetch: routedFetch(feeds, { feodo_c2: '/feodo' }),
        clock: Date.now,
      });
      await expect(handler(undefined, context)).rejects.toThrow(
        /every feed failed: .*Reduce your request rate/,
      );
    } finally {
      s3.failPuts(false);
    }
  });
});

describe('readConfig', () => {
  it('names a missing bucket and rejects a prefix without a trailing slash', () => {
    expect(() => readConfig({})).toThrow(/VIGIL_INTEL_SETS_BUCKET is required/);
    expect(() => readConfig({ VIGIL_INTEL_SETS_BUCKET: 'b', VIGIL_INTEL_SETS_PREFIX: 'sets' })).toThrow(
      /end with "\/"/,
    );
    expect(readConfig({ VIGIL_INTEL_SETS_BUCKET: 'b' })).toEqual({
      bucket: 'b',
      prefix: 'sets/',
      timeoutMs: 30_000,
    });
  });
});
