import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { validateFinding } from '@vigil/schema';
import { createTable, type Loopback, startDynalite } from '@vigil/store/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCache } from './cache/cache.ts';
import { createDynamoCache } from './cache/dynamo-cache.ts';
import { createEnricher, enrichFindings } from './enrich.ts';
import type { FetchLike } from './http.ts';
import { IpSet } from './ip-set.ts';
import { createProviders, PROVIDER_NAMES } from './providers/registry.ts';
import { fakeTime } from './testing/fake-time.ts';
import { sampleFinding } from './testing/findings.ts';
import { type ProviderServer, startProviderServer } from './testing/provider-server.ts';

let server: ProviderServer;
let dynamo: Loopback<DynamoDBClient>;
beforeAll(async () => {
  server = await startProviderServer();
  dynamo = await startDynalite();
});
afterAll(async () => {
  await server.stop();
  await dynamo.stop();
});
beforeEach(() => {
  server.malicious.clear();
  server.unknown.clear();
  for (const name of PROVIDER_NAMES) server.behave(name, { mode: 'normal' });
});

const POLICY = { timeoutMs: 2_000, retries: 1, backoffMs: 5, maxRetryAfterMs: 1_000 };

function providers(time: ReturnType<typeof fakeTime>, policy = POLICY) {
  return createProviders(
    server.keys,
    { fetch: globalThis.fetch as FetchLike, clock: time.clock, sleep: time.sleep },
    { baseUrls: server.baseUrls, policy },
  ).providers;
}

/** Public addresses 45.x.y.z (outside every special-purpose range), n of them. */
const publicIps = (n: number, salt: number) =>
  Array.from({ length: n }, (_, i) => `45.${salt}.${Math.floor(i / 250)}.${(i % 250) + 1}`);

