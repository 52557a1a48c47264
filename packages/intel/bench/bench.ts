/**
 * Enrichment cost and liveness, in one run (`pnpm exec tsx packages/intel/bench/bench.ts`):
 * 1. 10,000 findings sharing 500 public source addresses, all five providers on the loopback
 *    server with their documented free-tier rate limits on a fake clock (VirusTotal's 4/min would
 *    otherwise take two hours), verdicts cached in dynalite: calls per provider on the first and a
 *    second run.
 * 2. Every provider failing or hanging, 1,000 findings, a 2 s budget: wall time against the budget.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable, type Loopback, startDynalite } from '@vigil/store/testing';
import { createDynamoCache } from '../src/cache/dynamo-cache.ts';
import { createEnricher } from '../src/enrich.ts';
import { type FetchLike, realSleep } from '../src/http.ts';
import { createProviders, PROVIDER_NAMES } from '../src/providers/registry.ts';
import { fakeTime } from '../src/testing/fake-time.ts';
import { sampleFinding } from '../src/testing/findings.ts';
import { startProviderServer } from '../src/testing/provider-server.ts';

const server = await startProviderServer();
const dynamo: Loopback<DynamoDBClient> = await startDynalite();
try {
  const ips = Array.from({ length: 500 }, (_, i) => `45.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);
  for (const ip of ips.slice(0, 50)) server.malicious.add(ip);
  const findings = Array.from({ length: 10_000 }, (_, i) => sampleFinding(`f-${i}`, ips[i % 500] as string));
  const cache = createDynamoCache({
    client: dynamo.client,
    tableName: await createTable(dynamo.client, 'intelCache'),
  });
  const time = fakeTime();
  const http = { fetch: globalThis.fetch as FetchLike, clock: time.clock, sleep: time.sleep };
  const providers = () => createProviders(server.keys, http, { baseUrls: server.baseUrls }).providers;
  const deps = { cache, clock: time.clock, sleep: time.sleep, budgetMs: 3 * 3600_000 };
  const count = () => Object.fromEntries(PROVIDER_NAMES.map((n) => [n, server.requests(n)]));

  const runs: string[] = [];
  for (const label of ['first run', 'second run (cached)']) {
    const before = count();
    const started = performance.now();
    const { findings: out, stats } = await createEnricher({ ...deps, providers: providers() }).enrich(
      findings,
    );
    const ms = performance.now() - started;
    const after = count();
    const calls = PROVIDER_NAMES.map((n) => `${n} ${(after[n] as number) - (before[n] as number)}`).join(
      ', ',
    );
    const raised = out.filter((f) => f.severity_id > 3).length;
    runs.push(
      `${label}: ${out.length} findings out, ${stats.indicators - 1} public indicators; calls: ${calls}; cache hits ${stats.cacheHits}; severity raised on ${raised}; ${ms.toFixed(0)} ms wall, ${((time.clock() - Date.UTC(2026, 10, 22)) / 60_000).toFixed(0)} min on the fake clock so far`,
    );
  }

  server.behave('virustotal', { mode: 'hang' });
  server.behave('abuseipdb', { mode: 'server-error' });
  server.behave('otx', { mode: 'hang' });
  server.behave('shodan', { mode: 'rate-limited', retryAfterSeconds: 3600 });
  server.behave('xforce', { mode: 'slow', delayMs: 30_000 });
  const failing = Array.from({ length: 1_000 }, (_, i) =>
    sampleFinding(`h-${i}`, `45.2.${Math.floor(i / 250)}.${(i % 250) + 1}`),
  );
  const budgetMs = 2_000;
  const started = performance.now();
  const { findings: out, stats } = await createEnricher({
    providers: createProviders(
      server.keys,
      {
        fetch: globalThis.fetch as FetchLike,
        clock: Date.now,
        sleep: realSleep,
      },
      { baseUrls: server.baseUrls },
    ).providers,
    clock: Date.now,
    sleep: realSleep,
    budgetMs,
  }).enrich(failing);
  const ms = performance.now() - started;
  const unavailable = PROVIDER_NAMES.map((n) => `${n} ${stats.unavailable[n]}`).join(', ');
  runs.push(
    `all failing/hanging: ${out.length}/${failing.length} findings out in ${ms.toFixed(0)} ms for a ${budgetMs} ms budget (ratio ${(ms / budgetMs).toFixed(2)}); unavailable: ${unavailable}; calls: ${PROVIDER_NAMES.map((n) => `${n} ${stats.calls[n]}`).join(', ')}`,
  );
  process.stdout.write(`${runs.join('\n')}\n`);
} finally {
  await server.stop();
  await dynamo.stop();
}