describe('enrichFindings', () => {
  it('10,000 findings sharing 500 indicators: at most 500 calls per provider, none on a cached second run', async () => {
    const time = fakeTime();
    const ips = publicIps(500, 1);
    const findings = Array.from({ length: 10_000 }, (_, i) =>
      sampleFinding(`f-${i}`, ips[i % 500] as string),
    );
    const table = await createTable(dynamo.client, 'intelCache', 'intel-cache-acceptance');
    const cache = createDynamoCache({ client: dynamo.client, tableName: table });
    const before = Object.fromEntries(PROVIDER_NAMES.map((n) => [n, server.requests(n)]));
    // Documented free-tier rate limits, on a fake clock: VirusTotal's 4/min means 125 minutes of waiting, in no wall time.
    const deps = {
      providers: providers(time),
      cache,
      clock: time.clock,
      sleep: time.sleep,
      budgetMs: 3 * 3600_000,
    };

    const first = await createEnricher(deps).enrich(findings);
    const calls = Object.fromEntries(
      PROVIDER_NAMES.map((n) => [n, server.requests(n) - (before[n] as number)]),
    );
    expect(first.findings).toHaveLength(10_000);
    for (const n of PROVIDER_NAMES) {
      expect(calls[n]).toBeLessThanOrEqual(500);
      expect(calls[n]).toBe(first.stats.calls[n]);
    }
    // 500 public sources plus the one private destination they share (matched locally, never sent).
    expect(first.stats.indicators).toBe(501);

    const mid = Object.fromEntries(PROVIDER_NAMES.map((n) => [n, server.requests(n)]));
    const second = await createEnricher({ ...deps, providers: providers(time) }).enrich(findings);
    for (const n of PROVIDER_NAMES) expect(server.requests(n) - (mid[n] as number)).toBe(0);
    expect(second.stats.cacheHits).toBe(500 * PROVIDER_NAMES.length);
    expect(second.findings).toHaveLength(10_000);
  });

  it('every provider failing or hanging: the batch ends within its budget and every finding is emitted, marked unavailable', async () => {
    server.behave('virustotal', { mode: 'hang' });
    server.behave('abuseipdb', { mode: 'server-error' });
    server.behave('otx', { mode: 'hang' });
    server.behave('shodan', { mode: 'rate-limited', retryAfterSeconds: 3600 });
    server.behave('xforce', { mode: 'unauthorized' });
    const time = fakeTime();
    const ips = publicIps(40, 2);
    const findings = ips.map((ip, i) => sampleFinding(`h-${i}`, ip));
    const { findings: out, stats } = await enrichFindings(findings, {
      providers: providers(time, { timeoutMs: 30_000, retries: 2, backoffMs: 5, maxRetryAfterMs: 1_000 }),
      clock: time.clock,
      sleep: time.sleep,
      budgetMs: 300,
    });
    expect(out).toHaveLength(findings.length);
    for (const f of out) {
      expect(validateFinding(f)).toMatchObject({ ok: true });
      const enrichments = f.enrichments ?? [];
      expect(new Set(enrichments.map((e) => e.provider))).toEqual(new Set(PROVIDER_NAMES));
      for (const e of enrichments) expect(e.short_desc).toBe('unavailable');
      expect(f.severity_id).toBe(3);
    }
    for (const n of PROVIDER_NAMES) expect(stats.unavailable[n]).toBe(40);
    // The hanging providers were cut off by the 300 ms budget, not by their 30 s request timeouts.
    const reasons = (provider: string) =>
      new Set(
        out
          .flatMap((f) => f.enrichments ?? [])
          .filter((e) => e.provider === provider)
          .map((e) => e.desc),
      );
    expect(reasons('virustotal')).toEqual(new Set(['enrichment budget exhausted']));
    expect(reasons('otx')).toEqual(new Set(['enrichment budget exhausted']));
    expect([...reasons('xforce')][0]).toMatch(/HTTP 401|circuit open/);
  }, 10_000);

  it('trips the circuit breaker: a dead provider is not called for every indicator', async () => {
    server.behave('abuseipdb', { mode: 'server-error' });
    const time = fakeTime();
    const before = server.requests('abuseipdb');
    const { stats } = await enrichFindings(
      publicIps(50, 3).map((ip, i) => sampleFinding(`b-${i}`, ip)),
      {
        providers: providers(time).filter((p) => p.name === 'abuseipdb'),
        clock: time.clock,
        sleep: time.sleep,
        concurrency: 1,
        breaker: { failures: 3, cooldownMs: 60_000 },
      },
    );
    expect(server.requests('abuseipdb') - before).toBe(3 * (POLICY.retries + 1));
    expect(stats.unavailable.abuseipdb).toBe(50);
  });

  it('honours a long Retry-After: no more calls to that provider until it has passed', async () => {
    server.behave('shodan', { mode: 'rate-limited', retryAfterSeconds: 600 });
    const time = fakeTime();
    const before = server.requests('shodan');
    const { stats } = await enrichFindings(
      publicIps(10, 6).map((ip, i) => sampleFinding(`r-${i}`, ip)),
      {
        providers: providers(time).filter((p) => p.name === 'shodan'),
        clock: time.clock,
        sleep: time.sleep,
        concurrency: 1,
        budgetMs: 60_000,
      },
    );
    expect(server.requests('shodan') - before).toBe(1);
    expect(stats.unavailable.shodan).toBe(10);
  });

  it('a rejected key opens the breaker at once', async () => {
    server.behave('otx', { mode: 'unauthorized' });
    const time = fakeTime();
    const before = server.requests('otx');
    await enrichFindings(
      publicIps(20, 4).map((ip, i) => sampleFinding(`k-${i}`, ip)),
      {
        providers: providers(time).filter((p) => p.name === 'otx'),
        clock: time.clock,
        sleep: time.sleep,
        concurrency: 1,
      },
    );
    expect(server.requests('otx') - before).toBe(1);
  });

  it('a known-malicious source raises severity one level and records OCSF enrichments per provider', async () => {
    const bad = '45.9.9.9';
    server.malicious.add(bad);
    const time = fakeTime();
    const { findings } = await enrichFindings(
      [sampleFinding('m-1', bad, '10.0.0.1', 3), sampleFinding('m-2', '45.9.9.10', '10.0.0.1', 3)],
      {
        providers: providers(time),
        clock: time.clock,
        sleep: time.sleep,
        cache: createMemoryCache(),
      },
    );
    const [hit, clean] = findings as [(typeof findings)[0], (typeof findings)[0]];
    expect(validateFinding(hit)).toMatchObject({ ok: true });
    expect(hit.severity_id).toBe(4);
    expect(hit.severity).toBe('High');
    expect(hit.risk_score).toBe(64);
    expect(hit.unmapped).toMatchObject({ intel_raised_from_severity_id: 3 });
    const vt = hit.enrichments?.find((e) => e.provider === 'virustotal');
    expect(vt).toMatchObject({
      name: 'evidences.src_endpoint.ip',
      value: bad,
      type: 'ip_reputation',
      created_time: time.clock(),
      data: { verdict: 'malicious' },
    });
    expect(clean.severity_id).toBe(3);
    expect(
      clean.enrichments?.every((e) => e.data && (e.data as { verdict: string }).verdict !== 'malicious'),
    ).toBe(true);
  });

  it('raises at most one level however many sources agree, and never twice for the same finding', async () => {
    const bad = '45.9.9.11';
    server.malicious.add(bad);
    const time = fakeTime();
    const deps = {
      providers: providers(time),
      clock: time.clock,
      sleep: time.sleep,
      sets: new Map([['feodo_c2', new IpSet('feodo_c2', [bad])]]),
    };
    const { findings } = await enrichFindings(
      [sampleFinding('c-1', bad, '10.0.0.1', 5), sampleFinding('c-2', bad, '10.0.0.1', 2)],
      deps,
    );
    expect(findings.map((f) => f.severity_id)).toEqual([5, 3]);
    const again = await enrichFindings(findings, deps);
    expect(again.findings.map((f) => f.severity_id)).toEqual([5, 3]);
  });

  it('never sends private or reserved addresses out, but still matches them against offline sets', async () => {
    const time = fakeTime();
    const before = Object.fromEntries(PROVIDER_NAMES.map((n) => [n, server.requests(n)]));
    const sets = new Map([['mining_pool', new IpSet('mining_pool', ['203.0.113.90', 'nanopool.org'])]]);
    const { findings, stats } = await enrichFindings([sampleFinding('p-1', '10.1.2.3', '203.0.113.90')], {
      providers: providers(time),
      clock: time.clock,
      sleep: time.sleep,
      sets,
    });
    for (const n of PROVIDER_NAMES) expect(server.requests(n)).toBe(before[n]);
    expect(stats.setMatches).toBe(1);
    expect(findings[0]?.enrichments).toEqual([
      expect.objectContaining({
        name: 'evidences.dst_endpoint.ip',
        value: '203.0.113.90',
        provider: 'set:mining_pool',
        data: { verdict: 'suspicious', score: 60, details: expect.any(Object) },
      }),
    ]);
  });

  it('coalesces concurrent batches: one call per indicator and provider while a lookup is in flight', async () => {
    server.behave('abuseipdb', { mode: 'slow', delayMs: 50 });
    const time = fakeTime();
    const enricher = createEnricher({
      providers: providers(time).filter((p) => p.name === 'abuseipdb'),
      clock: time.clock,
      sleep: time.sleep,
    });
    const before = server.requests('abuseipdb');
    const batch = publicIps(5, 5).map((ip, i) => sampleFinding(`co-${i}`, ip));
    const [a, b] = await Promise.all([enricher.enrich(batch), enricher.enrich(batch)]);
    expect(server.requests('abuseipdb') - before).toBe(5);
    expect(a.findings).toHaveLength(5);
    expect(b.findings[0]?.enrichments?.[0]?.provider).toBe('abuseipdb');
  });

  it('without providers or sets, findings come back unchanged', async () => {
    const time = fakeTime();
    const f = sampleFinding('n-1', '45.1.1.1');
    const { findings } = await enrichFindings([f], { providers: [], clock: time.clock, sleep: time.sleep });
    expect(findings[0]).toEqual(f);
  });
});
